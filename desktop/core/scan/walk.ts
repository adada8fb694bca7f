/**
 * Walks library folders for media: video files and disc structures (a folder holding
 * `VIDEO_TS/` or `BDMV/` is one item, the disc, not its .vob/.m2ts pieces). Everything is
 * async with a bounded number of directory reads and stats in flight, so 50,000 files on
 * a NAS are stat'ed in parallel without opening thousands of handles at once.
 *
 * Nothing is parsed here beyond the extension: the walk only says what is where, with the
 * size and modification time a rescan compares against. A folder that cannot be read, or
 * that leads back to a folder already walked (symlink loops, two links to one folder), is a
 * problem with its path; the walk goes on.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ScanProblem } from '@reelshelf/shared/contracts';
import { EXTRAS_SUFFIX } from './names/vocabulary';

/** What the scan treats as a film or an episode on its own. */
export const MEDIA_EXTENSIONS = new Set([
  'mkv',
  'mp4',
  'm4v',
  'avi',
  'mov',
  'wmv',
  'ts',
  'm2ts',
  'mts',
  'webm',
  'mpg',
  'mpeg',
  'vob',
  'iso',
  'flv',
  'ogm',
  'divx',
  'disc',
]);

/** Folders that are never the feature: Plex/Jellyfin/Kodi extras and sample folders. */
const EXTRAS_FOLDERS = new Set([
  'extras',
  'extra',
  'featurettes',
  'featurette',
  'behind the scenes',
  'behindthescenes',
  'deleted scenes',
  'deletedscenes',
  'interviews',
  'scenes',
  'shorts',
  'trailers',
  'trailer',
  'samples',
  'sample',
  'other',
  'others',
  'bonus',
  'bonus features',
  'clips',
  'backdrops',
  'theme-music',
  'subs',
  'subtitles',
]);

export const isExtrasFolder = (name: string) => EXTRAS_FOLDERS.has(name.toLowerCase());

/** NAS and OS housekeeping folders. */
const SYSTEM_FOLDER =
  /^(?:@eaDir|#recycle|#snapshot|\$RECYCLE\.BIN|System Volume Information|lost\+found|\.Trash.*)$/i;

/** Disc structure folders → the kind of disc. */
const DISC_FOLDERS: Record<string, 'dvd' | 'bluray'> = { video_ts: 'dvd', bdmv: 'bluray' };
/** Folders that go with a disc structure and are not walked on their own. */
const DISC_COMPANIONS = new Set(['audio_ts', 'certificate', 'backup']);

/** Sidecar files the scan looks at: NFO metadata and artwork. */
const SIDECAR = /\.(?:nfo|jpe?g|png|webp|tbn)$/i;

export interface FoundFile {
  /** Absolute path: a video file, or a disc structure's `VIDEO_TS`/`BDMV` folder. */
  path: string;
  /** Folder it lies in. */
  dir: string;
  name: string;
  size: number;
  mtimeMs: number;
  /** Set for a disc structure folder. */
  disc?: 'dvd' | 'bluray';
}

export interface WalkResult {
  files: FoundFile[];
  /** Folder → names of its NFO and image files, for sidecars. */
  sidecars: Map<string, string[]>;
  problems: ScanProblem[];
  /**
   * Folders whose contents are unknown this time (unreadable, vanished mid-walk): files the
   * library knows under them are neither missing nor present.
   */
  unknown: string[];
  /** Samples and extras passed over: files by their names, plus whole extras folders. */
  skipped: number;
}

export interface WalkOptions {
  /** Directory reads and stats in flight at once. */
  concurrency?: number;
  /** Called every few hundred files with the count so far. */
  onProgress?: (found: number) => void;
  signal?: AbortSignal;
}

/** A counting semaphore: at most `limit` fs calls at once (a FIFO with a read index; shift() is O(n)). */
function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  let head = 0;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      if (head < waiting.length) {
        // The slot passes straight to the next in line.
        const next = waiting[head]!;
        waiting[head++] = noop;
        if (head > 1024 && head * 2 > waiting.length) {
          waiting.splice(0, head);
          head = 0;
        }
        next();
      } else active--;
    }
  };
}

