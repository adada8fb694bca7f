/**
 * One scan of the library folders (or of one folder inside them): walk, compare with what
 * the library remembers, parse and read sidecars for what changed — all outside any
 * transaction, cancellable, with progress — then write everything in ONE ctx.transact. A
 * cancelled scan has written nothing.
 */
import { stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { CoreError, type ScanProblem, type ScanReport } from '@reelshelf/shared/contracts';
import { now, type Ctx } from '../context';
import type { Job } from '../jobs';
import { titleRefsOf } from './identify';
import { planScan } from './plan';
import { artworkFor, nfoPaths, readNfos } from './sidecars';
import { ScanStore, type KnownFile, type RootRow } from './store';
import { isExtrasFolder, isUnder, walkFolders, type WalkResult } from './walk';
import { writeScan, type IdentifiedItem } from './write';

/** NFO reads in flight at once. */
const NFO_CONCURRENCY = 8;

/** The library folder a path lies in (the innermost, though roots never nest). */
export function rootFor(roots: RootRow[], path: string): RootRow | undefined {
  let best: RootRow | undefined;
  for (const root of roots) {
    if ((path === root.path || isUnder(path, root.path)) && (!best || root.path.length > best.path.length))
      best = root;
  }
  return best;
}

/**
 * A folder to scan, moved up out of a disc structure or an extras folder: scanned on its own,
 * a DVD's VIDEO_TS would look like loose .vob files and a trailer like a film.
 */
function scopeOf(root: RootRow, path: string): string {
  const below = relative(root.path, path).split(sep);
  const cut = below.findIndex(
    (segment) => /^(?:video_ts|bdmv|audio_ts|certificate)$/i.test(segment) || isExtrasFolder(segment),
  );
  return cut < 0 ? path : join(root.path, ...below.slice(0, cut));
}

/** The scan each library is running or last ran: scans of one library run one after another. */
const lastScan = new WeakMap<Ctx, Promise<unknown>>();

/**
 * Runs a scan as job `jobId` once the library's previous scan has finished (a rescan asked for
 * while the watcher's is running waits rather than racing it). The job exists from the start,
 * so a scan still waiting can be cancelled too.
 */
export function queueScan(ctx: Ctx, jobId: string | undefined, folders?: string[]): Promise<ScanReport> {
  const previous = lastScan.get(ctx) ?? Promise.resolve();
  const next = ctx.jobs.run(jobId, async (job) => {
    await previous.catch(() => undefined);
    job.check();
    return runScan(ctx, job, folders);
  });
  lastScan.set(
    ctx,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Scans every library folder, or only `folders` (each a library folder or a folder inside
 * one — the watcher passes the folders where something happened, all at once, so a file
 * moved from one to the other is seen as moved).
 */
export async function runScan(ctx: Ctx, job: Job, folders?: string[]): Promise<ScanReport> {
  const started = performance.now();
  // The scan's start is what the next scan compares NFO times with: an NFO edited while this one runs is newer.
  const startedAt = now();
  const store = new ScanStore(ctx);
  const allRoots = store.roots();
  let scopes: { root: RootRow; path: string }[];
  if (folders !== undefined) {
    scopes = [];
    for (const folder of folders) {
      const path = resolve(folder);
      const root = rootFor(allRoots, path);
      if (!root) {
        throw new CoreError(
          'not_found',
          `${path} is not in a library folder; add it with scan.addFolder first.`,
          [{ field: 'path', message: 'not a library folder' }],
        );
      }
      scopes.push({ root, path: scopeOf(root, path) });
    }
    // A folder inside another one asked for is scanned with it.
    scopes = scopes.filter(
      (s, i) => !scopes.some((o, j) => (j < i && o.path === s.path) || isUnder(s.path, o.path)),
    );
  } else scopes = allRoots.map((root) => ({ root, path: root.path }));

  /**
   * One bar for the whole scan: while walking, files found so far (total unknown, 0); then
   * three equal stages of the files found — walked, parsed, written.
   */
  const progress = (done: number, total: number) => ctx.emit('progress', { task: 'scan', done, total });
  let found = 0;
  const stage = (n: number, done: number, of: number) =>
    progress(found * n + (of ? Math.round((done / of) * found) : found), found * 3);
  const problems: ScanProblem[] = [];

  // A library folder that is not there (a drive unplugged, a share offline) is not "every file deleted".
  const reachable: typeof scopes = [];
  for (const scope of scopes) {
    try {
      if ((await stat(scope.path)).isDirectory()) {
        reachable.push(scope);
        continue;
      }
    } catch {
      // reported below
    }
    problems.push({
      path: scope.path,
      kind: 'unreachable',
      reason: 'the folder is not there (a disconnected drive or share?); its files were left as they were',
    });
  }

  let walk: WalkResult;
  try {
    walk = await walkFolders(
      reachable.map((s) => s.path),
      { signal: job.signal, onProgress: (found) => progress(found, 0) },
    );
  } catch (e) {
    job.check(); // a cancel stops the walk with an AbortError: report it as the job's cancellation
    throw e;
  }
  problems.push(...walk.problems);
  found = walk.files.length;
  await job.pause();

  const inScope = (path: string) => reachable.some((s) => path === s.path || isUnder(path, s.path));
  const scannedRoots = [...new Set(reachable.map((s) => s.root))];
  const known: KnownFile[] = scannedRoots
    .flatMap((root) => store.known(root.id))
    .filter((k) => inScope(k.path));
  const rootOf = (path: string) => rootFor(scannedRoots, path)!;
  const lastScan = new Map(
    scannedRoots.flatMap((r) => (r.lastScanAt ? [[r.id, Date.parse(r.lastScanAt)] as const] : [])),
  );
  const plan = await planScan({ walk, known, rootOf, lastScan }, async (parsed, toParse) => {
    stage(1, parsed, toParse);
    await job.pause();
  });

  // Sidecars are read for what is being identified, a few at a time.
  const identified: IdentifiedItem[] = new Array(plan.work.length);
  let next = 0;
  let done = 0;
  const total = plan.work.length;
  const worker = async () => {
    while (next < plan.work.length) {
      const i = next++;
      const { item, root, relinkTo } = plan.work[i]!;
      const kind = item.parsed.kind;
      const paths = nfoPaths(item.primary, kind, walk.sidecars, root.path);
      const nfo = paths.own.length || paths.show ? await readNfos(paths, kind) : undefined;
      if (nfo?.problems.length) {
        for (const reason of nfo.problems)
          problems.push({ path: item.primary.path, kind: 'unreadable', reason });
      }
      identified[i] = {
        item,
        rootId: root.id,
        refs: titleRefsOf(item.parsed, nfo),
        ...(relinkTo ? { relinkTo } : {}),
        images: artworkFor(item.primary, walk.sidecars, item.alone),
      };
      if (++done % 500 === 0) await job.pause();
    }
  };
  await Promise.all(Array.from({ length: Math.min(NFO_CONCURRENCY, total) }, worker));
  await job.pause();

  const written = ctx.transact(() => {
    const counts = writeScan(
      ctx,
      store,
      plan,
      identified,
      scannedRoots.map((r) => r.id),
      (n) => stage(2, n, total),
    );
    // Only a whole library folder's scan counts as its last scan.
    for (const scope of reachable)
      if (scope.path === scope.root.path) store.markScanned(scope.root.id, startedAt);
    return counts;
  });

  return {
    folders: scopes.map((s) => s.path),
    filesSeen: plan.unchanged + plan.newFiles + plan.changed + plan.moves.length,
    new: plan.newFiles,
    changed: plan.changed,
    unchanged: plan.unchanged,
    moved: plan.moves.length,
    missing: plan.missing.length,
    skipped: plan.skipped + walk.skipped,
    linked: written.linked,
    copiesRemoved: written.copiesRemoved,
    titlesCreated: written.titlesCreated,
    unmatched: written.unmatched,
    problems,
    artwork: written.artwork,
    durationMs: Math.round(performance.now() - started),
  };
}
