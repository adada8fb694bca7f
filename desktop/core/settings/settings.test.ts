/** App settings through the core's door, on a real library file: defaults, partial updates, events, refusals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '@reelshelf/shared/contracts';
import { openCore } from '../core';
import { snapshot, tempLibrary } from '../test-support';
import { captureAll } from '../sync/direct-delivery';

let lib: ReturnType<typeof tempLibrary>;
beforeEach(() => {
  lib = tempLibrary();
});
afterEach(() => lib.cleanup());

describe('settings', () => {
  it('starts with the defaults: follow the system, nothing shared', async () => {
    expect(await lib.core.call('settings.get', {})).toEqual({
      language: null,
      theme: 'system',
      contributeInteractions: false,
      shareWithTv: false,
    });
    expect(await lib.core.callByName('settings.get', undefined)).toMatchObject({ theme: 'system' });
  });

  it('changes only what is given, announces it, and keeps it in the library file', async () => {
    const events: string[][] = [];
    lib.core.on('changed', ({ entities }) => events.push(entities));
    const after = await lib.core.call('settings.update', { theme: 'dark', language: 'de' });
    expect(after).toEqual({
      language: 'de',
      theme: 'dark',
      contributeInteractions: false,
      shareWithTv: false,
    });
    expect(events).toEqual([['settings']]);
    await lib.core.call('settings.update', { contributeInteractions: true, language: null });
    lib.core.close();

    const reopened = openCore(lib.path);
    try {
      expect(await reopened.call('settings.get', {})).toEqual({
        language: null,
        theme: 'dark',
        contributeInteractions: true,
        shareWithTv: false,
      });
    } finally {
      reopened.close();
    }
  });

  it('stays on this device: no sync ops', async () => {
    captureAll(lib.core);
    const outbox = () => lib.core.library.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get();
    const before = outbox();
    await lib.core.call('settings.update', { shareWithTv: true, theme: 'light' });
    expect(outbox()).toBe(before);
  });

  it('refuses bad values, naming the field, and writes nothing', async () => {
    const before = snapshot(lib.core.library.sqlite);
    const cases: [unknown, string][] = [
      [{ language: 'xx' }, 'language'],
      [{ theme: 'blue' }, 'theme'],
      [{ contributeInteractions: 'yes' }, 'contributeInteractions'],
      [{ shareWithTv: 1 }, 'shareWithTv'],
      [{ fontSize: 12 }, '(arguments)'],
    ];
    for (const [args, field] of cases) {
      const e = await lib.core.callByName('settings.update', args).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(CoreError);
      expect((e as CoreError).issues.map((i) => i.field)).toEqual([field]);
    }
    expect(snapshot(lib.core.library.sqlite)).toBe(before);
  });

  it('a stored value this version does not know falls back to its default', async () => {
    lib.core.library.sqlite
      .prepare(
        'INSERT OR REPLACE INTO library_meta (key, value) VALUES (?, \'{"theme":"sepia","shareWithTv":true}\')',
      )
      .run(
        `app_settings:${lib.core.library.sqlite.prepare('SELECT id FROM profiles WHERE is_default = 1').pluck().get() as string}`,
      );
    expect(await lib.core.call('settings.get', {})).toEqual({
      language: null,
      theme: 'system',
      contributeInteractions: false,
      shareWithTv: true,
    });
  });
});
