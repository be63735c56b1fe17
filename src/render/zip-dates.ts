/**
 * Sets the modification time of every entry of a ZIP archive to the DOS epoch (1980-01-01 00:00),
 * in place, so the same content gives the same bytes. ZIP writers (JSZip under exceljs) stamp
 * entries with the current local time; nothing else in their output depends on the clock.
 *
 * Walks the central directory (APPNOTE.TXT 4.3.12) from the end-of-central-directory record and
 * patches each entry's time/date there and in its local header (4.3.7). The CRCs cover the file
 * data only, so they stay valid. Throws on anything that is not a plain single-disk archive.
 */
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** DOS date for 1980-01-01: (year − 1980) << 9 | month << 5 | day. Time 00:00:00 is 0. */
const DOS_EPOCH_DATE = (1 << 5) | 1;

export function normaliseZipDates(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = -1;
  // The record is 22 bytes plus a comment of at most 65 535 bytes.
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a ZIP archive: no end-of-central-directory record');
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let n = 0; n < entries; n++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error(`ZIP central directory entry ${n} is damaged`);
    view.setUint16(at + 12, 0, true);
    view.setUint16(at + 14, DOS_EPOCH_DATE, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local, true) !== LOCAL) throw new Error(`ZIP local header of entry ${n} is damaged`);
    view.setUint16(local + 10, 0, true);
    view.setUint16(local + 12, DOS_EPOCH_DATE, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return zip;
}
