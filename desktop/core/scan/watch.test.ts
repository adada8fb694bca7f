import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../core';
import { tempLibrary } from '../test-support';
import { watchFolders, type FolderWatcher, type WatchEvent } from './watch';

let lib: ReturnType<typeof tempLibrary>;
let core: Core;
let media: string;
let watcher: FolderWatcher | undefined;
let events: WatchEvent[];
let waiters: { test: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }[];

beforeEach(() => {
  lib = tempLibrary();
  core = lib.core;
  media = join(lib.dir, 'Media');
  mkdirSync(join(media, 'Movies'), { recursive: true });
  events = [];
  waiters = [];
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  lib.cleanup();
});

function onEvent(e: WatchEvent) {
  events.push(e);
  for (const w of [...waiters]) {
    if (w.test(e)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(e);
    }
  }
}

function next<K extends WatchEvent['kind']>(kind: K): Promise<Extract<WatchEvent, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${kind} event; got ${JSON.stringify(events)}`)),
      15_000,
    );
    waiters.push({
      test: (e) => e.kind === kind,
      resolve: (e) => {
        clearTimeout(timer);
        resolve(e as Extract<WatchEvent, { kind: K }>);
      },
    });
  });
}

const titles = () =>
  core.library.sqlite
    .prepare(
      'SELECT t.title, c.file_path AS path FROM copies c JOIN titles t ON t.id = c.title_id ORDER BY t.title',
    )
    .all() as { title: string; path: string }[];

describe('watch mode', () => {
  it('picks up a new file, a move and a deletion with an incremental scan, and stops cleanly', async () => {
    writeFileSync(join(media, 'Movies/Heat (1995).mkv'), 'x');
    await core.call('scan.addFolder', { path: media });
    await core.call('scan.run', {});
    const ready = next('ready');
    watcher = watchFolders(core, [media], onEvent, { debounceMs: 400, stabilityMs: 150 });
    await ready;

    let scanned = next('scanned');
    mkdirSync(join(media, 'Movies/Alien (1979)'));
    writeFileSync(join(media, 'Movies/Alien (1979)/Alien (1979).mkv'), 'alien');
    let event = await scanned;
    expect(event.report).toMatchObject({ new: 1, linked: 1 });
    expect(titles().map((t) => t.title)).toEqual(['Alien', 'Heat']);

    // Renamed into another folder: one burst, scanned together, so the copy follows the file.
    const copyId = core.library.sqlite
      .prepare("SELECT id FROM copies WHERE file_path LIKE '%Heat%'")
      .pluck()
      .get();
    scanned = next('scanned');
    mkdirSync(join(media, 'Movies/Heat (1995)'));
    renameSync(join(media, 'Movies/Heat (1995).mkv'), join(media, 'Movies/Heat (1995)/Heat (1995).mkv'));
    event = await scanned;
    expect(event.report).toMatchObject({ moved: 1, missing: 0 });
    expect(
      core.library.sqlite.prepare("SELECT id FROM copies WHERE file_path LIKE '%Heat%'").pluck().get(),
    ).toBe(copyId);

    scanned = next('scanned');
    rmSync(join(media, 'Movies/Alien (1979)'), { recursive: true });
    event = await scanned;
    expect(event.report).toMatchObject({ missing: 1, copiesRemoved: 1 });
    expect(titles().map((t) => t.title)).toEqual(['Heat']);

    await watcher.close();
    watcher = undefined;
    // Stopped: nothing more happens.
    writeFileSync(join(media, 'Movies/Jaws (1975).mkv'), 'x');
    await new Promise((r) => setTimeout(r, 600));
    expect(titles().map((t) => t.title)).toEqual(['Heat']);
    expect(events.filter((e) => e.kind === 'error')).toEqual([]);
  });

  it('rescans only the folder where something changed', async () => {
    writeFileSync(join(media, 'Movies/Heat (1995).mkv'), 'x');
    await core.call('scan.addFolder', { path: media });
    await core.call('scan.run', {});
    const ready = next('ready');
    watcher = watchFolders(core, [media], onEvent, { debounceMs: 400, stabilityMs: 150 });
    await ready;
    const scanned = next('scanned');
    writeFileSync(join(media, 'Movies/Up (2009).mkv'), 'up');
    const event = await scanned;
    expect(event.folders).toEqual([join(media, 'Movies')]);
    expect(event.report).toMatchObject({ new: 1, unchanged: 1 });
  });
});
