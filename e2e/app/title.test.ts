/**
 * A person's first steps with a title, each on a fresh library: add it, add a Blu-ray copy
 * with its barcode, log a rewatch, rate it by keyboard.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, NO_CHROMIUM, openPage, startApp, type App } from './fixture';

let browser: Browser;
let app: App;

describe.skipIf(!HAS_CHROMIUM)(`titles${NO_CHROMIUM}`, () => {
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());
  beforeEach(async () => {
    app = await startApp();
  });
  afterEach(async () => app?.close());

  const addMovie = async (title: string, year: number) =>
    (await app.core.call('catalog.add', { kind: 'movie', title, year })).id;

  it('adds a title from the Library with the "Add title" dialog', async () => {
    const { page, close } = await openPage(browser, app, '#/library');
    // An empty library offers it twice (page header and empty state): the header's.
    await page.getByRole('button', { name: 'Add title' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add a title' });
    await dialog.getByLabel('Title', { exact: true }).fill('Arrival');
    await dialog.getByLabel('Year').fill('2016');
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    // The new title opens.
    await page.getByRole('heading', { level: 1, name: 'Arrival' }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    await page.locator('main').getByText('Arrival', { exact: true }).first().waitFor();
    const found = await app.core.call('catalog.search', { text: 'arrival' });
    expect(found.items.map((t) => [t.title, t.year])).toEqual([['Arrival', 2016]]);
    await close();
  });

  it('adds a Blu-ray copy with its barcode, listed under the copies', async () => {
    const id = await addMovie('The Matrix', 1999);
    const { page, close } = await openPage(browser, app, `#/title/${id}`);
    await page.getByRole('button', { name: 'Add copy' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a copy' });
    await dialog.getByLabel('Format').selectOption({ label: 'Blu-ray' });
    await dialog.getByLabel('Barcode').fill('5051892002097');
    await dialog.getByRole('button', { name: 'Save copy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const copies = page.getByRole('region', { name: 'Your copies' });
    await copies.getByText('Blu-ray').first().waitFor();
    await copies.getByText('5051892002097').waitFor();
    const stored = await app.core.call('copies.list', { titleId: id });
    expect(stored.map((c) => [c.format, c.barcode])).toEqual([['blu-ray', '5051892002097']]);
    await close();
  });

  it('logs a rewatch: the second viewing counts as a rewatch', async () => {
    const id = await addMovie('Amélie', 2001);
    const { page, close } = await openPage(browser, app, `#/title/${id}`);
    const history = page.getByRole('region', { name: 'Watch history' });
    await history.getByText('Not watched yet.').waitFor();
    for (const date of ['2024-02-14', '2026-06-01']) {
      await history.getByRole('button', { name: 'Log a viewing' }).click();
      const dialog = page.getByRole('dialog', { name: 'Log a viewing' });
      await dialog.getByLabel('Date watched').fill(date);
      await dialog.getByRole('button', { name: 'Save viewing' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await history.getByText('Watched 2 times (rewatches: 1).').waitFor();
    await expect
      .poll(() => history.getByRole('list', { name: 'Viewings' }).getByRole('listitem').count())
      .toBe(2);
    expect(await app.core.call('watch.list', { titleId: id })).toHaveLength(2);
    await close();
  });

  it('rates 3.5 stars with the keyboard, and the rating is there after a reload', async () => {
    const id = await addMovie('Spirited Away', 2001);
    const { page, close } = await openPage(browser, app, `#/title/${id}`);
    const slider = page.getByRole('slider', { name: 'Rating' });
    await slider.focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => slider.getAttribute('aria-valuenow')).toBe('3.5');
    await expect.poll(async () => (await app.core.call('catalog.get', { id })).rating).toBe(3.5);
    await page.reload();
    await expect
      .poll(() => page.getByRole('slider', { name: 'Rating' }).getAttribute('aria-valuetext'))
      .toBe('3.5 stars');
    await close();
  });
});
