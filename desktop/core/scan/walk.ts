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
import { readdir, realpath, stat, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { ScanProblem } from '@reelshelf/shared/contracts';
import { EXTRAS_FOLDERS, EXTRAS_SUFFIX } from './names/vocabulary';

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
  /** NFO files → their modification time: an NFO edited since the last scan re-identifies its media. */
  nfoMtimes: Map<string, number>;
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

type Entry = { name: string; kind: 'dir' | 'file' | 'link' };

/**
 * Walks with callback fs calls through a small task queue rather than one promise per call:
 * on a 50,000-file tree, fs.promises' per-call overhead was most of an unchanged rescan.
 * At most `concurrency` calls are in flight; the rest wait in the queue.
 */
export function walkFolders(roots: string[], options: WalkOptions = {}): Promise<WalkResult> {
  const limit = options.concurrency ?? 128;
  const result: WalkResult = {
    files: [],
    sidecars: new Map(),
    nfoMtimes: new Map(),
    problems: [],
    unknown: [],
    skipped: 0,
  };
  /**
   * Real path of every folder walked → the path it was walked at. Folders reached through a
   * symbolic link are resolved (one realpath each); the others' real paths follow from their
   * parent's, so the common case costs no extra system call.
   */
  const visited = new Map<string, string>();
  const deferred: { dir: string; real: string; at: string }[] = [];
  let lastReport = 0;

  const queue: (() => void)[] = [];
  let head = 0;
  let active = 0;
  let outstanding = 0;
  let settled = false;
  let resolveWalk!: (r: WalkResult) => void;
  let rejectWalk!: (e: unknown) => void;
  const done = new Promise<WalkResult>((resolve, reject) => {
    resolveWalk = resolve;
    rejectWalk = reject;
  });

  /** Queues one fs call; `start` calls `finish` exactly once when its callback ran. */
  function submit(start: (finish: () => void) => void): void {
    outstanding++;
    queue.push(() => {
      active++;
      start(() => {
        active--;
        outstanding--;
        pump();
      });
    });
    pump();
  }

  function pump(): void {
    if (settled) return;
    if (options.signal?.aborted) {
      settled = true;
      rejectWalk(options.signal.reason);
      return;
    }
    while (active < limit && head < queue.length) {
      const next = queue[head]!;
      queue[head++] = noop;
      next();
    }
    if (head > 4096 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    if (outstanding === 0) nextRound();
  }

  /**
   * Linked folders last, in path order: a folder reachable both directly and through a link is
   * always found at its own path, so a rescan never sees its files "move" to the other one.
   */
  function nextRound(): void {
    while (outstanding === 0 && !settled) {
      if (deferred.length === 0) {
        settled = true;
        // Concurrency makes the order arbitrary; a sorted list gives stable reports and parts in order.
        result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        resolveWalk(result);
        return;
      }
      const batch = deferred.splice(0).sort((a, b) => (a.dir < b.dir ? -1 : 1));
      // Claimed in path order before any is read: the first in path order wins.
      for (const d of batch) walkDir(d.dir, d.real, d.at);
    }
  }

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
  function walkDir(dir: string, real: string, at = real): void {
    if (!claim(dir, real, at)) return;
    submit((finish) =>
      readdir(dir, { withFileTypes: true }, (error, dirents) => {
        if (error) {
          result.problems.push({
            path: dir,
            kind: errorCode(error) === 'ENOENT' ? 'vanished' : 'unreadable',
            reason: `${describeError(error)}; skipped, what the library knows under it is kept`,
          });
          result.unknown.push(dir);
        } else listed(dir, real, toEntries(dirents));
        finish();
      }),
    );
  }

  function listed(dir: string, real: string, entries: Entry[]): void {
    const subdirs: string[] = [];
    const sidecars: string[] = [];
    const media: string[] = [];
    for (const entry of entries) {
      if (entry.kind === 'dir') subdirs.push(entry.name);
      else if (entry.kind === 'file') {
        if (classifyFile(entry.name, media, sidecars) === 'skipped') result.skipped++;
      } else followLink(dir, real, entry.name);
    }
    if (sidecars.length) {
      result.sidecars.set(dir, sidecars);
      for (const name of sidecars) if (/\.nfo$/i.test(name)) statNfo(join(dir, name));
    }
    const hasDisc = subdirs.some((name) => DISC_FOLDERS[name.toLowerCase()] !== undefined);
    for (const name of media) statFile(dir, name);
    for (const name of subdirs) {
      const lower = name.toLowerCase();
      const disc = DISC_FOLDERS[lower];
      if (disc) measureDisc(dir, name, disc);
      else if (hasDisc && DISC_COMPANIONS.has(lower)) continue;
      else if (name.startsWith('.') || SYSTEM_FOLDER.test(name)) continue;
      else if (EXTRAS_FOLDERS.has(lower)) result.skipped++;
      else walkDir(join(dir, name), join(real, name));
    }
  }

  /** Symbolic links are followed: what they point at decides. */
  function followLink(dir: string, real: string, name: string): void {
    const path = join(dir, name);
    const broken = (error: NodeJS.ErrnoException) =>
      result.problems.push({
        path,
        kind: errorCode(error) === 'ELOOP' ? 'loop' : 'unreadable',
        reason: `a symbolic link that cannot be followed: ${describeError(error)}`,
      });
    submit((finish) =>
      stat(path, (error, s) => {
        if (error) broken(error);
        else if (s.isFile()) {
          const media: string[] = [];
          const sidecars: string[] = [];
          const kind = classifyFile(name, media, sidecars);
          if (kind === 'skipped') result.skipped++;
          else if (kind === 'media') statFile(dir, name);
          else if (sidecars.length) result.sidecars.set(dir, [...(result.sidecars.get(dir) ?? []), name]);
        } else if (s.isDirectory() && !name.startsWith('.') && !EXTRAS_FOLDERS.has(name.toLowerCase())) {
          submit((inner) =>
            realpath(path, (e, target) => {
              if (e) broken(e);
              else deferred.push({ dir: path, real: target, at: join(real, name) });
              inner();
            }),
          );
        }
        finish();
      }),
    );
  }

  function statNfo(path: string): void {
    submit((finish) =>
      stat(path, (error, s) => {
        if (!error) result.nfoMtimes.set(path, Math.trunc(s.mtimeMs));
        finish();
      }),
    );
  }

  function statFile(dir: string, name: string): void {
    const path = join(dir, name);
    submit((finish) =>
      stat(path, (error, s) => {
        if (!error) {
          result.files.push({ path, dir, name, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) });
          report();
        } else if (errorCode(error) !== 'ENOENT') {
          // ENOENT: gone between listing and stat (being moved right now); the next scan sees where it went.
          result.problems.push({ path, kind: 'unreadable', reason: describeError(error) });
          result.unknown.push(path);
        }
        finish();
      }),
    );
  }

  /** A disc structure is one item: its size is the sum of its files, its mtime the newest. */
  function measureDisc(dir: string, name: string, disc: 'dvd' | 'bluray'): void {
    const path = join(dir, name);
    const disc$ = { size: 0, mtimeMs: 0, pending: 0, failed: undefined as NodeJS.ErrnoException | undefined };
    const settle = () => {
      if (--disc$.pending > 0) return;
      if (disc$.failed) {
        result.problems.push({
          path,
          kind: 'unreadable',
          reason: `disc structure: ${describeError(disc$.failed)}`,
        });
        result.unknown.push(path);
      } else {
        result.files.push({ path, dir, name, size: disc$.size, mtimeMs: disc$.mtimeMs, disc });
        report();
      }
    };
    const measure = (folder: string) => {
      disc$.pending++;
      submit((finish) =>
        readdir(folder, { withFileTypes: true }, (error, dirents) => {
          if (error) disc$.failed ??= error;
          else {
            for (const d of dirents) {
              const p = join(folder, d.name);
              if (d.isDirectory()) measure(p);
              else {
                disc$.pending++;
                submit((inner) =>
                  stat(p, (e, s) => {
                    if (e) disc$.failed ??= e;
                    else {
                      disc$.size += s.size;
                      disc$.mtimeMs = Math.max(disc$.mtimeMs, Math.trunc(s.mtimeMs));
                    }
                    inner();
                    settle();
                  }),
                );
              }
            }
          }
          finish();
          settle();
        }),
      );
    };
    measure(path);
  }

  let started = 0;
  for (const root of roots) {
    started++;
    submit((finish) =>
      realpath(root, (error, real) => {
        walkDir(root, error ? root : real); // a root that cannot be resolved: readdir says why
        finish();
      }),
    );
  }
  if (started === 0) pump();
  return done;
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

function toEntries(dirents: Dirent[]): Entry[] {
  const out: Entry[] = [];
  for (const d of dirents) {
    if (d.isDirectory()) out.push({ name: d.name, kind: 'dir' });
    else if (d.isFile()) out.push({ name: d.name, kind: 'file' });
    else if (d.isSymbolicLink()) out.push({ name: d.name, kind: 'link' });
  }
  return out;
}
