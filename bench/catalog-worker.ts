/**
 * Runs in its own process so RSS is that of the core alone: opens the benchmark library,
 * then times searches against a naive baseline on the same file, and prints JSON.
 */
import { readFileSync } from 'node:fs';
import { openCore } from '../desktop/core';
import type { SearchQuery } from '@reelshelf/shared/contracts';
import { percentiles } from './stats';

const [dbPath, queriesPath] = process.argv.slice(2) as [string, string];
const queries = JSON.parse(readFileSync(queriesPath, 'utf8')) as SearchQuery[];

const opens: number[] = [];
for (let i = 0; i < 5; i++) {
  const t0 = performance.now();
  const c = openCore(dbPath);
  opens.push(performance.now() - t0);
  c.close();
}

const core = openCore(dbPath);
const rssOpen = process.memoryUsage().rss;

const time = async (q: SearchQuery) => {
  const t0 = performance.now();
  await core.call('catalog.search', q);
  return performance.now() - t0;
};
// The first search builds the in-memory facet index; reported on its own, not in the percentiles.
const firstSearchMs = await time(queries[0]!);
for (const q of queries.slice(1, 200)) await time(q); // warm the page cache and statement cache
const ours: number[] = [];
let hits = 0;
for (const q of queries) {
  ours.push(await time(q));
  hits += (await core.call('catalog.search', { ...q, limit: 1 })).total > 0 ? 1 : 0;
}

// Baseline: what a catalog without an index does — a substring scan with the same filters.
const sqlite = core.library.sqlite;
const naive = sqlite.prepare(
  `SELECT t.id, t.title FROM titles t WHERE t.title LIKE ? AND t.kind IN ('movie','series')
     AND (? IS NULL OR t.year BETWEEN ? AND ?) ORDER BY t.sort_title LIMIT 50`,
);
const baseline: number[] = [];
for (const q of queries.slice(0, 300)) {
  const t0 = performance.now();
  naive.all(`%${q.text}%`, q.yearFrom ?? null, q.yearFrom ?? 0, q.yearTo ?? 9999);
  baseline.push(performance.now() - t0);
}
// The Stats and Discover screens ask for these on open; first call apart, then 5 more.
const screenTimes = async (command: 'stats.charts' | 'discover.rows') => {
  const t0 = performance.now();
  await core.call(command, {});
  const firstMs = performance.now() - t0;
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await core.call(command, {});
    runs.push(performance.now() - t);
  }
  return { firstMs, ...percentiles(runs) };
};
const statsCharts = await screenTimes('stats.charts');
const discoverRows = await screenTimes('discover.rows');

const rssAfter = process.memoryUsage().rss;
core.close();

process.stdout.write(
  JSON.stringify({
    openMs: percentiles(opens),
    firstSearchMs,
    search: { ...percentiles(ours), queries: ours.length, withResults: hits },
    baselineLike: { ...percentiles(baseline), queries: baseline.length },
    statsCharts,
    discoverRows,
    rssMiB: { afterOpen: rssOpen / 2 ** 20, afterSearches: rssAfter / 2 ** 20 },
  }),
);
