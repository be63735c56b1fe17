// Fault injection for spawned rehab-stats processes: `node --import ./test/fault/inject.mjs bin/…`.
// REHAB_FAULT picks the fault for file writes other than stdout/stderr (fd > 2):
//   ENOSPC | EIO  the first write succeeds partly (a short write, as on a nearly full disk),
//                 every later write fails with that code;
//   STALL         the first write never completes, so a test can signal the process mid-write.
// REHAB_FAULT_STDOUT=ENOSPC|EIO makes every synchronous write to fd 1 fail that way.
// Test-only: patches node:fs and re-syncs its ES module exports.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const fault = process.env.REHAB_FAULT;
const stdoutFault = process.env.REHAB_FAULT_STDOUT;
const failure = (code) => Object.assign(new Error(`${code}: injected fault, write`), { code, errno: -1, syscall: 'write' });

if (fault) {
  const write = fs.write;
  let calls = 0;
  fs.write = function (fd, buffer, ...rest) {
    const callback = rest[rest.length - 1];
    if (fd <= 2 || typeof callback !== 'function') return write.call(this, fd, buffer, ...rest);
    calls++;
    if (fault === 'STALL') {
      // Never calls back; the timer keeps the process alive as a real pending write would.
      setInterval(() => undefined, 1 << 30);
      return undefined;
    }
    if (calls === 1) {
      // A short write: half of what was asked for (the test needs a body of at least 2 bytes).
      const [offset = 0, length = buffer.length - offset] = rest.length > 1 ? rest : [];
      return write.call(this, fd, buffer, offset, Math.max(1, Math.floor(length / 2)), null, callback);
    }
    process.nextTick(callback, failure(fault));
    return undefined;
  };
}
if (stdoutFault) {
  const writeSync = fs.writeSync;
  fs.writeSync = function (fd, ...rest) {
    if (fd === 1) throw failure(stdoutFault);
    return writeSync.call(this, fd, ...rest);
  };
}
syncBuiltinESMExports();
