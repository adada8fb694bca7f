import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors } from './app/fixture';
import { HAS_CHROMIUM, launchChromium, NO_CHROMIUM } from './app/chromium';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
let dir: string;
let app: ChildProcess;
let output = '';
let url: string;

/** `npm start` exactly as a user runs it (scripts/start.mjs), on a fresh library. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'reelshelf-e2e-'));
  const db = join(dir, 'library.db');
  const cli = join(ROOT, 'desktop/bin/reelshelf.js');
  const add = (...args: string[]) =>
    new Promise<void>((resolve, reject) =>
      spawn(process.execPath, [cli, '--db', db, 'add', ...args]).on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`add exited ${code}`)),
      ),
    );
  await add('The Matrix', '--year', '1999');
  await add('Amélie', '--year', '2001');
  app = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--db', db, '--port', '0'], {
    env: { ...process.env, CI: 'true' },
  });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in time; output:\n${output}`)), 30_000);
    app.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    app.on('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
  });
});

afterAll(() => {
  app?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

describe('npm start without Electron', () => {
  it('says why there is no desktop window and serves browser mode instead', async () => {
    expect(output).toContain('Not starting the desktop window: this is a CI run.');
    expect(output).toContain('Starting browser mode instead');
    expect((await fetch(url)).status).toBe(200);
  });

  describe.skipIf(!HAS_CHROMIUM)(`in Chromium${NO_CHROMIUM}`, () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => browser?.close());

    it('shows the React library with both titles, and finds "The Matrix" for "matrx"', async () => {
      const page = await browser.newPage();
      const errors = collectErrors(page);
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
      await page.locator('main').getByText('Amélie', { exact: true }).first().waitFor();
      await page.locator('main').getByText('The Matrix', { exact: true }).first().waitFor();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
      await page
        .getByRole('searchbox', { name: /search/i })
        .last()
        .fill('matrx');
      await page
        .locator('main')
        .getByRole('link', { name: /The Matrix/ })
        .first()
        .waitFor();
      await page.close();
      expect(errors).toEqual([]);
    });
  });
});