const noop = () => {};

export const isUnder = (path: string, dir: string) => path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

function errorCode(e: unknown): string {
  return e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'unknown';
}

function describeError(e: unknown): string {
  const code = errorCode(e);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no longer there';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return e instanceof Error ? e.message : String(e);
}

export async function walkFolders(roots: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const run = limiter(options.concurrency ?? 32);
  const result: WalkResult = { files: [], sidecars: new Map(), problems: [], unknown: [], skipped: 0 };
  /**
   * Real path of every folder walked → the path it was walked at. Folders reached through a
   * symbolic link are resolved (one realpath each); the others' real paths follow from their
   * parent's, so the common case costs no extra system call.
   */
  const visited = new Map<string, string>();
  let lastReport = 0;

  const report = () => {
    if (options.onProgress && result.files.length - lastReport >= 500) {
      lastReport = result.files.length;
      options.onProgress(lastReport);
    }
  };

  /** Claims a folder by its real path; false (and a problem) when it was walked already. */
  function claim(dir: string, real: string, at: string): boolean {
    const first = visited.get(real);
    if (first === undefined) {
      visited.set(real, dir);
      return true;
    }
    // The link lies inside the folder it points at: following it would never end.
    const loop = at !== real && isUnder(at, real);
    result.problems.push({
      path: dir,
      kind: loop ? 'loop' : 'duplicate',
      reason: loop
        ? `a symbolic link leads back to ${first}, which contains it; not followed`
        : `the same folder as ${first}, already scanned; not scanned twice`,
    });
    return false;
  }

  /** `real`: the folder's real path; `at`: the real path of the place it appears at (differs for a link). */
  async function walkDir(dir: string, real: string, at = real): Promise<void> {
    options.signal?.throwIfAborted();
    if (!claim(dir, real, at)) return;
    let entries: { name: string; kind: 'dir' | 'file' | 'link' }[];
    try {
      entries = await run(() => readEntries(dir));
    } catch (e) {
      result.problems.push({
        path: dir,
        kind: errorCode(e) === 'ENOENT' ? 'vanished' : 'unreadable',
        reason: `${describeError(e)}; skipped, what the library knows under it is kept`,
      });
      result.unknown.push(dir);
      return;
    }

    const subdirs: string[] = [];
    const sidecars: string[] = [];
    const media: string[] = [];
    const links: string[] = [];
    /** Linked folders → their real paths. */
    const linkedDirs = new Map<string, string>();
    for (const entry of entries) {
      if (entry.kind === 'link') links.push(entry.name);
      else if (entry.kind === 'dir') subdirs.push(entry.name);
      else if (classifyFile(entry.name, media, sidecars) === 'skipped') result.skipped++;
    }
    // Symbolic links are followed: what they point at decides.
    await Promise.all(
      links.map(async (name) => {
        try {
          const s = await run(() => stat(join(dir, name)));
          if (s.isDirectory()) {
            linkedDirs.set(name, await run(() => realpath(join(dir, name))));
            subdirs.push(name);
          } else if (s.isFile() && classifyFile(name, media, sidecars) === 'skipped') result.skipped++;
        } catch (e) {
          result.problems.push({
            path: join(dir, name),
            kind: errorCode(e) === 'ELOOP' ? 'loop' : 'unreadable',
            reason: `a symbolic link that cannot be followed: ${describeError(e)}`,
          });
        }
      }),
    );
    if (sidecars.length) result.sidecars.set(dir, sidecars);

    const discs = subdirs.filter((name) => DISC_FOLDERS[name.toLowerCase()] !== undefined);
    const hasDisc = discs.length > 0;
    const work: Promise<void>[] = [];
    for (const name of media) work.push(statFile(dir, name));
    for (const name of discs) work.push(measureDisc(dir, name, DISC_FOLDERS[name.toLowerCase()]!));
    for (const name of subdirs) {
      const lower = name.toLowerCase();
      if (DISC_FOLDERS[lower] !== undefined || (hasDisc && DISC_COMPANIONS.has(lower))) continue;
      if (name.startsWith('.') || SYSTEM_FOLDER.test(name)) continue;
      if (EXTRAS_FOLDERS.has(lower)) {
        result.skipped++;
        continue;
      }
      const linked = linkedDirs.get(name);
      work.push(walkDir(join(dir, name), linked ?? join(real, name), join(real, name)));
    }
    await Promise.all(work);
  }

  async function statFile(dir: string, name: string): Promise<void> {
    const path = join(dir, name);
    try {
      const s = await run(() => stat(path));
      result.files.push({ path, dir, name, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) });
      report();
    } catch (e) {
      // Gone between listing and stat (being moved right now): the next scan sees where it went.
      if (errorCode(e) !== 'ENOENT') {
        result.problems.push({ path, kind: 'unreadable', reason: describeError(e) });
        result.unknown.push(path);
      }
    }
  }

  /** A disc structure is one item: its size is the sum of its files, its mtime the newest. */
  async function measureDisc(dir: string, name: string, disc: 'dvd' | 'bluray'): Promise<void> {
    const path = join(dir, name);
    let size = 0;
    let mtimeMs = 0;
    const measure = async (folder: string): Promise<void> => {
      const entries = await run(() => readEntries(folder));
      await Promise.all(
        entries.map(async (entry) => {
          const p = join(folder, entry.name);
          const s = await run(() => stat(p));
          if (s.isDirectory()) await measure(p);
          else {
            size += s.size;
            mtimeMs = Math.max(mtimeMs, Math.trunc(s.mtimeMs));
          }
        }),
      );
    };
    try {
      await measure(path);
      result.files.push({ path, dir, name, size, mtimeMs, disc });
      report();
    } catch (e) {
      result.problems.push({ path, kind: 'unreadable', reason: `disc structure: ${describeError(e)}` });
      result.unknown.push(path);
    }
  }

  await Promise.all(
    roots.map(async (root) => {
      let real: string;
      try {
        real = await realpath(root);
      } catch {
        real = root; // opendir reports why
      }
      await walkDir(root, real);
    }),
  );
  // Concurrency makes the order arbitrary; a sorted walk gives stable reports and parts in order.
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}

