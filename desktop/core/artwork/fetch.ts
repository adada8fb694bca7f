import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { open, readFile, rm, stat } from 'node:fs/promises';
import type { ArtworkSize } from './sizes';
import type { ArtworkStore } from './store';
import { makeVariants } from './variants';

export interface FetcherOptions {
  /** Whole request, body included. */
  timeoutMs?: number;
  /** Larger originals are refused (and the download stopped at this many bytes). */
  maxBytes?: number;
  /** A downloaded original older than this is revalidated (in the background when serving). */
  revalidateAfterMs?: number;
  /** After a failed download the source is not tried again for this long. */
  retryFailedAfterMs?: number;
  /** Downloads at once. */
  concurrency?: number;
  now?: () => number;
}

export type OriginalSource = { localPath: string } | { url: string };

export interface FetcherCounters {
  /** Downloads that returned a body (200). */
  downloads: number;
  /** Conditional requests the origin answered 304. */
  notModified: number;
  localReads: number;
  failures: number;
}

export interface FillProgress {
  done: number;
  failed: number;
  total: number;
}

const MiB = 2 ** 20;
const DEFAULTS = {
  timeoutMs: 15_000,
  maxBytes: 20 * MiB,
  revalidateAfterMs: 7 * 24 * 3600_000,
  retryFailedAfterMs: 60_000,
  concurrency: 6,
};

export class FetchFailedError extends Error {
  override readonly name = 'FetchFailedError';
}

