/**
 * Metadata enrichment: works through the queue (queue.ts) with the person's own TMDb key,
 * in the background while the app runs and on demand (`metadata.run`). Nothing waits for
 * it: without a key or a network the library works as before, and the status says why no
 * data arrives. Each title is written in its own short transaction, so a stop at any point
 * loses at most the title in flight, which stays queued.
 */
import type { MetadataRunResult, MetadataStatus } from '@reelshelf/shared/contracts';
import { CoreError } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { now } from '../context';
import { readMeta, writeMeta } from '../db/meta';
import { statement } from '../db/statements';
import type { Job } from '../jobs';
import { applyEpisodes, applyTitleDetails } from './apply-details';
import { MetadataQueue } from './queue';
import { TmdbClient } from './tmdb/client';
import { HttpClient, RequestError, type ServiceStatus } from './tmdb/http';
import { mapMovie, mapSeason, mapTv, type TmdbTitleDetails } from './tmdb/map';
import { OmdbClient } from './omdb/client';
import { mapOmdb, omdbMatch } from './omdb/map';
import { matchTitle, type MatchQuery, type TitleMatch } from './tmdb/match';

const KEY = 'metadata.tmdbKey';
const OMDB_KEY = 'metadata.omdbKey';
/** Per profile: a family's profiles can read plots in different languages. */
const LANGUAGE = (profileId: string) => `metadata.language:${profileId}`;
const REGION = (profileId: string) => `metadata.region:${profileId}`;
/** The background loop looks at the queue this often, and soon after titles are added. */
const IDLE_MS = 60_000;
const SOON_MS = 2_000;

export interface MetadataOptions {
  /** TMDb's address; tests point it at a local server. Default: REELSHELF_TMDB_URL or TMDb itself. */
  baseUrl?: string;
  /** A key from the environment beats the stored one (REELSHELF_TMDB_KEY). */
  envKey?: string;
  http?: HttpClient;
  /** OMDb, the optional second source: address (REELSHELF_OMDB_URL), key (REELSHELF_OMDB_KEY), client. */
  omdbBaseUrl?: string;
  omdbEnvKey?: string;
  omdbHttp?: HttpClient;
}

type Outcome = 'refreshed' | 'notFound' | 'ambiguous' | 'failed' | 'paused';

export class MetadataService {
  readonly queue: MetadataQueue;
  private client: TmdbClient | undefined;
  private omdbClient: OmdbClient | undefined;
  private readonly http: HttpClient;
  private service: ServiceStatus = { state: 'ok', message: '' };
  private running: Promise<MetadataRunResult> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private progress: { done: number; total: number } | undefined;

  constructor(
    private readonly ctx: Ctx,
    private readonly options: MetadataOptions = {},
  ) {
    this.queue = new MetadataQueue(ctx);
    this.http = options.http ?? new HttpClient({ service: 'TMDb' });
    this.http.onStatusChange((s) => {
      this.service = s;
      this.announce();
    });
  }

  private get key(): string | undefined {
    return this.options.envKey || readMeta(this.ctx.lib.sqlite, KEY) || undefined;
  }

  get language(): string {
    return readMeta(this.ctx.lib.sqlite, LANGUAGE(this.ctx.profileId)) ?? 'en-US';
  }

  get region(): string {
    return readMeta(this.ctx.lib.sqlite, REGION(this.ctx.profileId)) ?? 'US';
  }

  private get omdbKey(): string | undefined {
    return this.options.omdbEnvKey || readMeta(this.ctx.lib.sqlite, OMDB_KEY) || undefined;
  }

  private omdb(): OmdbClient | undefined {
    const apiKey = this.omdbKey;
    if (!apiKey) return undefined;
    if (!this.omdbClient) {
      this.omdbClient = new OmdbClient({
        apiKey,
        baseUrl: this.options.omdbBaseUrl,
        http: this.options.omdbHttp,
      });
      // With OMDb as the only source, its state is the one to show.
      this.omdbClient.http.onStatusChange((s) => {
        if (!this.key) {
          this.service = s;
          this.announce();
        }
      });
    }
    return this.omdbClient;
  }

  private tmdb(): TmdbClient | undefined {
    const key = this.key;
    if (!key) return undefined;
    this.client ??= new TmdbClient({
      apiKey: key,
      baseUrl: this.options.baseUrl,
      language: this.language,
      http: this.http,
    });
    return this.client;
  }

  configure(o: {
    tmdbKey?: string | null;
    omdbKey?: string | null;
    language?: string;
    region?: string;
  }): MetadataStatus {
    const sqlite = this.ctx.lib.sqlite;
    if (o.omdbKey !== undefined) {
      if (o.omdbKey === null) statement(sqlite, 'DELETE FROM library_meta WHERE key = ?').run(OMDB_KEY);
      else writeMeta(sqlite, OMDB_KEY, o.omdbKey);
      this.omdbClient = undefined;
    }
    if (o.tmdbKey !== undefined) {
      if (o.tmdbKey === null) statement(sqlite, 'DELETE FROM library_meta WHERE key = ?').run(KEY);
      else writeMeta(sqlite, KEY, o.tmdbKey);
      // A new key deserves a fresh start, not the old key's "bad key" verdict.
      this.service = { state: 'ok', message: '' };
    }
    if (o.language && o.language !== this.language) {
      writeMeta(sqlite, LANGUAGE(this.ctx.profileId), o.language);
      // Plots, titles and posters in the new language: everything is due for a refresh.
      this.queue.enqueue();
    }
    if (o.region) writeMeta(sqlite, REGION(this.ctx.profileId), o.region);
    this.client = undefined;
    this.poke();
    return this.status();
  }

