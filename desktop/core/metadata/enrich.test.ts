/**
 * Enrichment end to end: a real library file, the core's commands, and a local server that
 * speaks the part of TMDb we use. What a person notices: titles get their data, what they
 * typed stays, the queue survives a restart, and without a key or a network nothing breaks.
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../core';
import { tempDir } from '../test-support';
import { HttpClient } from './tmdb/http';
import { startFakeTmdb, TEST_API_KEY, type FakeTmdb } from './tmdb/testing/fake-tmdb';
import { captureAll } from '../sync/direct-delivery';
import { startFakeOmdb, TEST_OMDB_KEY } from './omdb/testing/fake-omdb';

let tmdb: FakeTmdb;
let tmp: ReturnType<typeof tempDir>;
let open: Core[];
beforeEach(async () => {
  tmdb = await startFakeTmdb();
  tmp = tempDir();
  open = [];
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  tmp.cleanup();
  await tmdb.stop();
});

/** A library talking to the fake TMDb, with quick retries so failure tests do not wait for real backoff. */
function library(key: string | undefined = TEST_API_KEY, name = 'library.db'): Core {
  const core = openCore(join(tmp.dir, name), {
    metadata: {
      baseUrl: tmdb.url,
      envKey: key,
      http: new HttpClient({ service: 'TMDb', baseBackoffMs: 1, maxBackoffMs: 2, timeoutMs: 2_000 }),
    },
  });
  open.push(core);
  captureAll(core); // signed in: a refresh that changes something makes sync ops
  return core;
}

const outbox = (core: Core) => core.library.sqlite.prepare('SELECT count(*) FROM sync_outbox').pluck().get();