/** At most `n` of the given tasks run at once; the rest wait in order. */
function limiter(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/**
 * Gets originals into the store: local files (re-read when their mtime or size changes) and
 * URLs (conditional revalidation with If-None-Match / If-Modified-Since). Every request for the
 * same source while one is under way shares it. A body is streamed to a temp file in the cache
 * folder, size-limited and hashed, then must decode completely before any variant is written —
 * a broken or partial download never reaches a real file name.
 */
export class ArtworkFetcher {
  readonly counters: FetcherCounters = { downloads: 0, notModified: 0, localReads: 0, failures: 0 };
  private readonly options: typeof DEFAULTS;
  private readonly now: () => number;
  private readonly inFlight = new Map<string, Promise<string | undefined>>();
  private readonly processing = new Map<string, Promise<void>>();
  private readonly failedUntil = new Map<string, number>();
  private readonly downloadSlot;
  /** Resizing is CPU work in libvips' threads: a couple at once keeps memory and latency flat. */
  private readonly resizeSlot = limiter(Math.max(1, Math.min(2, availableParallelism())));

  constructor(
    readonly store: ArtworkStore,
    options: FetcherOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...withoutUndefined(options) };
    this.now = options.now ?? Date.now;
    this.downloadSlot = limiter(this.options.concurrency);
  }

  /**
   * The hash of the source's current original once the `need` size is on disk (every missing
   * size is produced with it), or undefined if the source has no usable image. Never throws for
   * a bad source: the caller shows a placeholder.
   */
  async ensure(source: OriginalSource, need: ArtworkSize = 'thumb'): Promise<string | undefined> {
    return 'localPath' in source
      ? this.ensureLocal(source.localPath, need)
      : this.ensureUrl(source.url, need);
  }

  /** Asks the origin whether the cached original is still current (a 304 costs no body). */
  revalidate(url: string): Promise<string | undefined> {
    return this.shared(`revalidate ${url}`, () => this.download(url, true));
  }

  /**
   * Fetches many sources (e.g. a library's posters before going offline), reporting progress
   * after each; stops starting new ones once `signal` is aborted.
   */
  async fill(
    sources: readonly OriginalSource[],
    onProgress?: (p: FillProgress) => void,
    signal?: AbortSignal,
  ): Promise<FillProgress> {
    const progress: FillProgress = { done: 0, failed: 0, total: sources.length };
    let next = 0;
    // A few more workers than download slots, so resizing one batch overlaps downloading the next.
    const workers = Math.min(sources.length, this.options.concurrency * 2);
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < sources.length && !signal?.aborted) {
          const hash = await this.ensure(sources[next++]!);
          progress.done++;
          if (!hash) progress.failed++;
          onProgress?.({ ...progress });
        }
      }),
    );
    return progress;
  }

  private async ensureLocal(path: string, need: ArtworkSize): Promise<string | undefined> {
    let st;
    try {
      st = await stat(path);
    } catch {
      return undefined;
    }
    const failKey = `${path}|${st.mtimeMs}|${st.size}`;
    if ((this.failedUntil.get(failKey) ?? 0) > this.now()) return undefined;
    const row = this.store.source(path);
    if (
      row &&
      row.localMtimeMs === st.mtimeMs &&
      row.localSize === st.size &&
      this.store.variant(row.hash, need)
    ) {
      return row.hash;
    }
    return this.shared(path, async () => {
      if (st.size > this.options.maxBytes || !st.isFile()) return this.failed(failKey);
      try {
        const data = await readFile(path);
        this.counters.localReads++;
        if (data.length > this.options.maxBytes) return this.failed(failKey);
        const hash = createHash('sha256').update(data).digest('hex');
        await this.process(hash, data, 'local file');
        this.store.putSource({
          key: path,
          hash,
          etag: null,
          lastModified: null,
          fetchedAt: this.now(),
          localMtimeMs: st.mtimeMs,
          localSize: st.size,
        });
        return hash;
      } catch {
        return this.failed(failKey);
      }
    });
  }

  private async ensureUrl(url: string, need: ArtworkSize): Promise<string | undefined> {
    const row = this.store.source(url);
    if (row && this.store.variant(row.hash, need)) {
      if (this.now() - row.fetchedAt > this.options.revalidateAfterMs) void this.revalidate(url);
      return row.hash;
    }
    // Not cached, or evicted, or found corrupt: the body is needed, so no conditional request.
    return this.shared(url, () => this.download(url, false));
  }

  private async shared(key: string, work: () => Promise<string | undefined>): Promise<string | undefined> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const promise = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  private failed(key: string): undefined {
    this.counters.failures++;
    const now = this.now();
    if (this.failedUntil.size >= 10_000) {
      for (const [k, until] of this.failedUntil) if (until <= now) this.failedUntil.delete(k);
    }
    this.failedUntil.set(key, now + this.options.retryFailedAfterMs);
    return undefined;
  }

  private async download(url: string, conditional: boolean): Promise<string | undefined> {
    if ((this.failedUntil.get(url) ?? 0) > this.now()) return undefined;
    const temp = this.store.tempPath('.download');
    try {
      return await this.downloadSlot(async () => {
        const row = this.store.source(url);
        const headers: Record<string, string> = { 'User-Agent': 'Reelshelf artwork cache' };
        if (conditional && row?.etag) headers['If-None-Match'] = row.etag;
        if (conditional && row?.lastModified) headers['If-Modified-Since'] = row.lastModified;
        const response = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs) });
        if (response.status === 304 && row) {
          await response.body?.cancel();
          this.counters.notModified++;
          this.store.markFetched(url);
          return row.hash;
        }
        if (response.status !== 200 || !response.body) {
          await response.body?.cancel();
          throw new FetchFailedError(`HTTP ${response.status}`);
        }
        const declared = Number(response.headers.get('content-length') ?? NaN);
        if (declared > this.options.maxBytes) {
          await response.body.cancel();
          throw new FetchFailedError(`${declared} bytes is over the limit`);
        }
        const hash = await this.saveBody(
          response.body,
          temp,
          Number.isFinite(declared) ? declared : undefined,
        );
        this.counters.downloads++;
        await this.process(hash, temp, 'download');
        this.store.putSource({
          key: url,
          hash,
          etag: response.headers.get('etag'),
          lastModified: response.headers.get('last-modified'),
          fetchedAt: this.now(),
          localMtimeMs: null,
          localSize: null,
        });
        this.failedUntil.delete(url);
        return hash;
      });
    } catch {
      return this.failed(url);
    } finally {
      await rm(temp, { force: true });
    }
  }

  /** Streams a body to `temp`, hashing as it goes; refuses too much and too little. */
  private async saveBody(
    body: ReadableStream<Uint8Array>,
    temp: string,
    declared: number | undefined,
  ): Promise<string> {
    const hash = createHash('sha256');
    let received = 0;
    const file = await open(temp, 'w');
    try {
      for await (const chunk of body) {
        received += chunk.length;
        if (received > this.options.maxBytes) throw new FetchFailedError('body is over the size limit');
        hash.update(chunk);
        await file.write(chunk);
      }
    } finally {
      await file.close();
    }
    if (declared !== undefined && received !== declared) {
      throw new FetchFailedError(`body is ${received} bytes, Content-Length said ${declared}`);
    }
    return hash.digest('hex');
  }

  /** Produces the sizes this original lacks; one run per original however many sources share it. */
  private async process(
    hash: string,
    original: string | Buffer,
    from: 'download' | 'local file',
  ): Promise<void> {
    const running = this.processing.get(hash);
    if (running) return running;
    const missing = this.store.missingSizes(hash);
    if (missing.length === 0) return;
    const work = this.resizeSlot(async () => {
      const variants = await makeVariants(original, missing, from);
      await this.store.putVariants(hash, variants);
    }).finally(() => this.processing.delete(hash));
    this.processing.set(hash, work);
    return work;
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
