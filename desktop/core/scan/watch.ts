/**
 * Watch mode: library folders are watched (chokidar), and a burst of file events — a copy,
 * a rename, a folder deleted — becomes ONE incremental scan of the folders it touched, once
 * things have been quiet for a moment. The folders of one burst are scanned together, so a
 * file renamed from one folder into another is seen as moved (its copy follows it).
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { CoreError, type ScanReport } from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import type { Ctx } from '../context';
import { newId } from '../context';
import { mergeReports } from './report';
import { queueScan } from './scan';
import { isUnder, MEDIA_EXTENSIONS } from './walk';

export type WatchEvent =
  /** Watching: the initial listing of the folders is done. */
  | { kind: 'ready' }
  /** An incremental scan ran after changes in these folders. */
  | { kind: 'scanned'; folders: string[]; report: ScanReport }
  | { kind: 'error'; error: Error };

export interface WatchOptions {
  /**
   * Quiet time after the last event before scanning (ms). Longer than `stabilityMs`, so the
   * new half of a rename (held back until the file is stable) joins the burst of the old half.
   */
  debounceMs?: number;
  /** A file must keep its size this long before it counts as written (a copy in progress). */
  stabilityMs?: number;
}

export interface FolderWatcher {
  /** Stops watching; a scan in progress is cancelled (it writes nothing) and awaited. */
  close(): Promise<void>;
}

/** Hidden entries and NAS/OS housekeeping folders, by name (chokidar asks for each path as it descends). */
const IGNORED = /^(?:\..*|@eaDir|#recycle|#snapshot|lost\+found|\$RECYCLE\.BIN|System Volume Information)$/i;

/** Only media, NFOs, images and folders matter; subtitles, logs and partial downloads do not. */
function relevant(path: string, isDir: boolean): boolean {
  if (isDir) return true;
  const ext = /\.([^.\\/]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return MEDIA_EXTENSIONS.has(ext) || ['nfo', 'ifo', 'bdmv', 'm2ts', 'vob'].includes(ext);
}

type Scanner = (folders: string[], jobId: string) => Promise<ScanReport>;

function scannerFor(target: Core | Ctx, roots: string[]): { scan: Scanner; cancel: (jobId: string) => void } {
  if ('call' in target) {
    return {
      // `scan.run` takes one folder: the burst's folders in one library folder are scanned at their
      // common ancestor (a move between them stays a move); library folders one after another.
      scan: async (folders, jobId) => {
        const reports: ScanReport[] = [];
        for (const root of roots) {
          const mine = folders.filter((f) => f === root || isUnder(f, root));
          if (mine.length) reports.push(await target.call('scan.run', { path: commonAncestor(mine), jobId }));
        }
        return mergeReports(reports);
      },
      cancel: (jobId) => void target.call('jobs.cancel', { jobId }).catch(() => undefined),
    };
  }
  return {
    scan: (folders, jobId) => queueScan(target, jobId, folders),
    cancel: (jobId) => void target.jobs.cancel(jobId),
  };
}

function commonAncestor(paths: string[]): string {
  let common = paths[0]!;
  for (const p of paths.slice(1)) while (p !== common && !isUnder(p, common)) common = dirname(common);
  return common;
}

/** The folder to rescan for an event at `path`: the folder it lies in, or the nearest that still exists. */
function folderOf(path: string, roots: string[]): string | undefined {
  const root = roots.find((r) => path === r || isUnder(path, r));
  if (!root) return undefined;
  let dir = path === root ? root : dirname(path);
  while (dir !== root && !existsSync(dir)) dir = dirname(dir);
  return dir;
}

/**
 * Watches `roots` (library folders, already added) and rescans what changes. With a Core the
 * scans go through `scan.run`; with a Ctx (inside the core) they run directly.
 */
export function watchFolders(
  target: Core | Ctx,
  roots: string[],
  onEvent: (event: WatchEvent) => void,
  options: WatchOptions = {},
): FolderWatcher {
  const stabilityMs = options.stabilityMs ?? 2_000;
  const debounceMs = options.debounceMs ?? stabilityMs + 1_000;
  const { scan, cancel } = scannerFor(target, roots);
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let runningJob: string | undefined;
  let closed = false;

  const watcher: FSWatcher = watch(roots, {
    ignoreInitial: true,
    followSymlinks: true,
    ignorePermissionErrors: true,
    ignored: (path, stats) =>
      (!roots.includes(path) && IGNORED.test(basename(path))) ||
      (stats?.isFile() === true && !relevant(path, false)),
    awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: 100 },
  });

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  function note(path: string, isDir: boolean) {
    if (closed || !relevant(path, isDir)) return;
    const folder = folderOf(path, roots);
    if (!folder) return;
    pending.add(folder);
    schedule();
  }

  function flush() {
    timer = undefined;
    // One scan at a time; what arrives meanwhile waits for the next.
    if (running || closed || pending.size === 0) {
      if (pending.size && !closed) schedule();
      return;
    }
    const folders = [...pending];
    pending.clear();
    const jobId = newId();
    runningJob = jobId;
    running = scan(folders, jobId)
      .then((report) => onEvent({ kind: 'scanned', folders, report }))
      .catch((e: unknown) => {
        if (e instanceof CoreError && e.code === 'cancelled' && closed) return;
        onEvent({ kind: 'error', error: e instanceof Error ? e : new Error(String(e)) });
      })
      .finally(() => {
        running = undefined;
        runningJob = undefined;
        if (pending.size && !closed) schedule();
      });
  }

  watcher
    .on('add', (p) => note(p, false))
    .on('change', (p) => note(p, false))
    .on('unlink', (p) => note(p, false))
    .on('addDir', (p) => note(p, true))
    .on('unlinkDir', (p) => note(p, true))
    .on('ready', () => onEvent({ kind: 'ready' }))
    .on('error', (e) => onEvent({ kind: 'error', error: e instanceof Error ? e : new Error(String(e)) }));

  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (runningJob) cancel(runningJob);
      await watcher.close();
      await running;
    },
  };
}
