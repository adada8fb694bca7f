/**
 * What the person chose (a file, a ZIP, a folder of NFO files) → the files to read and the
 * reader for them. The format is recognised by file names and headers unless they say it.
 * Size limits are checked before anything is read into memory.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import { CoreError, type ImportFormat } from '@reelshelf/shared/contracts';
import { isZip, readZip } from './archive';
import { detectImdb, imdbReader } from './formats/imdb';
import { detectLetterboxd, letterboxdFiles, letterboxdReader } from './formats/letterboxd';
import { detectNfo, nfoReader } from './formats/nfo';
import { detectTrakt, traktFiles, traktReader } from './formats/trakt';
import { CsvMapping, genericCsvReader } from './formats/generic-csv';
import type { InputFile, Reader } from './records';
import type { ImportInput } from './run';

/** One export file larger than this is not an export of a personal library. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** An NFO describes one title; a huge one is not an NFO. */
const MAX_NFO_BYTES = 5 * 1024 * 1024;
const MAX_NFO_FILES = 100_000;

export type OpenedSource = ImportInput | { format: 'backup'; source: string; file: InputFile };

const refuse = (message: string, field = 'path') =>
  new CoreError('invalid_argument', message, [{ field, message }]);

export async function openSource(
  path: string,
  format: ImportFormat | undefined,
  mapping: unknown,
): Promise<OpenedSource> {
  const info = await stat(path).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ENOENT'
      ? new CoreError('not_found', `No file or folder at ${path}.`, [{ field: 'path', message: 'not found' }])
      : refuse(`${path} cannot be read: ${e.message}`);
  });
  const source = basename(path);
  if (info.isDirectory()) {
    if (format && format !== 'nfo')
      throw refuse(`${source} is a folder; only NFO files are imported from a folder.`);
    return { format: 'nfo', source, reader: nfoReader, ...(await nfoFolder(path)) };
  }
  if (isZip(path)) return openZip(path, source, format, mapping);
  if (info.size > MAX_FILE_BYTES) {
    throw refuse(
      `${source} is ${Math.round(info.size / 2 ** 20)} MiB; an export is at most ${MAX_FILE_BYTES / 2 ** 20} MiB.`,
    );
  }
  const file: InputFile = { name: source, bytes: await readFile(path) };
  const chosen = format ?? detect(file);
  if (!chosen) {
    throw refuse(
      `Could not tell what kind of export ${source} is: it is not a Letterboxd, IMDb, Trakt, NFO or Reelshelf backup file. ` +
        'For any other CSV, choose the format "csv" and say which column holds what.',
    );
  }
  if (chosen === 'backup') return { format: 'backup', source, file };
  return { format: chosen, source, reader: readerFor(chosen, mapping), files: [file], skippedFiles: [] };
}