const SAMPLE = /(?<![\p{L}\p{N}])sample(?![\p{L}\p{N}])/iu;

/**
 * Media, sidecar or neither, by name alone. Samples and `-trailer`-style extras are told
 * apart here (as parseMediaPath would) so that a rescan does not meet them as new files every time.
 */
function classifyFile(name: string, media: string[], sidecars: string[]): 'media' | 'skipped' | 'other' {
  if (name.startsWith('.')) return 'other'; // macOS `._name` resource forks, hidden files
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (MEDIA_EXTENSIONS.has(ext)) {
    const base = name.slice(0, dot);
    if (SAMPLE.test(base) || EXTRAS_SUFFIX.test(base)) return 'skipped';
    media.push(name);
    return 'media';
  }
  if (SIDECAR.test(name)) sidecars.push(name);
  return 'other';
}

/**
 * One folder's entries. `readdir` with file types rather than `opendir`: a library folder
 * holds tens of entries, not millions, and on a 50,000-file tree opendir's entry-by-entry
 * async iteration cost six times the CPU of one readdir call (bench/scan.ts).
 */
async function readEntries(dir: string): Promise<{ name: string; kind: 'dir' | 'file' | 'link' }[]> {
  const out: { name: string; kind: 'dir' | 'file' | 'link' }[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (d.isDirectory()) out.push({ name: d.name, kind: 'dir' });
    else if (d.isFile()) out.push({ name: d.name, kind: 'file' });
    else if (d.isSymbolicLink()) out.push({ name: d.name, kind: 'link' });
  }
  return out;
}
