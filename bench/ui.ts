/**
 * UI benchmarks (npm run bench -- ui): the built React interface in Debian's Chromium
 * (headless, no GPU) against `reelshelf serve` on a 100,000-title demo library.
 *   a. Library first paint: navigation start → performance.mark('library:first-paint')
 *      (the Library screen sets it in the frame after it first shows title cells), over
 *      fresh page loads (each its own browser context, so no HTTP cache); baseline: the same
 *      loads' DOMContentLoaded and first contentful paint (the bare page, before React).
 *   b. Search as you type on #/search: keydown (a capturing listener, performance.now()) →
 *      `.search-results` has data-query equal to the field's value (a MutationObserver);
 *      baseline: the raw catalog.search round trip over a WebSocket of the page's own.
 *   c. Scrolling the library grid: `.library-scroller` scrolled every animation frame for
 *      3 s; frames, dropped frames (interval > 1.5 × the median), p95 frame time, long tasks.
 * Prints a table and writes bench/results/ui.json.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { openCore } from '../desktop/core';
import { searchTokens } from '../desktop/core/search/tokens';
import { Dice, seededRandom } from '../desktop/core/demo/random';
import { CHROMIUM, launchChromium } from '../e2e/app/chromium';
import { resultHeader, saveResult } from './results';

const TITLES = 100_000;
const PAGE_LOADS = 7;
const WORDS = 5;
const SCROLL_MS = 3_000;
const SCROLL_PX_PER_FRAME = 40;
const TARGETS = { firstPaintP95Ms: 1_000, searchP95Ms: 50, droppedFrames: 0 };

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function stats(values: number[]): Record<string, number> {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, min: r(s[0] ?? NaN), p50: r(at(0.5)), p95: r(at(0.95)), max: r(s.at(-1) ?? NaN) };
}

/** `reelshelf serve` as a person runs it, on a free port; resolves with its address. */
function serve(db: string): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env };
  // No metadata service to reach: the benchmark measures the interface and the local core only.
  delete env.REELSHELF_TMDB_KEY;
  delete env.REELSHELF_OMDB_KEY;
  const child = spawn(
    process.execPath,
    [join(ROOT, 'desktop/bin/reelshelf.js'), '--db', db, 'serve', '--port', '0'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reelshelf serve gave no address:\n${output}`)), 120_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!.endsWith('/') ? m[1]! : `${m[1]!}/`, child });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`reelshelf serve exited ${code}:\n${output}`)));
  });
}

const PROBES = join(ROOT, 'e2e/app/probes.js');

/** Calls window.reelshelfProbes.<name>(...args) in the page (e2e/app/probes.js). */
function probe<T>(page: Page, name: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    `window.reelshelfProbes.${name}(${args.map((a) => JSON.stringify(a)).join(', ')})`,
  ) as Promise<T>;
}

async function newPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ path: PROBES });
  return { context, page: await context.newPage() };
}

// A function, not a string: the page's Content-Security-Policy forbids eval.
const firstPaintMarked = () => performance.getEntriesByName('library:first-paint').length > 0;

/** a. One fresh load of #/library: when the library was first usable, and the bare page's milestones. */
async function loadLibrary(browser: Browser, url: string) {
  const { context, page } = await newPage(browser);
  try {
    await page.goto(`${url}#/library`);
    await page.waitForFunction(firstPaintMarked, null, { timeout: 30_000 });
    return await probe<{ firstPaint: number; domContentLoaded: number; firstContentfulPaint: number }>(
      page,
      'pageLoad',
    );
  } finally {
    await context.close();
  }
}

