/**
 * Library folder scan benchmark (npm run bench -- scan): a 50,000-file Plex-style tree in a
 * temp folder (10,000 films in their own folders, some with editions, parts and NFOs;
 * 40,000 episodes of 400 series in season folders, some multi-episode; empty files made
 * sparse with truncate so sizes differ), scanned into a real library file:
 *   1. first scan (walk, parse, create every title and copy, one transaction);
 *   2. unchanged rescan (walk and stat only; nothing parsed or written);
 *   baseline: a bare recursive `readdir` + `stat` of the same tree, measured in the same run,
 *   i.e. what any scanner must pay before it does anything.
 * Targets (2 cores): first scan ≤ 20 s, unchanged rescan ≤ 3 s. Writes bench/results/scan.json.
 */
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore } from '../desktop/core';
import { captureAll } from '../desktop/core/sync/direct-delivery';
import { resultHeader, saveResult } from './results';
import { peakRssMiB } from './stats';

const TARGETS = { firstScanSeconds: 20, rescanSeconds: 3 };
const MOVIES = 10_000;
const SHOWS = 400;
const SEASONS = 5;
const EPISODES = 20;

const WORDS =
  'night shadow river empire last silent broken golden winter city secret black red lost iron glass paper storm king queen house road fire stone blue dark long little wild ocean sun moon star garden circle mirror machine ghost heart'.split(
    ' ',
  );
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const log = (text: string) => process.stderr.write(`${text}\n`);

/** Deterministic names: the same tree every run. */
function nameOf(i: number, words: number): string {
  const out: string[] = [];
  let n = i * 2654435761;
  for (let w = 0; w < words; w++) {
    const word = WORDS[Math.abs(n) % WORDS.length]!;
    out.push(word[0]!.toUpperCase() + word.slice(1));
    n = Math.floor(n / WORDS.length) + i * 7 + w;
  }
  return `${out.join(' ')} ${i}`;
}

function put(path: string, size: number): void {
  writeFileSync(path, '');
  truncateSync(path, size);
}

function generateTree(root: string): number {
  let files = 0;
  const movies = join(root, 'Movies');
  for (let i = 0; i < MOVIES; i++) {
    const title = nameOf(i, 2 + (i % 3));
    const year = 1950 + (i % 75);
    const folder = join(movies, `${title} (${year})`);
    mkdirSync(folder, { recursive: true });
    const size = 700_000_000 + i * 1_000;
    if (i % 50 === 0) {
      // A film in two parts.
      put(join(folder, `${title} (${year})-cd1.avi`), size);
      put(join(folder, `${title} (${year})-cd2.avi`), size + 1);
      files += 2;
    } else if (i % 40 === 0) {
      put(join(folder, `${title} (${year}) {edition-Director's Cut} [1080p].mkv`), size);
      files++;
    } else {
      const ids = i % 10 === 0 ? ` [tmdbid-${100_000 + i}]` : '';
      put(join(folder, `${title} (${year})${ids} - 1080p.mkv`), size);
      files++;
    }
    if (i % 20 === 0)
      writeFileSync(join(folder, 'movie.nfo'), `<movie><title>${title}</title><year>${year}</year></movie>`);
    if (i % 4 === 0) writeFileSync(join(folder, 'poster.jpg'), '');
  }
  const tv = join(root, 'TV');
  for (let s = 0; s < SHOWS; s++) {
    const show = `${nameOf(100_000 + s, 2)} (${1990 + (s % 35)})`;
    for (let season = 1; season <= SEASONS; season++) {
      const folder = join(tv, show, `Season ${String(season).padStart(2, '0')}`);
      mkdirSync(folder, { recursive: true });
      for (let e = 1; e <= EPISODES; e++) {
        const ep = `S${String(season).padStart(2, '0')}E${String(e).padStart(2, '0')}`;
        const multi = e % 10 === 0 && e > 1 ? `-E${String(e + 1).padStart(2, '0')}` : '';
        put(join(folder, `${show} - ${ep}${multi} - Episode ${e}.mkv`), 300_000_000 + s * 1_000 + e);
        files++;
      }
    }
  }
  return files;
}

