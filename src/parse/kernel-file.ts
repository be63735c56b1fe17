import { existsSync, readFileSync } from 'node:fs';
import { compileKernel, type WasmModule } from './kernel.js';
import { packagePath } from '../io/bundled.js';
import { currentIo } from '../io/context.js';

let kernel: WasmModule | null | undefined;

/**
 * The compiled WebAssembly scanning kernel, from dist/scan.wasm (written by `npm run build`
 * from src/parse/scan.wat), once per thread. Undefined when it is not there — running from
 * source without a build — or cannot be compiled: the JavaScript scanner then does all the work,
 * as it does for a run with REHAB_STATS_NO_WASM=1 (asked each run; the compiled kernel is kept).
 */
export function scanKernel(): WasmModule | undefined {
  if (currentIo().env.REHAB_STATS_NO_WASM === '1') return undefined;
  if (kernel === undefined) {
    kernel = null;
    const path = packagePath('dist', 'scan.wasm');
    if (existsSync(path)) {
      try {
        kernel = compileKernel(readFileSync(path));
      } catch {
        kernel = null;
      }
    }
  }
  return kernel ?? undefined;
}