  status(): MetadataStatus {
    const counts = this.queue.counts();
    const base = { ...counts, language: this.language, region: this.region };
    if (!this.key && !this.omdbKey) {
      return {
        ...base,
        state: 'no-key',
        message:
          'No TMDb key: the library works fully without one. Add your own free key from themoviedb.org (settings, or `reelshelf metadata key`) to fetch posters, plots and cast.',
      };
    }
    if (this.service.state !== 'ok') {
      return {
        ...base,
        state: this.service.state,
        message: this.service.message,
        retryAt: this.service.retryAt,
      };
    }
    if (this.progress)
      return { ...base, state: 'working', message: 'Fetching metadata…', progress: this.progress };
    return {
      ...base,
      state: 'ok',
      message: counts.queued ? `${counts.queued} titles waiting for metadata.` : 'Metadata is up to date.',
    };
  }

  private announce(): void {
    this.ctx.emit('metadata', this.status());
  }

  /** Works through what is due until the queue is empty, `limit` is reached or the service pauses it. */
  run(job: Job | undefined, limit = Infinity): Promise<MetadataRunResult> {
    this.running ??= this.work(job, limit).finally(() => {
      this.running = undefined;
      this.progress = undefined;
      this.announce();
    });
    return this.running;
  }

  private async work(job: Job | undefined, limit: number): Promise<MetadataRunResult> {
    const result = { refreshed: 0, notFound: 0, ambiguous: 0, failed: 0 };
    const client = this.tmdb();
    if (!client && !this.omdb()) return { ...result, status: this.status() };
    const total = Math.min(limit, this.queue.dueCount());
    let done = 0;
    this.progress = { done, total };
    this.announce();
    while (done < total) {
      const batch = this.queue.due(Math.min(20, total - done));
      if (!batch.length) break;
      for (const titleId of batch) {
        job?.check();
        const outcome = await this.enrich(client, titleId, undefined, job?.signal);
        if (outcome === 'paused') return { ...result, status: this.status() };
        result[outcome]++;
        this.progress = { done: ++done, total };
        this.ctx.emit('progress', { task: 'metadata', done, total });
      }
    }
    return { ...result, status: this.status() };
  }

  /** The person says which TMDb entry a title is: fetched and applied now. */
  async match(titleId: string, tmdbId: number): Promise<MetadataRunResult> {
    const client = this.tmdb();
    if (!client)
      throw new CoreError('invalid_argument', this.status().message, [
        { field: 'tmdbId', message: 'no TMDb key' },
      ]);
    const outcome = await this.enrich(client, titleId, tmdbId);
    if (outcome === 'paused') throw new CoreError('offline', this.status().message);
    return {
      refreshed: outcome === 'refreshed' ? 1 : 0,
      notFound: outcome === 'notFound' ? 1 : 0,
      ambiguous: 0,
      failed: outcome === 'failed' ? 1 : 0,
      status: this.status(),
    };
  }

