/**
 * Imports and sync together, against a real server: what one device imports reaches the
 * others, and importing the same export on a second device afterwards doubles nothing —
 * that device has no record of the first import, only the synced rows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.ts';
import type { Core } from '../../desktop/core/core';
import { Devices, newEmail, signIn, syncAll } from './devices';

let server: TestServer;
let devices: Devices;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => devices?.cleanup());

const DIARY =
  'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n' +
  '2024-01-03,Heat,1995,https://boxd.it/a1,4.5,No,crime,2024-01-02\n' +
  '2024-02-10,Heat,1995,https://boxd.it/a2,5,Yes,,2024-02-10\n' +
  '2024-03-01,Amélie,2001,https://boxd.it/a3,,No,,2024-03-01\n';

const library = async (core: Core) => {
  const { items } = await core.call('catalog.search', { sort: 'title', limit: 100 });
  return Promise.all(
    items.map(async (t) => {
      const d = await core.call('catalog.get', { id: t.id });
      return { title: d.title, year: d.year, watches: d.watchCount, rating: d.rating, tags: d.tags };
    }),
  );
};

it('an import on one device reaches the other, and importing it there too adds nothing', async () => {
  devices = new Devices();
  const email = newEmail();
  const laptop = devices.device('laptop');
  const phone = devices.device('phone');
  await signIn(laptop, server.url, email, true);
  await signIn(phone, server.url, email);
  const file = join(devices.dir, 'diary.csv');
  writeFileSync(file, DIARY);

  const first = await laptop.call('import.run', { path: file });
  expect(first.rows.created).toBe(3);
  await syncAll([laptop, phone]);
  const expected = [
    { title: 'Amélie', year: 2001, watches: 1, rating: null, tags: [] },
    { title: 'Heat', year: 1995, watches: 2, rating: 5, tags: ['crime'] },
  ];
  expect(await library(phone)).toEqual(expected);

  const again = await phone.call('import.run', { path: file });
  expect(again.rows).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  expect(again.changes).toEqual({});
  await syncAll([laptop, phone]);
  expect(await library(laptop)).toEqual(expected);
  expect(await library(phone)).toEqual(expected);
});
