import { existsSync, readFileSync } from 'node:fs';
import { compileKernel, type WasmModule } from '../parse/kernel.js';
import { packagePath } from './bundled.js';

let kernel: WasmModule | null | undefined;

/**
 * The compiled WebAssembly scanning kernel, from dist/scan.wasm (written by `npm run build`
 * from src/parse/scan.wat), once per thread. Undefined when it is not there — running from
 * source without a build — or cannot be compiled: the JavaScript scanner then does all the work.
 */
export function scanKernel(): WasmModule | undefined {
  if (kernel === undefined) {
    kernel = null;
    const path = packagePath('dist', 'scan.wasm');
    if (process.env.REHAB_STATS_NO_WASM !== '1' && existsSync(path)) {
      try {
        kernel = compileKernel(readFileSync(path));
      } catch {
        kernel = null;
      }
    }
  }
  return kernel ?? undefined;
}
