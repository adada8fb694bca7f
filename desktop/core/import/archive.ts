/**
 * Reading an export ZIP without trusting it. Everything that can be judged from the central
 * directory (entry count, names, encryption, declared sizes, compression ratio) is judged
 * before a single byte is decompressed; while extracting, the real bytes are counted and
 * checked against the declared size and CRC, so a lying header cannot get past the limits.
 * Entries the caller does not want are never decompressed.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { CoreError } from '@reelshelf/shared/contracts';
import type { InputFile } from './records';

export interface ZipLimits {
  maxEntries: number;
  /** Declared (and real) uncompressed size of one wanted entry. */
  maxFileBytes: number;
  /** Declared uncompressed size of all wanted entries together. */
  maxTotalBytes: number;
  /** Uncompressed : compressed above this is treated as a ZIP bomb… */
  maxRatio: number;
  /** …for entries larger than this: a small file of repeated text compresses absurdly well and is harmless. */
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxFileBytes: 256 * MiB,
  maxTotalBytes: 1024 * MiB,
  maxRatio: 200,
  ratioFloorBytes: MiB,
};

export interface ZipContents {
  /** Wanted entries, in archive order, named `export.zip/<entry name>` as the reports show them. */
  files: InputFile[];
  /** Entry names (as in the archive) that were not wanted and so never decompressed. */
  skipped: string[];
}

const LOCAL_FILE_HEADER = [0x50, 0x4b, 0x03, 0x04];
const END_OF_CENTRAL_DIRECTORY = [0x50, 0x4b, 0x05, 0x06];

/** True for a ZIP archive (or an empty one), judged by its first four bytes. */
export function isZip(bytesOrPath: Uint8Array | string): boolean {
  const head = typeof bytesOrPath === 'string' ? readHead(bytesOrPath, 4) : bytesOrPath.subarray(0, 4);
  const starts = (magic: number[]) => magic.every((byte, i) => head[i] === byte);
  return head.length >= 4 && (starts(LOCAL_FILE_HEADER) || starts(END_OF_CENTRAL_DIRECTORY));
}

function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export async function readZip(
  path: string,
  options: { want: (entryName: string) => boolean; limits?: Partial<ZipLimits> },
): Promise<ZipContents> {
  const limits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const label = basename(path);
  const zip = await openZip(path, label);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw refused(
        `${label} holds ${zip.entryCount.toLocaleString('en')} files; Reelshelf reads at most ${limits.maxEntries.toLocaleString('en')} from one archive`,
      );
    }
    const { wanted, skipped } = await listEntries(zip, label, options.want, limits);
    const files: InputFile[] = [];
    for (const { entry, name } of wanted) {
      files.push({ name: `${label}/${name}`, bytes: await extract(zip, entry, name, label, limits) });
    }
    return { files, skipped };
  } finally {
    zip.close();
  }
}

function refused(message: string): CoreError {
  return new CoreError('invalid_argument', message);
}

async function openZip(path: string, label: string): Promise<ZipFile> {
  try {
    // Names are decoded by us (decodeStrings off) so that an unsafe name gets our message, not yauzl's.
    return await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw describeOpenError(path, label, error);
  }
}

function describeOpenError(path: string, label: string, error: unknown): CoreError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new CoreError('not_found', `${label} was not found`);
  if (code === 'EISDIR') return refused(`${label} is a folder, not a ZIP archive`);
  if (code === 'EACCES' || code === 'EPERM') return refused(`${label} cannot be opened: permission denied`);
  const detail = error instanceof Error ? error.message : String(error);
  if (/end of central directory record signature not found/i.test(detail)) {
    let looksLikeZip = false;
    try {
      looksLikeZip = isZip(path);
    } catch {
      // Unreadable head: say it is not a ZIP, which is what the reader saw.
    }
    return looksLikeZip
      ? refused(
          `${label} is incomplete or damaged: the end of the archive is missing (was the download cut off?)`,
        )
      : refused(`${label} is not a ZIP archive`);
  }
  return refused(`${label} is damaged and cannot be read as a ZIP archive (${detail})`);
}

