/**
 * What every end-to-end spec of the React UI needs: a real browser-mode server on a fresh
 * library (the core in this process, so specs can seed data with `core.call`), Debian's
 * Chromium through playwright-core, and checks a spec runs on each screen — axe, a
 * screenshot, and no errors on the page.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openCore, type Core } from '../../desktop/core';
import { startServer } from '../../desktop/core/serve/server';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export { CHROMIUM, CHROMIUM_FLAGS, HAS_CHROMIUM, NO_CHROMIUM, launchChromium } from './chromium';

export const ARTIFACTS = join(ROOT, 'e2e/artifacts');

export interface App {
  /** The core behind the server, for seeding and checking what the UI wrote. */
  core: Core;
  /** http://127.0.0.1:<port>/ */
  url: string;
  dir: string;
  close(): Promise<void>;
}

/** A fresh library in a temp folder behind a real browser-mode server on a free port. */
export async function startApp(): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'reelshelf-e2e-'));
  const core = openCore(join(dir, 'library.db'));
  const server = await startServer(core, { port: 0 });
  return {
    core,
    url: server.url.endsWith('/') ? server.url : `${server.url}/`,
    dir,
    async close() {
      await server.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors seen on the page so far. */
  errors: string[];
  /** Fails the spec when the page threw or logged an error; closes the context. */
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  /** Initial viewport; a 1280×800 laptop by default. */
  viewport?: { width: number; height: number };
  /** Console errors matching one of these are expected by the spec and not counted. */
  allowErrors?: RegExp[];
}

/**
 * A new page (its own context: fresh localStorage) at `app.url + hash`, e.g. '#/search',
 * collecting page errors so `close()` can fail the spec on any.
 */
export async function openPage(
  browser: Browser,
  app: App,
  hash = '#/library',
  options: OpenOptions = {},
): Promise<OpenedPage> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: 'en-US',
  });
  const page = await context.newPage();
  const errors = collectErrors(page, options.allowErrors);
  await page.goto(app.url + hash);
  return {
    page,
    context,
    errors,
    async close() {
      await context.close();
      expect(errors, 'errors on the page').toEqual([]);
    },
  };
}

/** Page errors and console errors, as readable lines. */
export function collectErrors(page: Page, allow: RegExp[] = []): string[] {
  const errors: string[] = [];
  const keep = (line: string) => {
    // The browser asks for /favicon.ico on its own; the app links no icon, which is no error of its.
    if (line.endsWith('/favicon.ico)')) return;
    if (!allow.some((re) => re.test(line))) errors.push(line);
  };
  page.on('pageerror', (error) => keep(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A failed load names no address in its text; its location does.
    if (message.type() === 'error') keep(`console error: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now and fails with a readable list when any violation
 * is serious or critical (moderate and minor ones are returned for the spec to log).
 */
export async function checkAxe(page: Page, screenName: string): Promise<AxeViolation[]> {
  // Evaluated rather than added as a <script>: the page's Content-Security-Policy blocks inline scripts.
  if ((await page.evaluate('typeof window.axe')) === 'undefined')
    await page.evaluate(readFileSync(AXE, 'utf8'));
  // A string: the repository's TypeScript has no DOM types, and this runs in the page.
  const violations =
    (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
  })))`)) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 5)
          .map(
            (n) => `    at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\n\s*/g, ' ')}`,
          )
          .join('\n') +
        (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ''),
    )
    .join('\n');
  expect(bad.length, `axe on ${screenName}:\n${report}`).toBe(0);
  return violations;
}

/**
 * Saves the page to e2e/artifacts/screenshots/<name>.png (kept by CI). The app scrolls
 * inside <main>, so the window is made tall enough to show all of it (up to 4000 px) first.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = join(ARTIFACTS, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 };
  const overflow = (await page.evaluate(
    `(() => { const m = document.getElementById('main'); return m ? m.scrollHeight - m.clientHeight : 0; })()`,
  )) as number;
  if (overflow > 0) {
    await page.setViewportSize({ width: viewport.width, height: Math.min(4000, viewport.height + overflow) });
  }
  await page.screenshot({ path: join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`) });
  if (overflow > 0) await page.setViewportSize(viewport);
}

/** Waits until the screen's focused heading is shown (every screen renders through ui/Page). */
export async function waitForScreen(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}
