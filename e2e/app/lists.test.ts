/** A list of one's own: created in the Lists screen, reordered by keyboard, the order kept. */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, NO_CHROMIUM, openPage, startApp, type App } from './fixture';

let browser: Browser;
let app: App;

const TITLES = ['Heat', 'Ronin', 'Thief'];

/** The list's titles as the page shows them, top to bottom. */
async function shownOrder(page: Page): Promise<string[]> {
  const rows = await page
    .getByRole('list', { name: 'Titles on this list' })
    .getByRole('listitem')
    .allInnerTexts();
  return rows.map((text) => TITLES.find((t) => text.includes(t)) ?? text);
}

describe.skipIf(!HAS_CHROMIUM)(`lists${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    browser = await launchChromium();
    app = await startApp();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('creates a list, reorders it with the move buttons and Alt+Arrow, and the order persists', async () => {
    const { page, close } = await openPage(browser, app, '#/lists');
    await page.getByRole('button', { name: 'New list' }).click();
    const dialog = page.getByRole('dialog', { name: 'New list' });
    await dialog.getByLabel('Name').fill('Heist films');
    await dialog.getByRole('button', { name: 'Create list' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The titles go on the list through the core: adding to a list is not what is tested here.
    const list = (await app.core.call('lists.all', {})).find((l) => l.name === 'Heist films');
    expect(list, 'the list the dialog created').toBeDefined();
    for (const [i, title] of TITLES.entries()) {
      const { id } = await app.core.call('catalog.add', { kind: 'movie', title, year: 1995 + i });
      await app.core.call('lists.add', { list: list!.id, titleId: id });
    }

    await page.goto(`${app.url}#/lists`);
    await page.getByRole('link', { name: /Heist films/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Heist films' }).waitFor();
    await expect.poll(() => shownOrder(page)).toEqual(['Heat', 'Ronin', 'Thief']);

    // "Move Thief up" → Heat, Thief, Ronin.
    await page.getByRole('button', { name: 'Move Thief up' }).click();
    await expect.poll(() => shownOrder(page)).toEqual(['Heat', 'Thief', 'Ronin']);
    // Alt+ArrowDown on Heat's move button → Thief, Heat, Ronin.
    await page.getByRole('button', { name: 'Move Heat down' }).focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => shownOrder(page)).toEqual(['Thief', 'Heat', 'Ronin']);

    await page.reload();
    await expect.poll(() => shownOrder(page)).toEqual(['Thief', 'Heat', 'Ronin']);
    const items = await app.core.call('lists.items', { list: list!.id });
    expect(items.map((i) => i.title)).toEqual(['Thief', 'Heat', 'Ronin']);
    await close();
  });
});
