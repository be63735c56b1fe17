import { ExitCode, RehabError } from '../errors.js';
import { iconv } from './iconv.js';
import { msg } from '../messages/index.js';

/**
 * Bytes to text. Exports come as UTF-8 (with or without a BOM, the latter from Excel's
 * "CSV UTF-8"), Windows-1252/Latin-1 (older SCB PxWeb and Excel "CSV (semikolonavgränsad)")
 * and now and then UTF-16 with a BOM (Excel "Unicode text"). iconv-lite does the decoding:
 * Node's own TextDecoder lacks windows-1252 in builds without full ICU.
 */
export interface Decoded {
  text: string;
  /** What was used, as a user would pass it to --encoding. */
  encoding: string;
  bom: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function decode(bytes: Uint8Array, file: string, override?: string): Decoded {
  if (override) return decodeAs(bytes, file, override);
  if (startsWith(bytes, UTF8_BOM)) return checked(bytes, file, 'utf-8', true);
  if (startsWith(bytes, [0xff, 0xfe])) return checked(bytes, file, 'utf-16le', true);
  if (startsWith(bytes, [0xfe, 0xff])) return checked(bytes, file, 'utf-16be', true);
  if (isValidUtf8(bytes)) return checked(bytes, file, 'utf-8', false);
  return checked(bytes, file, 'windows-1252', false);
}

function decodeAs(bytes: Uint8Array, file: string, encoding: string): Decoded {
  if (!iconv().encodingExists(encoding)) {
    throw new RehabError(msg('decode.unknown-encoding', { encoding }), { exitCode: ExitCode.usage, hint: msg('decode.unknown-encoding.hint') });
  }
  const bom = startsWith(bytes, UTF8_BOM) || startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  return checked(bytes, file, encoding.toLowerCase(), bom);
}

function checked(bytes: Uint8Array, file: string, encoding: string, bom: boolean): Decoded {
  // iconv-lite strips a BOM by default; plain UTF-8 goes through Node's own decoder.
  const text =
    encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes).replace(/^\ufeff/, '') : iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  // Forcing UTF-16 on an 8-bit file gives CJK-looking text without a single ASCII character.
  if (encoding.startsWith('utf-16') && text.length > 0 && !/[\t\n\r -~]/.test(text)) {
    throw new RehabError(msg('decode.not-text', { encoding }), { exitCode: ExitCode.io, location: { file }, hint: msg('decode.not-text.hint') });
  }
  const bad = firstControlCharacter(text);
  if (bad !== undefined) {
    const line = text.slice(0, bad).split('\n').length;
    const code = text.charCodeAt(bad).toString(16).padStart(4, '0').toUpperCase();
    throw new RehabError(msg('decode.control-character', { line, code, encoding }), {
      exitCode: ExitCode.io,
      location: { file },
      hint: encoding.startsWith('utf-16') ? msg('decode.control-character.utf16.hint') : msg('decode.control-character.hint'),
    });
  }
  return { text, encoding, bom };
}

/**
 * Index of the first character that never occurs in a text table, if any: NUL, C0 controls but
 * tab/CR/LF/FF, U+FFFD (what decoding makes of bytes that are not text), or half of a UTF-16
 * surrogate pair without the other half (UTF-16 decoding keeps it; no character is made of it).
 */
function firstControlCharacter(text: string): number | undefined {
  // eslint-disable-next-line no-control-regex -- the control characters are what it looks for
  const m = /[\u0000-\u0008\u000b\u000e-\u001f\u007f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  return m ? m.index : undefined;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