  private async enrich(
    client: TmdbClient | undefined,
    titleId: string,
    picked?: number,
    signal?: AbortSignal,
  ): Promise<Outcome> {
    const row = statement(
      this.ctx.lib.sqlite,
      'SELECT kind, title, year, tmdb_id AS tmdb, imdb_id AS imdb, tvdb_id AS tvdb FROM titles WHERE id = ?',
    ).get(titleId) as
      | {
          kind: string;
          title: string;
          year: number | null;
          tmdb: number | null;
          imdb: string | null;
          tvdb: number | null;
        }
      | undefined;
    if (!row || (row.kind !== 'movie' && row.kind !== 'series')) {
      this.ctx.transact(() => this.queue.finish(titleId, 'not-found', { note: 'not a film or series' }));
      return 'notFound';
    }
    const kind = row.kind;
    const query: MatchQuery = {
      kind,
      title: row.title,
      ...(row.year !== null && { year: row.year }),
      ids: {
        ...(row.tmdb !== null && { tmdb: row.tmdb }),
        ...(row.imdb !== null && { imdb: row.imdb }),
        ...(row.tvdb !== null && { tvdb: row.tvdb }),
      },
    };
    try {
      let match: TitleMatch | null = null;
      if (picked !== undefined) match = { tmdbId: picked, confidence: 'id', candidates: [] };
      else if (client) match = await matchTitle(client, query, { signal });
      // TMDb has nothing (or there is no TMDb key): the second source may know the title.
      if (!client || (!match && picked === undefined)) {
        const viaOmdb = await this.enrichFromOmdb(titleId, query, signal);
        if (viaOmdb) return viaOmdb;
      }
      if (!client || !match || match.tmdbId === null) {
        const state = match?.candidates.length ? 'ambiguous' : 'not-found';
        const note = match?.candidates.length
          ? JSON.stringify(match.candidates.map((c) => ({ tmdbId: c.tmdbId, title: c.title, year: c.year })))
          : undefined;
        this.ctx.transact(() => this.queue.finish(titleId, state, { note }));
        return state === 'ambiguous' ? 'ambiguous' : 'notFound';
      }
      const tmdbId = match.tmdbId;
      const confidence = picked !== undefined ? 'picked' : match.confidence;
      const details =
        kind === 'movie'
          ? mapMovie(await client.movie(tmdbId, { signal }))
          : mapTv(await client.tv(tmdbId, { signal }));
      const seasons = kind === 'series' ? await this.seasonsInLibrary(client, titleId, tmdbId, signal) : [];
      this.ctx.transact(() => {
        applyTitleDetails(this.ctx, titleId, details, { language: this.language, region: this.region });
        for (const episodes of seasons) applyEpisodes(this.ctx, titleId, episodes);
        this.queue.finish(titleId, 'done', { matchedBy: confidence });
      });
      return 'refreshed';
    } catch (e) {
      if (e instanceof CoreError && e.code === 'cancelled') throw e;
      if (!(e instanceof RequestError)) {
        // Anything else that fails while storing this title (a full disk, a bug): it backs off like
        // a malformed answer, instead of the background run failing on it again every 2 seconds.
        const message = e instanceof Error ? e.message : String(e);
        this.ctx.transact(() => this.queue.retryLater(titleId, message));
        return 'failed';
      }
      if (e.failure === 'cancelled')
        throw new CoreError('cancelled', 'Cancelled; titles not reached stay queued.');
      // The service as a whole is unavailable: the title keeps its place, the run pauses.
      if (
        e.failure === 'offline' ||
        e.failure === 'bad-key' ||
        e.failure === 'rate-limited' ||
        e.failure === 'service-down'
      ) {
        return 'paused';
      }
      if (e.failure === 'not-found') {
        this.ctx.transact(() => this.queue.finish(titleId, 'not-found', { note: e.message }));
        return 'notFound';
      }
      this.ctx.transact(() => this.queue.retryLater(titleId, e.message));
      return 'failed';
    }
  }

  /** OMDb as the second source; undefined when it is not set up or has nothing either. */
  private async enrichFromOmdb(
    titleId: string,
    query: MatchQuery,
    signal?: AbortSignal,
  ): Promise<Outcome | undefined> {
    const omdb = this.omdb();
    if (!omdb) return undefined;
    const match = await omdbMatch(omdb, query, { signal });
    if (!match) return undefined;
    if (match.imdbId === null) {
      if (!match.candidates.length) return undefined;
      const note = JSON.stringify(
        match.candidates.map((c) => ({ imdbId: c.imdbId, title: c.title, year: c.year })),
      );
      this.ctx.transact(() => this.queue.finish(titleId, 'ambiguous', { note }));
      return 'ambiguous';
    }
    const d = mapOmdb(await omdb.byImdbId(match.imdbId, { signal }));
    const details: TmdbTitleDetails = {
      kind: query.kind,
      title: d.title ?? query.title,
      ...d,
      keywords: [],
      profiles: [],
      watchProviders: {},
      // OMDb's poster is a full address on its own image server; the artwork door fetches it as is.
      images: {
        posters: d.posterUrl
          ? [{ path: d.posterUrl, language: null, width: 0, height: 0, vote: 0, votes: 0 }]
          : [],
        backdrops: [],
      },
    };
    this.ctx.transact(() => {
      applyTitleDetails(this.ctx, titleId, details, { language: this.language, region: this.region });
      this.queue.finish(titleId, 'done', { matchedBy: `omdb-${match.confidence}` });
    });
    return 'refreshed';
  }

  private async seasonsInLibrary(client: TmdbClient, seriesId: string, tmdbId: number, signal?: AbortSignal) {
    const numbers = statement(
      this.ctx.lib.sqlite,
      "SELECT season_number FROM titles WHERE parent_id = ? AND kind = 'season' AND season_number IS NOT NULL",
    )
      .pluck()
      .all(seriesId) as number[];
    const seasons = [];
    for (const n of numbers) seasons.push(mapSeason(await client.season(tmdbId, n, { signal })));
    return seasons;
  }

  /** Background enrichment: soon after titles are added, then every minute while there is work. */
  start(): void {
    this.started = true;
    this.schedule(SOON_MS);
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
  }

  /** Something changed that may give the queue work (new titles, a new key). */
  poke(): void {
    if (this.started) this.schedule(SOON_MS);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (!this.started) return;
    const retryAt = this.service.retryAt ? Date.parse(this.service.retryAt) : 0;
    if (this.key && this.service.state !== 'bad-key' && retryAt <= Date.now()) {
      await this.run(undefined, 500).catch(() => undefined);
    }
    if (this.started)
      this.schedule(this.queue.dueCount(now()) && this.service.state === 'ok' ? SOON_MS : IDLE_MS);
  }
}
