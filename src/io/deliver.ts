import { writeStdout } from './output.js';
import { writeFiles, type OutputFile, type Protection } from './write.js';

/**
 * An output leaves the program: to stdout when `path` is absent or "-", otherwise into the file
 * (safely, see write.ts), with the files that go beside it (a provenance record). The files are
 * written together, both or neither; stdout only once they are in place, so that it stays empty
 * when a write fails.
 */
export async function deliver(path: string | undefined, data: string | Uint8Array, beside: readonly OutputFile[], protection: Protection): Promise<void> {
  const toStdout = path === undefined || path === '-';
  const files: OutputFile[] = [...(toStdout ? [] : [{ path, data }]), ...beside];
  if (files.length) await writeFiles(files, protection);
  if (toStdout) writeStdout(data);
}