describe('metadata enrichment', () => {
  it('without a key the library works and the status says how to get data', async () => {
    const core = library('');
    await core.call('catalog.add', { kind: 'movie', title: 'The Matrix', year: 1999 });
    const status = await core.call('metadata.status');
    expect(status).toMatchObject({ state: 'no-key', queued: 1 });
    expect(status.message).toMatch(/works fully without one/);
    expect((await core.call('metadata.run', {})).refreshed).toBe(0);
    expect(tmdb.requests).toHaveLength(0);
  });

  it('fills a title from TMDb and never overwrites what the person typed', async () => {
    const core = library();
    const added = await core.call('catalog.add', {
      kind: 'movie',
      title: 'The Matrix',
      year: 1999,
      overview: 'My own words about it.',
    });
    const run = await core.call('metadata.run', {});
    expect(run).toMatchObject({ refreshed: 1, notFound: 0, failed: 0 });
    const t = await core.call('catalog.get', { id: added.id });
    expect(t.overview).toBe('My own words about it.');
    expect(t.externalIds).toMatchObject({ tmdb: 603, imdb: 'tt0133093' });
    expect(t.genres.length).toBeGreaterThan(0);
    expect(t.credits.some((c) => c.role === 'crew' && c.job === 'Director')).toBe(true);
    expect(t.posterPath).toMatch(/^\/.+\.jpg$/);
    expect(t.runtimeMinutes).toBe(136);
    expect(t.certification).toBe(t.certifications.US);
    expect(Object.keys(t.certifications).length).toBeGreaterThan(1);
    expect(t.keywords.length).toBeGreaterThan(0);
    expect(t.providers.some((p) => p.region === 'US')).toBe(true);
    expect(t.metadata).toMatchObject({ state: 'done', matchedBy: 'exact' });
    expect(t.metadata?.refreshedAt).toBeTruthy();
    // People's photos come along, for the `profile` artwork.
    const photos = core.library.sqlite
      .prepare('SELECT count(*) FROM people WHERE profile_path IS NOT NULL')
      .pluck()
      .get() as number;
    expect(photos).toBeGreaterThan(0);
    expect(await core.call('metadata.status')).toMatchObject({ state: 'ok', queued: 0, done: 1 });

    // A refresh that finds nothing new writes nothing (no sync ops for unchanged data).
    const ops = outbox(core);
    expect(ops).toBeGreaterThan(0);
    await core.call('metadata.refresh', { titleIds: [added.id] });
    expect((await core.call('metadata.run', {})).refreshed).toBe(1);
    expect(outbox(core)).toBe(ops);

    // An edit by hand locks the field; unlocking lets the next refresh fill it.
    await core.call('catalog.update', { id: added.id, runtimeMinutes: 140 });
    await core.call('metadata.refresh', { titleIds: [added.id] });
    await core.call('metadata.run', {});
    expect((await core.call('catalog.get', { id: added.id })).runtimeMinutes).toBe(140);
    await core.call('metadata.unlock', { titleId: added.id, fields: ['runtimeMinutes', 'overview'] });
    await core.call('metadata.run', {});
    const unlocked = await core.call('catalog.get', { id: added.id });
    expect(unlocked.runtimeMinutes).toBe(136);
    expect(unlocked.overview).toMatch(/22nd century/);
  });

  it('a new metadata language refreshes everything in that language', async () => {
    const core = library();
    await core.call('catalog.add', { kind: 'movie', title: 'The Matrix', year: 1999 });
    await core.call('metadata.run', {});
    const status = await core.call('metadata.configure', { language: 'de-DE', region: 'DE' });
    expect(status).toMatchObject({ language: 'de-DE', region: 'DE', queued: 1 });
    await core.call('metadata.run', {});
    expect(tmdb.requests.at(-1)?.params.language).toBe('de-DE');
    const [matrix] = (await core.call('catalog.search', { text: 'matrix' })).items;
    const t = await core.call('catalog.get', { id: matrix!.id });
    expect(t.certification).toBe(t.certifications.DE);
  });

  it('OMDb, the second source: alone without a TMDb key, and for what TMDb does not know', async () => {
    const omdb = await startFakeOmdb();
    try {
      const omdbOnly = openCore(join(tmp.dir, 'omdb-only.db'), {
        metadata: { baseUrl: tmdb.url, envKey: '', omdbBaseUrl: omdb.url, omdbEnvKey: TEST_OMDB_KEY },
      });
      open.push(omdbOnly);
      const matrix = await omdbOnly.call('catalog.add', { kind: 'movie', title: 'The Matrix', year: 1999 });
      expect((await omdbOnly.call('metadata.status')).state).toBe('ok');
      expect((await omdbOnly.call('metadata.run', {})).refreshed).toBe(1);
      const m = await omdbOnly.call('catalog.get', { id: matrix.id });
      expect(m).toMatchObject({ runtimeMinutes: 136, externalIds: { imdb: 'tt0133093' } });
      expect(m.credits.some((c) => c.role === 'crew' && c.job === 'Director')).toBe(true);
      expect(m.metadata?.matchedBy).toBe('omdb-exact');
      expect(tmdb.requests).toHaveLength(0);

      const both = openCore(join(tmp.dir, 'both.db'), {
        metadata: {
          baseUrl: tmdb.url,
          envKey: TEST_API_KEY,
          omdbBaseUrl: omdb.url,
          omdbEnvKey: TEST_OMDB_KEY,
        },
      });
      open.push(both);
      const reel = await both.call('catalog.add', {
        kind: 'movie',
        title: 'An Unfinished Reel',
        externalIds: { imdb: 'tt0021999' },
      });
      expect((await both.call('metadata.run', {})).refreshed).toBe(1);
      expect((await both.call('catalog.get', { id: reel.id })).metadata?.matchedBy).toBe('omdb-id');
      expect(tmdb.requests.length).toBeGreaterThan(0);
    } finally {
      await omdb.stop();
    }
  });

  it('a bad key pauses the queue after one request; the title keeps its place', async () => {
    const core = library('not-the-right-key');
    await core.call('catalog.add', { kind: 'movie', title: 'The Matrix', year: 1999 });
    const run = await core.call('metadata.run', {});
    expect(run.status.state).toBe('bad-key');
    expect(run.status.message).toMatch(/key/i);
    expect(tmdb.requests).toHaveLength(1);
    expect(run.status.queued).toBe(1);
  });

  it('offline: paused with a sentence, then picks up where it left off once TMDb is back', async () => {
    const core = library();
    await core.call('catalog.add', { kind: 'movie', title: 'The Matrix', year: 1999 });
    await tmdb.close();
    const offline = await core.call('metadata.run', {});
    expect(offline.status.state).toMatch(/offline|service-down/);
    expect(offline.status.message.length).toBeGreaterThan(10);
    expect(offline.status.queued).toBe(1);
    await tmdb.reopen();
    // The breaker may still be open: a fresh library session is the "app restarted later" case.
    core.close();
    open.splice(open.indexOf(core), 1);
    const later = library();
    expect((await later.call('metadata.run', {})).refreshed).toBe(1);
  });

  it('never guesses between two films of one name: the person picks, and the pick is applied', async () => {
    const core = library();
    const solaris = await core.call('catalog.add', { kind: 'movie', title: 'Solaris' });
    const run = await core.call('metadata.run', {});
    expect(run.ambiguous).toBe(1);
    expect((await core.call('catalog.get', { id: solaris.id })).externalIds.tmdb).toBeUndefined();
    const picked = await core.call('metadata.match', { titleId: solaris.id, tmdbId: 593 });
    expect(picked.refreshed).toBe(1);
    expect((await core.call('catalog.get', { id: solaris.id })).externalIds.tmdb).toBe(593);
  });
});