function detect(file: InputFile): ImportFormat | undefined {
  const head = file.bytes.subarray(0, 4_096).toString('utf8');
  if (/^\s*\{/.test(head) && head.includes('"reelshelf-backup"')) return 'backup';
  if (detectTrakt(file)) return 'trakt';
  if (detectNfo(file)) return 'nfo';
  if (detectLetterboxd(file)) return 'letterboxd';
  if (detectImdb(file)) return 'imdb';
  return undefined;
}

function readerFor(format: Exclude<ImportFormat, 'backup'>, mapping: unknown): Reader {
  switch (format) {
    case 'letterboxd':
      return letterboxdReader;
    case 'imdb':
      return imdbReader;
    case 'trakt':
      return traktReader;
    case 'nfo':
      return nfoReader;
    case 'csv': {
      const parsed = CsvMapping.safeParse(mapping ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw refuse(
          `Column mapping: ${issue.path.join('.') || 'mapping'} ${issue.message}`,
          `mapping.${issue.path.join('.')}`,
        );
      }
      return genericCsvReader(parsed.data);
    }
  }
}

/** Which entries of the ZIP to read, in the order they must be read, and what is left alone. */
function selectEntries(format: ImportFormat, names: string[]): { read: string[]; skipped: string[] } {
  if (format === 'letterboxd') return letterboxdFiles(names);
  if (format === 'trakt') return traktFiles(names);
  const wanted = (n: string) =>
    format === 'nfo' ? /\.nfo$/i.test(n) : format === 'backup' ? /\.json$/i.test(n) : /\.(csv|txt)$/i.test(n);
  return { read: names.filter(wanted), skipped: names.filter((n) => !wanted(n)) };
}

/**
 * Trakt and NFO archives are told by their names. CSV archives are not — IMDb's ratings
 * export is `ratings.csv` too, like Letterboxd's — so their headers decide (sniffableCsvs).
 */
function detectZip(names: string[]): ImportFormat | undefined {
  if (traktFiles(names).read.length) return 'trakt';
  if (names.some((n) => /\.nfo$/i.test(n))) return 'nfo';
  return undefined;
}

/** CSVs whose headers may be read to tell the format: never Letterboxd's account or deleted files. */
const isSniffableCsv = (name: string) =>
  /\.csv$/i.test(name) &&
  !/(^|\/)(deleted|orphaned)\//i.test(name) &&
  !/(^|\/)(profile|comments)\.csv$/i.test(name);

async function openZip(
  path: string,
  source: string,
  format: ImportFormat | undefined,
  mapping: unknown,
): Promise<OpenedSource> {
  // First pass reads only the central directory: names decide the format and what to extract.
  const names = (await readZip(path, { want: () => false })).skipped;
  let chosen = format ?? detectZip(names);
  const entryOf = (f: InputFile) => f.name.slice(source.length + 1);
  /** Entries already extracted (to tell an IMDb ZIP by its headers): not extracted twice. */
  const extracted = new Map<string, InputFile>();
  const csvs = new Set(names.filter(isSniffableCsv));
  if (!chosen && csvs.size) {
    const { files } = await readZip(path, { want: (n) => csvs.has(n) });
    for (const f of files) extracted.set(entryOf(f), f);
    chosen = files.some(detectLetterboxd) ? 'letterboxd' : files.some(detectImdb) ? 'imdb' : undefined;
  }
  if (!chosen) {
    throw refuse(
      `Could not tell what kind of export ${source} is: it holds no Letterboxd, IMDb, Trakt or NFO files.`,
    );
  }
  const selection = selectEntries(chosen, names);
  const wanted = new Set(selection.read.filter((n) => !extracted.has(n)));
  if (wanted.size) {
    const { files } = await readZip(path, { want: (n) => wanted.has(n) });
    for (const f of files) extracted.set(entryOf(f), f);
  }
  const ordered = selection.read.map((n) => extracted.get(n)).filter((f) => f !== undefined);
  if (chosen === 'backup') {
    if (ordered.length !== 1)
      throw refuse(`${source} should hold one backup file; it holds ${ordered.length}.`);
    return { format: 'backup', source, file: ordered[0]! };
  }
  return {
    format: chosen,
    source,
    reader: readerFor(chosen, mapping),
    files: ordered,
    skippedFiles: selection.skipped,
  };
}

async function nfoFolder(root: string): Promise<{ files: InputFile[]; skippedFiles: string[] }> {
  const files: InputFile[] = [];
  const skippedFiles: string[] = [];
  // Folder by folder, so an unreadable one is named and skipped instead of failing the import.
  const nfos: string[] = [];
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    let entries;
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch (e) {
      skippedFiles.push(
        `${relative(root, folder) || '.'}: cannot be read (${(e as NodeJS.ErrnoException).code})`,
      );
      continue;
    }
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.isFile() && extname(entry.name).toLowerCase() === '.nfo') nfos.push(full);
    }
  }
  for (const full of nfos.sort()) {
    const name = relative(root, full);
    if (files.length >= MAX_NFO_FILES) {
      skippedFiles.push(`${name}: more than ${MAX_NFO_FILES} NFO files`);
      continue;
    }
    const size = (await stat(full)).size;
    if (size > MAX_NFO_BYTES)
      skippedFiles.push(`${name}: ${Math.round(size / 1024)} KiB is too large for an NFO`);
    else files.push({ name, bytes: await readFile(full) });
  }
  return { files, skippedFiles };
}
