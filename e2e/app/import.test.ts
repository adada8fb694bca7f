/** Importing a small Letterboxd export through the Import screen's file input. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, NO_CHROMIUM, openPage, startApp, type App } from './fixture';

let browser: Browser;
let app: App;

// Letterboxd's diary.csv as its export writes it (see desktop/core/import/import.test.ts).
const DIARY = [
  'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date',
  '2024-01-03,The Matrix,1999,https://boxd.it/a1,4.5,No,sci-fi,2024-01-02',
  '2024-02-10,The Matrix,1999,https://boxd.it/a2,5,Yes,,2024-02-10',
  '2024-02-11,"Crouching Tiger, Hidden Dragon",2000,https://boxd.it/a3,4,No,,2024-02-11',
  '2024-03-01,Amélie,2001,https://boxd.it/a4,,No,,2024-03-01',
  '',
].join('\n');

describe.skipIf(!HAS_CHROMIUM)(`import${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('imports a Letterboxd diary: the report counts the rows and the films are in the library', async () => {
    const { page, close } = await openPage(browser, app, '#/import');
    await page.getByLabel('Choose a file').setInputFiles({
      name: 'diary.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(DIARY),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await report.waitFor({ timeout: 20_000 });
    await report.getByText('4 rows read').waitFor();
    const count = (term: string) =>
      report
        .locator('div', { has: page.getByRole('term').filter({ hasText: term }) })
        .getByRole('definition');
    // Each diary entry is a row the import created (a film, or a viewing of one it already made).
    expect(await count('Created').innerText()).toBe('4');
    for (const none of ['Updated', 'Unmatched', 'Rejected']) expect(await count(none).innerText()).toBe('0');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    for (const title of ['The Matrix', 'Crouching Tiger, Hidden Dragon', 'Amélie']) {
      await page.locator('main').getByText(title, { exact: true }).first().waitFor();
    }
    expect((await app.core.call('catalog.search', { text: '' })).total).toBe(3);
    await close();
  });
});
