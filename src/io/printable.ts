/**
 * Text for a terminal. Data and file names may hold control characters that a terminal obeys:
 * ESC (U+001B) and the 8-bit CSI (U+009B) start escape sequences that can move the cursor,
 * retitle the window or hide what follows. Ingest refuses C0 controls in a table, but C1
 * controls are valid UTF-8 and a name on the command line can hold anything, so every text a
 * person reads on a terminal goes through this: each control but tab and line feed becomes a
 * visible `\xNN` / `\uNNNN` that cannot act.
 * @example printable('a\u001b[2Jb') // 'a\\x1b[2Jb'
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is this function's job.
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
