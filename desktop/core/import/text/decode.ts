/**
 * Bytes of an exported file → text. Exports come from many programs and many years: UTF-8
 * with or without a BOM (Excel adds one), UTF-16 with a BOM (Excel's "Unicode text"), and
 * old IMDb exports in Latin-1, which are not valid UTF-8 and would otherwise turn "Amélie"
 * into "Am�lie".
 */
import { CoreError } from '@reelshelf/shared/contracts';
import type { InputFile } from '../records';

/** A text file has no NUL bytes; looking at the start is enough to catch a ZIP or an image. */
const BINARY_SNIFF_BYTES = 8192;

export function decodeText(file: InputFile): string {
  const { bytes } = file;
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    throw new CoreError('invalid_argument', `${file.name} is not a text file`);
  }
  // A file that says it is UTF-8 is read as UTF-8 even with a stray bad byte (shown as �).
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder('utf-8').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * Windows-1252 is the superset of Latin-1 that such files really use (curly quotes, €, …).
 * Node's TextDecoder('windows-1252') decodes plain Latin-1 (nodejs/node#56542), leaving
 * 0x80–0x9F as invisible control characters, so those 32 bytes are mapped here.
 */
function decodeWindows1252(bytes: Buffer): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

/** 0x80–0x9F in Windows-1252; the five bytes it leaves undefined stay as they are. */
const WINDOWS_1252_HIGH = [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f', ...'\u0090‘’“”•–—˜™š›œ\u009džŸ'];

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}