/** What any scanner pays first: list every folder and stat every file, nothing else. */
async function bareWalk(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true });
  const counts = await Promise.all(
    entries.map(async (e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return bareWalk(p);
      await stat(p);
      return 1;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-bench-scan-'));
  try {
    const root = join(dir, 'Media');
    let t = performance.now();
    const media = generateTree(root);
    log(`tree: ${media} media files in ${round((performance.now() - t) / 1000)} s`);

    t = performance.now();
    const entries = await bareWalk(root);
    const baselineSeconds = (performance.now() - t) / 1000;
    log(`baseline readdir+stat walk: ${entries} files in ${round(baselineSeconds)} s`);

    const core = openCore(join(dir, 'library.db'));
    await core.call('scan.addFolder', { path: root });
    // Phases from the scan's progress bar: walking (total 0), then parsed, written (thirds of total).
    const marks: { walked?: number; parsed?: number; written?: number } = {};
    const offProgress = core.on('progress', ({ done, total }) => {
      const at = performance.now();
      if (total > 0) marks.walked ??= at;
      if (total > 0 && done >= (total / 3) * 2) marks.parsed ??= at;
      if (total > 0 && done >= total) marks.written ??= at;
    });
    t = performance.now();
    const first = await core.call('scan.run', {});
    const end = performance.now();
    offProgress();
    const firstSeconds = (end - t) / 1000;
    const phases = {
      walkSeconds: round((marks.walked! - t) / 1000),
      parseAndSidecarsSeconds: round((marks.parsed! - marks.walked!) / 1000),
      resolveAndWriteSeconds: round((marks.written! - marks.parsed!) / 1000),
      /** Commit: the sync capture of every new title and copy, then the write to disk. */
      commitAndSyncCaptureSeconds: round((end - marks.written!) / 1000),
    };
    log(`first scan phases: ${JSON.stringify(phases)}`);
    log(
      `first scan: ${first.filesSeen} files, ${first.linked} linked, ${first.titlesCreated} titles created, ` +
        `${first.unmatched.length} unmatched in ${round(firstSeconds)} s`,
    );

    const outbox = () =>
      core.library.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get() as number;
    const opsBefore = outbox();
    let changedEvents = 0;
    const off = core.on('changed', () => changedEvents++);
    t = performance.now();
    const again = await core.call('scan.run', {});
    const rescanSeconds = (performance.now() - t) / 1000;
    off();
    const rescanOps = outbox() - opsBefore;
    log(
      `unchanged rescan: ${again.unchanged} unchanged, ${again.new} new, ${again.changed} changed in ${round(rescanSeconds)} s; ` +
        `${rescanOps} sync ops, ${changedEvents} changed events`,
    );
    core.close();

    // The same first scan in a library that is signed in to sync: every title and copy also
    // becomes sync ops in the same transaction. Reported, not held to the target, which is
    // about a new library (one that has never been signed in captures nothing).
    const synced = openCore(join(dir, 'signed-in.db'));
    captureAll(synced);
    await synced.call('scan.addFolder', { path: root });
    t = performance.now();
    await synced.call('scan.run', {});
    const signedInSeconds = (performance.now() - t) / 1000;
    const signedInOps = synced.library.sqlite
      .prepare('SELECT count(*) FROM sync_outbox')
      .pluck()
      .get() as number;
    synced.close();
    log(`first scan, signed-in library: ${round(signedInSeconds)} s, ${signedInOps} sync ops`);

    const result = {
      ...resultHeader('scan'),
      tree: { mediaFiles: media, entries, movies: MOVIES, episodes: SHOWS * SEASONS * EPISODES },
      baseline: { readdirStatSeconds: round(baselineSeconds) },
      firstScan: {
        seconds: round(firstSeconds),
        target: TARGETS.firstScanSeconds,
        filesSeen: first.filesSeen,
        linked: first.linked,
        titlesCreated: first.titlesCreated,
        unmatched: first.unmatched.length,
        skipped: first.skipped,
        vsBaseline: round(firstSeconds / baselineSeconds, 1),
        phases,
      },
      firstScanSignedIn: { seconds: round(signedInSeconds), syncOps: signedInOps },
      unchangedRescan: {
        seconds: round(rescanSeconds),
        target: TARGETS.rescanSeconds,
        unchanged: again.unchanged,
        syncOps: rescanOps,
        changedEvents,
        vsBaseline: round(rescanSeconds / baselineSeconds, 1),
      },
      peakRssMiB: peakRssMiB(),
    };
    saveResult('scan', result);
    console.table({
      'baseline walk': { seconds: round(baselineSeconds), target: '—' },
      'first scan': { seconds: round(firstSeconds), target: `≤ ${TARGETS.firstScanSeconds}` },
      'unchanged rescan': { seconds: round(rescanSeconds), target: `≤ ${TARGETS.rescanSeconds}` },
      'first scan, signed in': { seconds: round(signedInSeconds), target: '—' },
    });
    const missed = firstSeconds > TARGETS.firstScanSeconds || rescanSeconds > TARGETS.rescanSeconds;
    if (missed) log('A scan target was missed.');
    process.exitCode = missed ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