interface WantedEntry {
  entry: Entry;
  name: string;
}

async function listEntries(
  zip: ZipFile,
  label: string,
  want: (entryName: string) => boolean,
  limits: ZipLimits,
): Promise<{ wanted: WantedEntry[]; skipped: string[] }> {
  const wanted: WantedEntry[] = [];
  const skipped: string[] = [];
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      if (isUnsafeName(name)) {
        throw refused(
          `${label} contains a file named "${name}" that points outside the archive's folder; such archives are refused`,
        );
      }
      if (name.endsWith('/')) continue;
      if (!want(name)) {
        skipped.push(name);
        continue;
      }
      checkBeforeExtraction(entry, name, label, limits);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        throw refused(
          `${label} would unpack to more than ${formatBytes(limits.maxTotalBytes)}; Reelshelf reads at most that much from one archive`,
        );
      }
      wanted.push({ entry, name });
    }
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw refused(`${label} is damaged: its list of files cannot be read (${errorText(error)})`);
  }
  return { wanted, skipped };
}

function isUnsafeName(name: string): boolean {
  return /^[\\/]/.test(name) || /^[a-zA-Z]:/.test(name) || name.split(/[\\/]/).includes('..');
}

function checkBeforeExtraction(entry: Entry, name: string, label: string, limits: ZipLimits): void {
  // Bit 0 of the general purpose flag: traditional or AES encryption.
  if (entry.generalPurposeBitFlag & 1) {
    throw refused(`${label} is encrypted (password-protected); export it again without a password`);
  }
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
    throw refused(
      `${label}: ${name} is compressed with a method Reelshelf cannot read (method ${entry.compressionMethod}); re-create the archive with ordinary ZIP compression`,
    );
  }
  const size = entry.uncompressedSize;
  if (size > limits.ratioFloorBytes && size > limits.maxRatio * Math.max(entry.compressedSize, 1)) {
    throw refused(
      `${label} looks like a ZIP bomb: ${name} would expand from ${formatBytes(entry.compressedSize)} to ${formatBytes(size)}`,
    );
  }
  if (size > limits.maxFileBytes) {
    throw refused(
      `${label}: ${name} is ${formatBytes(size)} unpacked; Reelshelf reads files of at most ${formatBytes(limits.maxFileBytes)}`,
    );
  }
}

async function extract(
  zip: ZipFile,
  entry: Entry,
  name: string,
  label: string,
  limits: ZipLimits,
): Promise<Buffer> {
  // Our own count on top of yauzl's validateEntrySizes: it also bounds memory if a check upstream ever slips.
  const allowed = Math.min(entry.uncompressedSize, limits.maxFileBytes);
  const chunks: Buffer[] = [];
  let count = 0;
  let crc = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      count += chunk.length;
      if (count > allowed) {
        stream.destroy();
        throw refused(
          `${label} is damaged or was tampered with: ${name} holds more data than its header says`,
        );
      }
      crc = crc32(chunk, crc);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw describeExtractError(label, name, error);
  }
  if (count !== entry.uncompressedSize) {
    throw refused(`${label} is incomplete or damaged: ${name} holds less data than its header says`);
  }
  if (crc >>> 0 !== entry.crc32 >>> 0) {
    throw refused(`${label} is damaged: ${name} does not match its checksum`);
  }
  return Buffer.concat(chunks, count);
}

function describeExtractError(label: string, name: string, error: unknown): CoreError {
  const detail = errorText(error);
  if (/too many bytes/i.test(detail)) {
    return refused(`${label} is damaged or was tampered with: ${name} holds more data than its header says`);
  }
  if (/not enough bytes|overflows file bounds|unexpected end/i.test(detail)) {
    return refused(`${label} is incomplete or damaged: ${name} is cut off`);
  }
  return refused(`${label} is damaged: ${name} cannot be unpacked (${detail})`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MiB) return `${+(bytes / (1024 * MiB)).toFixed(1)} GiB`;
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
