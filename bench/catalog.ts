/**
 * Catalog benchmarks (npm run bench -- catalog):
 *   100,000 titles, 300,000 credits, 1,000,000 watch events (synthetic, deterministic);
 *   bulk insert rate, open + migrate time, typo'd search p50/p95 with two filters (words drawn
 *   from random titles, so common words weigh as in the catalog) against a
 *   LIKE-scan baseline on the same file, RSS of the core with the library open, and
 *   stats.charts and discover.rows (what the Stats and Discover screens ask for on open).
 * Prints a table and writes bench/results/catalog.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SearchQuery } from '@reelshelf/shared/contracts';
import { openCore } from '../desktop/core';
import { Dice, seededRandom } from '../desktop/core/demo/random';
import { GENRES } from '../desktop/core/demo/words';
import { searchTokens } from '../desktop/core/search/tokens';
import { resultHeader, saveResult } from './results';

const TITLES = 100_000;
const CREDITS_PER_TITLE = 3;
const WATCHES = 1_000_000;
const QUERIES = 2_000;
const TARGETS = { searchP95Ms: 5, openMs: 300, screenMs: 300 };

const dir = mkdtempSync(join(tmpdir(), 'reelshelf-bench-'));
const dbPath = join(dir, 'library.db');
try {
  // 1. Bulk insert through the demo generator (prepared statements, one transaction).
  const t0 = performance.now();
  const core = openCore(dbPath);
  const counts = await core.call('library.demo', {
    titles: TITLES,
    creditsPerTitle: CREDITS_PER_TITLE,
    watchEvents: WATCHES,
    episodes: false,
    seed: 1,
  });
  const loadSeconds = (performance.now() - t0) / 1000;
  console.log(
    `Generated ${counts.titles} titles, ${counts.credits} credits, ${counts.watches} watch events in ${loadSeconds.toFixed(1)} s`,
  );
  const rows = counts.titles + counts.credits + counts.watches + counts.copies + counts.people;

  // 2. Queries: title words of 4-9 letters with one typo (3-8 letters left), two filters each.
  const d = new Dice(seededRandom(99));
  // Words as people meet them: a random title, then one of its words, so common words
  // (which match thousands of titles) come up as often as they do in the catalog.
  const titleWords = (core.library.sqlite.prepare('SELECT title FROM titles').pluck().all() as string[])
    .map((t) => searchTokens(t).filter((w) => w.length >= 4 && w.length <= 9 && /^[a-z]+$/.test(w)))
    .filter((ws) => ws.length > 0);
  core.library.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  const typo = (w: string): string => {
    const i = d.int(0, w.length - 1);
    const letter = String.fromCharCode(97 + d.int(0, 25));
    switch (d.int(0, 3)) {
      case 0:
        return w.slice(0, i) + w.slice(i + 1); // deletion
      case 1:
        return w.slice(0, i) + letter + w.slice(i + 1); // substitution
      case 2:
        return i < w.length - 1 ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w.slice(0, i); // transposition
      default:
        return w.slice(0, i) + letter + w.slice(i); // insertion
    }
  };
  const filters: ((q: SearchQuery) => void)[] = [
    (q) => (q.kinds = ['movie']),
    (q) => {
      q.yearFrom = d.int(1930, 2000);
      q.yearTo = q.yearFrom + 20;
    },
    (q) => (q.genres = [d.pick(GENRES)]),
    (q) => (q.watched = d.chance(0.5)),
    (q) => (q.owned = true),
  ];
  const queries: SearchQuery[] = [];
  while (queries.length < QUERIES) {
    const text = typo(d.pick(d.pick(titleWords)));
    if (text.length < 3 || text.length > 8) continue;
    const q: SearchQuery = { text, limit: 20 };
    const a = d.int(0, filters.length - 1);
    const b = (a + d.int(1, filters.length - 1)) % filters.length;
    filters[a]!(q);
    filters[b]!(q);
    queries.push(q);
  }

  // 3. Open time, search latency and RSS, in a fresh process.
  const queriesPath = join(dir, 'queries.json');
  writeFileSync(queriesPath, JSON.stringify(queries));
  const worker = fileURLToPath(new URL('./catalog-worker.ts', import.meta.url));
  const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
  const measured = JSON.parse(
    execFileSync(process.execPath, [tsx, worker, dbPath, queriesPath], { maxBuffer: 1 << 24 }).toString(),
  ) as {
    openMs: Record<string, number>;
    firstSearchMs: number;
    search: Record<string, number>;
    baselineLike: Record<string, number>;
    statsCharts: Record<string, number>;
    discoverRows: Record<string, number>;
    rssMiB: { afterOpen: number; afterSearches: number };
  };

  const result = {
    ...resultHeader('catalog'),
    data: { ...counts, fileMiB: Math.round(statSync(dbPath).size / 2 ** 20) },
    bulkInsert: { seconds: Math.round(loadSeconds * 10) / 10, rowsPerSecond: Math.round(rows / loadSeconds) },
    openMs: measured.openMs,
    firstSearchMs: Math.round(measured.firstSearchMs),
    search: measured.search,
    baselineLikeScan: measured.baselineLike,
    statsChartsMs: measured.statsCharts,
    discoverRowsMs: measured.discoverRows,
    speedupVsBaselineP50: Math.round((measured.baselineLike.p50! / measured.search.p50!) * 10) / 10,
    rssMiB: {
      afterOpen: Math.round(measured.rssMiB.afterOpen),
      afterSearches: Math.round(measured.rssMiB.afterSearches),
    },
    targets: {
      searchP95Ms: { target: TARGETS.searchP95Ms, met: measured.search.p95! <= TARGETS.searchP95Ms },
      openMs: { target: TARGETS.openMs, met: measured.openMs.max! <= TARGETS.openMs },
      // Reported, not (yet) failing the run: the median of repeated calls.
      statsChartsMs: { target: TARGETS.screenMs, met: measured.statsCharts.p50! <= TARGETS.screenMs },
      discoverRowsMs: { target: TARGETS.screenMs, met: measured.discoverRows.p50! <= TARGETS.screenMs },
    },
  };

  saveResult('catalog', result);
  console.table({
    'bulk insert (rows/s)': {
      value: result.bulkInsert.rowsPerSecond,
      note: `${result.bulkInsert.seconds} s for ${rows} rows + index`,
    },
    'open + migrate p50 (ms)': {
      value: result.openMs.p50,
      note: `max ${result.openMs.max}, target ≤ ${TARGETS.openMs}`,
    },
    'first search (ms)': {
      value: result.firstSearchMs,
      note: 'loads the facets it needs into memory, once per process',
    },
    'stats.charts (ms)': {
      value: Math.round(result.statsChartsMs.p50!),
      note: `median of 5; first ${Math.round(result.statsChartsMs.firstMs!)}, target ≤ ${TARGETS.screenMs}`,
    },
    'discover.rows (ms)': {
      value: Math.round(result.discoverRowsMs.p50!),
      note: `median of 5; first ${Math.round(result.discoverRowsMs.firstMs!)}, target ≤ ${TARGETS.screenMs}`,
    },
    'search p50 (ms)': { value: result.search.p50, note: `${QUERIES} typo'd queries, 2 filters each` },
    'search p95 (ms)': {
      value: result.search.p95,
      note: `target ≤ ${TARGETS.searchP95Ms}; p99 ${result.search.p99}`,
    },
    'baseline LIKE scan p50 (ms)': {
      value: result.baselineLikeScan.p50,
      note: `${result.speedupVsBaselineP50}× slower than ours`,
    },
    'RSS with library open (MiB)': {
      value: result.rssMiB.afterSearches,
      note: `${result.rssMiB.afterOpen} right after open`,
    },
  });
  console.log(`Results: bench/results/catalog.json (library ${result.data.fileMiB} MiB)`);
  if (!result.targets.searchP95Ms.met || !result.targets.openMs.met) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
