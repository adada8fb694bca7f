import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TmdbClient } from './client';
import { HttpClient, RequestError, type HttpClientOptions, type ServiceStatus } from './http';
import { CLOCK_START, fakeClock, type FakeClock } from './testing/fake-clock';
import { startFakeTmdb, TEST_API_KEY, type FakeTmdb } from './testing/fake-tmdb';

let server: FakeTmdb;
let clock: FakeClock;
beforeEach(async () => {
  server = await startFakeTmdb();
  clock = fakeClock();
});
afterEach(() => server.stop());

/** A client on the fake server and the fake clock; random() = 1 makes backoff its upper bound. */
function setup(options: HttpClientOptions = {}) {
  const http = new HttpClient({
    service: 'TMDb',
    now: clock.now,
    sleep: clock.sleep,
    random: () => 1,
    ...options,
  });
  const statuses: ServiceStatus[] = [];
  http.onStatusChange((s) => statuses.push(s));
  const client = new TmdbClient({ apiKey: TEST_API_KEY, baseUrl: server.url, http });
  return { http, client, statuses };
}

async function failure(promise: Promise<unknown>): Promise<RequestError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RequestError)) throw new Error(`expected a RequestError, got ${String(error)}`);
  return error;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('rate limiting by the service (429)', () => {
  it('waits the seconds Retry-After asks for, then gets the answer', async () => {
    const { client, statuses, http } = setup();
    server.failNext(1, 429, { 'Retry-After': '1' });
    const movie = await client.movie(603);
    expect(movie.title).toBe('The Matrix');
    expect(clock.sleeps).toEqual([1000]);
    expect(server.requests).toHaveLength(2);
    expect(statuses.map((s) => s.state)).toEqual(['rate-limited', 'ok']);
    expect(statuses[0]).toEqual({
      state: 'rate-limited',
      message: 'TMDb asked Reelshelf to slow down; fetching continues in 1 second.',
      retryAt: iso(CLOCK_START + 1000),
    });
    expect(http.status().state).toBe('ok');
  });

  it('understands Retry-After as an HTTP date', async () => {
    const { client } = setup();
    server.failNext(1, 429, { 'Retry-After': new Date(CLOCK_START + 3000).toUTCString() });
    await client.movie(603);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('does not wait an hour: fails at once with the time fetching can resume, and holds other calls', async () => {
    const { client, http } = setup();
    server.failNext(1, 429, { 'Retry-After': '3600' });
    const error = await failure(client.movie(603));
    expect(error.failure).toBe('rate-limited');
    expect(error.retryAt).toBe(iso(CLOCK_START + 3_600_000));
    expect(http.status()).toMatchObject({ state: 'rate-limited', retryAt: iso(CLOCK_START + 3_600_000) });
    expect(http.status().message).toContain('in 1 hour');

    const held = await failure(client.searchMovie('Solaris'));
    expect(held.failure).toBe('rate-limited');
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });
});

describe('retries', () => {
  it('retries 500s with growing, jittered waits and returns the answer', async () => {
    const { client, statuses } = setup({ random: () => 0.5 });
    server.failNext(2, 500);
    const movie = await client.movie(603);
    expect(movie.id).toBe(603);
    expect(server.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    // Full jitter: random · min(8 s, 250 ms · 2^(n-1)).
    expect(clock.sleeps).toEqual([125, 250]);
    expect(statuses.at(-1)?.state).toBe('ok');
  });

  it('honours Retry-After on a 503', async () => {
    const { client } = setup();
    server.failNext(1, 503, { 'Retry-After': '2' });
    await client.movie(603);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('gives up after 4 attempts with a sentence saying what is wrong', async () => {
    const { client, http } = setup();
    server.failNext(4, 502);
    const error = await failure(client.movie(603));
    expect(error.failure).toBe('service-down');
    expect(error.httpStatus).toBe(502);
    expect(error.message).toMatch(/^\/movie\/603: TMDb answered HTTP 502/);
    expect(server.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([250, 500, 1000]);
    expect(http.status()).toEqual({
      state: 'service-down',
      message: 'TMDb is having trouble (HTTP 502). Your library works as usual meanwhile.',
    });
  });

  it('does not retry a 404 and keeps the service status ok', async () => {
    const { client, http } = setup();
    const error = await failure(client.movie(999_999));
    expect(error.failure).toBe('not-found');
    expect(error.toCoreError().code).toBe('not_found');
    expect(server.requests).toHaveLength(1);
    expect(http.status().state).toBe('ok');
  });
});

describe('circuit breaker', () => {
  it('opens after 5 failures in a row, fails fast for 30 s, and closes when the probe succeeds', async () => {
    const { client, http } = setup();
    // Five 500s, then the service is healthy again.
    server.failNext(5, 500);
    expect((await failure(client.movie(603))).failure).toBe('service-down');
    expect(server.requests).toHaveLength(4);

    // The 5th failure opens the breaker; the rest of this call's attempts are not sent.
    await failure(client.movie(603));
    expect(server.requests).toHaveLength(5);
    expect(http.status()).toEqual({
      state: 'service-down',
      message:
        'TMDb is having trouble (HTTP 500). Reelshelf will try again in 30 seconds; your library works as usual meanwhile.',
      retryAt: iso(clock.now() + 30_000),
    });

    const started = performance.now();
    const fast = await failure(client.searchMovie('Solaris'));
    expect(performance.now() - started).toBeLessThan(50);
    expect(fast.failure).toBe('service-down');
    expect(fast.message).toBe(
      '/search/movie: not sent, the last 5 requests to TMDb failed and the next try is in 30 seconds. TMDb is having trouble. Your library works as usual meanwhile.',
    );
    expect(server.requests).toHaveLength(5);

    clock.advance(29_999);
    await failure(client.movie(603));
    expect(server.requests).toHaveLength(5);

    clock.advance(1);
    expect((await client.movie(603)).id).toBe(603);
    expect(server.requests).toHaveLength(6);
    expect(http.status()).toEqual({ state: 'ok', message: 'TMDb is reachable.' });
    // Closed again: the next call goes straight through.
    await client.searchMovie('Solaris');
    expect(server.requests).toHaveLength(7);
  });

  it('a failed probe opens it for another 30 s; calls during the probe are not sent', async () => {
    const { client, http } = setup({ maxAttempts: 1 });
    server.failNext(5, 500);
    for (let i = 0; i < 5; i++) await failure(client.movie(603));
    expect(server.requests).toHaveLength(5);

    clock.advance(30_000);
    server.failNext(1, 503);
    server.delayNext(100);
    const probe = failure(client.movie(603));
    const during = await failure(client.searchMovie('Solaris'));
    expect(during.message).toContain(
      'not sent, the last 5 requests to TMDb failed and a test request is under way.',
    );
    expect((await probe).httpStatus).toBe(503);
    expect(server.requests).toHaveLength(6);
    expect(http.status().retryAt).toBe(iso(clock.now() + 30_000));

    clock.advance(29_000);
    expect((await failure(client.movie(603))).message).toContain('the next try is in 1 second');
    expect(server.requests).toHaveLength(6);
    clock.advance(1_000);
    expect((await client.movie(603)).id).toBe(603);
    expect(http.status().state).toBe('ok');
  });

  it('does not count 429s or 404s as the service being down', async () => {
    const { client } = setup({ maxAttempts: 1 });
    for (let i = 0; i < 4; i++) {
      server.failNext(1, 500);
      await failure(client.movie(603));
    }
    await failure(client.movie(999_999));
    server.failNext(1, 500);
    await failure(client.movie(603));
    server.failNext(1, 429, { 'Retry-After': '0' });
    await failure(client.movie(603));
    // Still closed: this one is sent.
    expect((await client.movie(603)).id).toBe(603);
    expect(server.requests).toHaveLength(8);
  });
});

describe('timeouts', () => {
  it('retries a request that gets no answer in time', async () => {
    const { client } = setup({ timeoutMs: 100 });
    server.delayNext(2_000);
    expect((await client.movie(603)).id).toBe(603);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]!.status).toBeUndefined();
  });

  it('reports a timeout as a sentence about the connection', async () => {
    const { client, http } = setup({ timeoutMs: 100 });
    server.delayNext(2_000, 4);
    const error = await failure(client.movie(603));
    expect(error.failure).toBe('offline');
    expect(error.message).toContain('no answer from TMDb within 1 second');
    expect(server.requests).toHaveLength(4);
    expect(http.status().message).toBe(
      "Can't reach TMDb: check your internet connection. Your library works as usual meanwhile.",
    );
  });
});

describe('answers that are not what we expect', () => {
  it('reports malformed JSON, naming the endpoint, without retrying', async () => {
    const { client } = setup();
    server.malformedNext();
    const error = await failure(client.movie(603));
    expect(error.failure).toBe('bad-response');
    expect(error.message).toMatch(/^\/movie\/603: the answer is not valid JSON \(.+\)\.$/);
    expect(server.requests).toHaveLength(1);
  });

  it('names the field that does not fit the schema', async () => {
    const { client } = setup();
    server.rewriteNext((body) => {
      const credits = body.credits as { cast: { name: unknown }[] };
      credits.cast[3]!.name = 42;
      return body;
    });
    const error = await failure(client.movie(603));
    expect(error.message).toBe('/movie/603: credits.cast[3].name: expected string');
    expect(server.requests).toHaveLength(1);
  });

  it('never puts the API key in an error message', async () => {
    const { client } = setup();
    server.failNext(4, 500);
    const error = await failure(client.movie(603));
    expect(error.message).not.toContain(TEST_API_KEY);
  });
});

describe('invalid key', () => {
  it('is bad-key after one request, with a sentence saying what to do', async () => {
    const http = new HttpClient({ service: 'TMDb', now: clock.now, sleep: clock.sleep });
    const client = new TmdbClient({ apiKey: '0123456789abcdef0123456789abcdef', baseUrl: server.url, http });
    const error = await failure(client.movie(603));
    expect(error.failure).toBe('bad-key');
    expect(error.toCoreError().code).toBe('unauthorized');
    expect(error.message).toContain('Invalid API key: You must be granted a valid key');
    expect(server.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(http.status()).toEqual({
      state: 'bad-key',
      message:
        "TMDb refused the API key. Check the key in Reelshelf's metadata settings: it should be a v3 API key or a v4 read access token from your TMDb account.",
    });
  });
});

describe('offline', () => {
  it('says so in a sentence, quickly, and stops trying until the breaker lets a probe through', async () => {
    let connects = 0;
    const { client, http } = setup({
      fetch: (input, init) => {
        connects++;
        return fetch(input, init);
      },
    });
    await server.close();
    const started = performance.now();
    const error = await failure(client.movie(603));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error.failure).toBe('offline');
    expect(error.toCoreError().code).toBe('offline');
    expect(error.message).toMatch(/cannot connect \(ECONNREFUSED\)/);
    expect(http.status()).toEqual({
      state: 'offline',
      message: "Can't reach TMDb: check your internet connection. Your library works as usual meanwhile.",
    });
    expect(connects).toBe(4);

    await failure(client.movie(603));
    expect(connects).toBe(5);
    expect(http.status()).toMatchObject({ state: 'offline', retryAt: iso(clock.now() + 30_000) });
    expect((await failure(client.movie(603))).failure).toBe('offline');
    expect(connects).toBe(5);

    await server.reopen();
    clock.advance(30_000);
    expect((await client.movie(603)).id).toBe(603);
    expect(http.status().state).toBe('ok');
  });
});

describe('politeness', () => {
  it('spaces requests out to the configured rate once the burst is used', async () => {
    const { client } = setup({ rateLimit: { perSecond: 2, burst: 2 } });
    for (let i = 0; i < 5; i++) await client.searchMovie('Matrix');
    expect(clock.sleeps).toEqual([500, 500, 500]);
    expect(server.requests).toHaveLength(5);
  });

  it('lets the caller cancel: no retry, and the breaker does not count it', async () => {
    const { client, http } = setup();
    server.delayNext(2_000);
    const controller = new AbortController();
    const pending = failure(client.movie(603, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    const error = await pending;
    expect(error.failure).toBe('cancelled');
    expect(error.toCoreError().code).toBe('cancelled');
    expect(server.requests).toHaveLength(1);
    expect(http.status().state).toBe('ok');
  });
});
