/**
 * Every screen on a small real library, in light and dark: it opens without errors, axe-core
 * finds no serious or critical violation, and a screenshot of each is kept (e2e/artifacts).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  checkAxe,
  launchChromium,
  NO_CHROMIUM,
  HAS_CHROMIUM,
  openPage,
  screenshot,
  startApp,
  type App,
} from './fixture';
import { seedLibrary, type Seeded } from './seed';

let app: App;
let seeded: Seeded;
let browser: Browser;

beforeAll(async () => {
  if (!HAS_CHROMIUM) return;
  app = await startApp();
  seeded = await seedLibrary(app.core);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The screen has its heading and has finished loading what it shows first. */
async function settled(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.locator('main .loading').first().waitFor({ state: 'detached', timeout: 10_000 });
  // Let late answers (second queries, images) land before judging the page.
  await page.waitForTimeout(300);
}

const SCREENS: [name: string, hash: () => string][] = [
  ['library', () => '#/library'],
  ['search', () => '#/search'],
  ['title', () => `#/title/${seeded.matrix}`],
  ['series', () => `#/series/${seeded.series}`],
  ['lists', () => '#/lists'],
  ['a list', () => `#/lists/${seeded.list}`],
  ['discover', () => '#/discover'],
  ['stats', () => '#/stats'],
  ['import', () => '#/import'],
  ['settings', () => '#/settings'],
];

describe.skipIf(!HAS_CHROMIUM)(`every screen${NO_CHROMIUM}`, () => {
  it.each(SCREENS)('%s: axe finds nothing serious in light and dark; screenshots', async (name, hash) => {
    const { page, close } = await openPage(browser, app, hash());
    try {
      if (name === 'search') {
        // Results on screen, not just an empty field.
        const field = page
          .locator('main')
          .getByRole('searchbox')
          .or(page.locator('main input[type="search"]'));
        await field.first().fill('matrix');
      }
      await settled(page);
      await checkAxe(page, `${name} (light)`);
      await screenshot(page, `${name.replace(' ', '-')}-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForTimeout(100);
      await checkAxe(page, `${name} (dark)`);
      await screenshot(page, `${name.replace(' ', '-')}-dark`);
    } finally {
      await close();
    }
  });
});
