import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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

  // Chromium comes from Debian's package, which CI installs (so there a missing one fails
  // loudly); on a developer machine without it, install it or set CHROMIUM_PATH.
  describe.runIf(existsSync(CHROMIUM) || process.env.CI)('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    });
    afterAll(async () => browser?.close());

    it('shows the library and finds "The Matrix" for "matrx"', async () => {
      const page = await browser.newPage();
      await page.goto(url);
      await expect.poll(() => page.textContent('#status')).toContain('2 movies and 0 series');
      await page.fill('#q', 'matrx');
      await expect.poll(() => page.textContent('#results')).toBe('The Matrix (1999)');
      expect(await page.textContent('#corrections')).toContain(
        'Showing results for "matrix" instead of "matrx"',
      );
      await page.fill('#q', 'amelie');
      await expect.poll(() => page.textContent('#results')).toBe('Amélie (2001)');
    });
  });
});
