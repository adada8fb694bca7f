/** Finding a title despite a typo, and switching the interface to Japanese and back without a reload. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, NO_CHROMIUM, openPage, startApp, type App } from './fixture';
import { seedLibrary } from './seed';

let browser: Browser;
let app: App;

describe.skipIf(!HAS_CHROMIUM)(`search and language${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp();
    await seedLibrary(app.core);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('finds The Matrix for "matirx" and says what it searched for instead', async () => {
    const { page, close } = await openPage(browser, app, '#/search');
    await page.locator('main').getByRole('searchbox').fill('matirx');
    const results = page.locator('.search-results[data-query="matirx"]');
    await results.getByRole('link', { name: /The Matrix/ }).waitFor();
    expect(await results.getByRole('link').count()).toBe(1);
    await page
      .locator('main')
      .getByText(/matrix/i)
      .first()
      .waitFor();
    await close();
  });

  it('switches to 日本語 in Settings: the navigation reads ライブラリ at once; switching back works', async () => {
    const { page, close } = await openPage(browser, app, '#/settings');
    const nav = page.getByRole('navigation');
    await page.getByLabel('Language').waitFor();
    // A mark on this document: still there afterwards means the page was not reloaded.
    await page.evaluate('window.sameDocument = true');
    await page.getByLabel('Language').selectOption({ label: '日本語' });
    await nav.getByRole('link', { name: 'ライブラリ' }).waitFor();
    await expect.poll(() => page.evaluate('document.documentElement.lang')).toBe('ja');
    await page.getByLabel('言語').selectOption({ label: 'English' });
    await nav.getByRole('link', { name: 'Library' }).waitFor();
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    await close();
  });
});
