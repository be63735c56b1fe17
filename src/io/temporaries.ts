/**
 * Temporary files and folders still in use — a safe write's file before its rename, a spilled
 * stream's folder where an open file keeps its name (Windows) — each with how to remove it.
 * A signal that ends the process removes them first: bin/ (the one place that handles the
 * process's signals) calls {@link removeTemporaryFiles}, then dies of the signal.
 */
const pending = new Map<string, () => void>();

/** `path` is in use until {@link forgetTemporary}; `remove` takes it away (synchronously, from a signal handler). */
export function rememberTemporary(path: string, remove: () => void): void {
  pending.set(path, remove);
}

/** `path` is gone or renamed: nothing to remove for it any more. */
export function forgetTemporary(path: string): void {
  pending.delete(path);
}

/** Removes every temporary file and folder still in use. Synchronous: called from a signal handler. */
export function removeTemporaryFiles(): void {
  for (const [path, remove] of [...pending]) {
    remove();
    pending.delete(path);
  }
}