/** b. Per keystroke: keydown → the results show the field's value (null: not within 2 s). */
async function typeAndMeasure(page: Page, words: string[]) {
  // The search screen's own field (not the header's quick search).
  const field = page
    .locator('main input[type="search"], main [role="searchbox"], main [role="combobox"]')
    .first();
  await field.waitFor({ timeout: 15_000 });
  const latencies: number[] = [];
  const queries: string[] = [];
  let missed = 0;
  for (const word of words) {
    await field.fill('');
    await field.focus();
    await page.waitForTimeout(200);
    for (const letter of word) {
      await probe(page, 'armKeystroke', 2_000);
      await page.keyboard.type(letter);
      const ms = await probe<number | null>(page, 'keystrokeShown');
      queries.push(await field.inputValue());
      if (ms === null) missed++;
      else latencies.push(ms);
      // A person's pace between keys, after the answer (so each keystroke is measured on its own).
      await page.waitForTimeout(60);
    }
  }
  return { latencies, queries, missed };
}

interface ScrollRun {
  deltas: number[];
  longTasks: number[];
  scrolledPx: number;
  scrollHeight: number;
}

const dir = mkdtempSync(join(tmpdir(), 'reelshelf-bench-ui-'));
let server: ChildProcess | undefined;
let browser: Browser | undefined;
try {
  // @ts-expect-error -- a plain .mjs script without type declarations
  const { buildUi } = (await import('../scripts/build-ui.mjs')) as {
    buildUi(o: { quiet: boolean }): Promise<boolean>;
  };
  await buildUi({ quiet: true });

  // The library, generated once per run into a temp folder, then served by its own process.
  // REELSHELF_BENCH_LIBRARY reuses a library made earlier (while working on the UI, to skip
  // the two minutes of generating it); the recorded results always come from a fresh one.
  const reused = process.env.REELSHELF_BENCH_LIBRARY;
  const dbPath = reused ?? join(dir, 'library.db');
  const t0 = performance.now();
  const core = openCore(dbPath);
  const counts = reused
    ? { titles: core.library.sqlite.prepare('SELECT count(*) FROM titles').pluck().get() as number }
    : await core.call('library.demo', { titles: TITLES, seed: 1 });
  const d = new Dice(seededRandom(7));
  const titleWords = (
    core.library.sqlite
      .prepare("SELECT title FROM titles WHERE kind = 'movie' LIMIT 5000")
      .pluck()
      .all() as string[]
  )
    .flatMap((t) => searchTokens(t))
    .filter((w) => w.length >= 5 && w.length <= 8 && /^[a-z]+$/.test(w));
  const words = Array.from({ length: WORDS }, () => d.pick(titleWords));
  core.library.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  core.close();
  const generateSeconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(
    `Generated ${counts.titles} titles in ${generateSeconds} s; words to type: ${words.join(', ')}`,
  );

  // Browser timings suffer most from a busy machine: the load is recorded beside them.
  const loadBefore = loadavg()[0]!;
  const served = await serve(dbPath);
  server = served.child;
  browser = await launchChromium();

  // a. The first load also warms the core (facets, page cache); it is reported on its own.
  const loads = [];
  for (let i = 0; i < PAGE_LOADS; i++) loads.push(await loadLibrary(browser, served.url));
  const [coldLoad, ...warmLoads] = loads;

  const { context, page } = await newPage(browser);
  // b. Search as you type, then the same queries straight over the WebSocket.
  await page.goto(`${served.url}#/search`);
  const typed = await typeAndMeasure(page, words);
  const raw = await probe<number[]>(page, 'rawSearch', typed.queries, { limit: 50 });

  // c. Scrolling the grid.
  await page.goto(`${served.url}#/library`);
  await page.reload();
  await page.locator('.library-scroller').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(firstPaintMarked, null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  const cellsShown = await page.locator('.library-scroller a').count();
  const scroll = await probe<ScrollRun>(page, 'scroll', '.library-scroller', SCROLL_MS, SCROLL_PX_PER_FRAME);
  await context.close();

  const medianFrame = stats(scroll.deltas).p50!;
  const dropped = scroll.deltas.filter((x) => x > 1.5 * medianFrame).length;
  const firstPaint = stats(warmLoads.map((l) => l.firstPaint));
  const search = stats(typed.latencies);
  const result = {
    ...resultHeader('ui'),
    browser: { executable: CHROMIUM, version: browser.version(), mode: 'headless, --disable-gpu' },
    data: { ...counts, generateSeconds },
    loadAverage1m: {
      before: Math.round(loadBefore * 100) / 100,
      after: Math.round(loadavg()[0]! * 100) / 100,
    },
    libraryFirstPaintMs: {
      ...firstPaint,
      coldFirstLoad: Math.round(coldLoad!.firstPaint),
      cellsShown,
    },
    baselinePageLoadMs: {
      domContentLoaded: stats(warmLoads.map((l) => l.domContentLoaded)),
      firstContentfulPaint: stats(warmLoads.map((l) => l.firstContentfulPaint)),
    },
    searchAsYouTypeMs: { ...search, keystrokes: typed.queries.length, neverShown: typed.missed, words },
    baselineRawSearchMs: stats(raw),
    scroll: {
      seconds: SCROLL_MS / 1000,
      pxPerFrame: SCROLL_PX_PER_FRAME,
      frames: scroll.deltas.length,
      medianFrameMs: medianFrame,
      p95FrameMs: stats(scroll.deltas).p95,
      maxFrameMs: stats(scroll.deltas).max,
      droppedFrames: dropped,
      longTasks: scroll.longTasks.length,
      longTaskMs: Math.round(scroll.longTasks.reduce((a, b) => a + b, 0)),
      scrolledPx: Math.round(scroll.scrolledPx),
      scrollHeightPx: scroll.scrollHeight,
    },
    targets: {
      firstPaintP95Ms: { target: TARGETS.firstPaintP95Ms, met: firstPaint.p95! <= TARGETS.firstPaintP95Ms },
      searchP95Ms: {
        target: TARGETS.searchP95Ms,
        met: typed.missed === 0 && search.p95! <= TARGETS.searchP95Ms,
      },
      droppedFrames: { target: TARGETS.droppedFrames, met: dropped <= TARGETS.droppedFrames },
    },
  };
  if (reused) console.log(`Not saving results: measured on ${reused}, not a fresh library.`);
  else saveResult('ui', result);

  console.table({
    'library first paint p50 (ms)': {
      value: firstPaint.p50,
      note: `p95 ${firstPaint.p95} (target ≤ ${TARGETS.firstPaintP95Ms}); first load ${result.libraryFirstPaintMs.coldFirstLoad}; ${warmLoads.length} fresh loads`,
    },
    'baseline DOMContentLoaded p50 (ms)': {
      value: result.baselinePageLoadMs.domContentLoaded.p50,
      note: `first contentful paint p50 ${result.baselinePageLoadMs.firstContentfulPaint.p50}`,
    },
    'search as you type p50 (ms)': {
      value: search.p50,
      note: `p95 ${search.p95} (target ≤ ${TARGETS.searchP95Ms}); ${typed.queries.length} keystrokes, ${typed.missed} never shown`,
    },
    'baseline raw catalog.search p50 (ms)': {
      value: result.baselineRawSearchMs.p50,
      note: `p95 ${result.baselineRawSearchMs.p95}, over the page's own WebSocket`,
    },
    'scroll frames': {
      value: result.scroll.frames,
      note: `median ${medianFrame} ms, p95 ${result.scroll.p95FrameMs} ms, max ${result.scroll.maxFrameMs} ms`,
    },
    'scroll dropped frames': {
      value: dropped,
      note: `> 1.5 × median; target ${TARGETS.droppedFrames}; ${result.scroll.longTasks} long tasks (${result.scroll.longTaskMs} ms)`,
    },
  });
  if (!reused) console.log('Results: bench/results/ui.json');
  if (!Object.values(result.targets).every((t) => t.met)) process.exitCode = 1;
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
}
