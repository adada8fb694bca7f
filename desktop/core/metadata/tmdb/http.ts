/**
 * A polite, resilient JSON client for metadata services (TMDb now, OMDb later).
 *
 * Enrichment runs in the background of an offline-first app, so a failure must never hang the
 * app or hammer a service: requests are rate limited on our side, retried only when a retry can
 * help (429, 5xx, timeouts, lost connections), and after repeated failures a circuit breaker
 * stops calling for a while. What the service is doing is kept as a status with a sentence a
 * person can act on, for the settings screen and the enrichment queue.
 */
import { z } from 'zod';
import { CoreError, type CoreErrorCode } from '@reelshelf/shared/contracts';

export type ServiceState = 'ok' | 'offline' | 'bad-key' | 'rate-limited' | 'service-down';

export interface ServiceStatus {
  state: ServiceState;
  /** A sentence a person can act on. */
  message: string;
  /** ISO time when calls resume on their own, while rate limited or while the breaker is open. */
  retryAt?: string;
}

/** Why a request failed. The first four are also service states. */
export type RequestFailure =
  | 'offline'
  | 'bad-key'
  | 'rate-limited'
  | 'service-down'
  /** 404: the id does not exist (any more). */
  | 'not-found'
  /** Another 4xx: the request itself is wrong, which a retry cannot fix. */
  | 'rejected'
  /** Not JSON, or JSON that does not have the fields we rely on. */
  | 'bad-response'
  | 'cancelled';

const CORE_CODES: Record<RequestFailure, CoreErrorCode> = {
  offline: 'offline',
  'bad-key': 'unauthorized',
  'rate-limited': 'server_error',
  'service-down': 'server_error',
  'not-found': 'not_found',
  rejected: 'internal',
  'bad-response': 'server_error',
  cancelled: 'cancelled',
};

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly failure: RequestFailure,
    message: string,
    /** The path asked for, without the query (which may hold the API key). */
    readonly endpoint: string,
    readonly httpStatus?: number,
    readonly retryAt?: string,
  ) {
    super(message);
  }

  toCoreError(): CoreError {
    return new CoreError(CORE_CODES[this.failure], this.message);
  }
}

export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface HttpClientOptions {
  /** Named in every sentence the user sees ("Can't reach TMDb …"). */
  service?: string;
  timeoutMs?: number;
  rateLimit?: RateLimit;
  /** Attempts per request, the first one included. */
  maxAttempts?: number;
  /** Backoff before retry n is a random wait up to min(maxBackoffMs, baseBackoffMs · 2^(n-1)). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call fails as rate limited. */
  maxRetryAfterMs?: number;
  /** Consecutive service failures (5xx, timeouts, network errors) that open the breaker. */
  breakerThreshold?: number;
  breakerOpenMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  fetch?: typeof fetch;
}

export interface JsonRequest<S extends z.ZodType> {
  url: URL;
  /** How errors name the request, e.g. "/movie/603". */
  endpoint: string;
  schema: S;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export const HTTP_DEFAULTS = {
  timeoutMs: 10_000,
  rateLimit: { perSecond: 20, burst: 20 },
  maxAttempts: 4,
  baseBackoffMs: 250,
  maxBackoffMs: 8_000,
  maxRetryAfterMs: 60_000,
  breakerThreshold: 5,
  breakerOpenMs: 30_000,
} as const;

/** A failure the service is to blame for: counts towards opening the breaker. */
type ServiceFault = 'offline' | 'service-down';

/** One HTTP exchange, classified. */
type Attempt =
  | { outcome: 'answered'; status: number; headers: Headers; text: string }
  | { outcome: 'unreachable'; fault: ServiceFault; reason: string }
  | { outcome: 'cancelled' };

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class HttpClient {
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly rate: RateLimit;
  private readonly maxAttempts: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly breakerThreshold: number;
  private readonly breakerOpenMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;

  /** Token bucket; may go negative: each caller reserves its token and waits off the debt. */
  private tokens: number;
  private tokensAt: number;
  /** Set by Retry-After: nobody sends before this. */
  private pausedUntil = 0;

  private consecutiveFaults = 0;
  private lastFault: ServiceFault = 'service-down';
  private openUntil = 0;
  private probeInFlight = false;

  private current: ServiceStatus;
  private readonly listeners = new Set<(status: ServiceStatus) => void>();

  constructor(options: HttpClientOptions = {}) {
    this.service = options.service ?? 'the metadata service';
    this.timeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
    this.rate = options.rateLimit ?? HTTP_DEFAULTS.rateLimit;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? HTTP_DEFAULTS.maxAttempts);
    this.baseBackoffMs = options.baseBackoffMs ?? HTTP_DEFAULTS.baseBackoffMs;
    this.maxBackoffMs = options.maxBackoffMs ?? HTTP_DEFAULTS.maxBackoffMs;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? HTTP_DEFAULTS.maxRetryAfterMs;
    this.breakerThreshold = options.breakerThreshold ?? HTTP_DEFAULTS.breakerThreshold;
    this.breakerOpenMs = options.breakerOpenMs ?? HTTP_DEFAULTS.breakerOpenMs;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? defaultSleep;
    this.random = options.random ?? Math.random;
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    if (!(this.rate.perSecond > 0) || !(this.rate.burst >= 1)) {
      throw new RangeError('rateLimit needs perSecond > 0 and burst ≥ 1');
    }
    this.tokens = this.rate.burst;
    this.tokensAt = this.now();
    this.current = { state: 'ok', message: okMessage(this.service) };
  }

  status(): ServiceStatus {
    return { ...this.current };
  }

  /** Called on every change of state, sentence or retry time; returns the unsubscribe. */
  onStatusChange(listener: (status: ServiceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** GET, retried as the rules allow, parsed and validated by `schema`. */
  async getJson<S extends z.ZodType>(request: JsonRequest<S>): Promise<z.output<S>> {
    const { endpoint, signal } = request;
    for (let attempt = 1; ; attempt++) {
      this.throwIfCancelled(signal, endpoint);
      const probing = this.admit(endpoint);
      let result: Attempt;
      try {
        await this.waitForPause(endpoint, signal);
        await this.takeToken(signal);
        result = await this.send(request);
      } catch (error) {
        this.throwIfCancelled(signal, endpoint);
        throw error;
      } finally {
        // The outcome is recorded below before anything else can run: no other call slips in.
        if (probing) this.probeInFlight = false;
      }

      if (result.outcome === 'cancelled') throw cancelledError(endpoint);
      if (result.outcome === 'unreachable') {
        this.recordFault(result.fault);
        const error = new RequestError(
          result.fault,
          `${endpoint}: ${result.reason}. ${this.current.message}`,
          endpoint,
        );
        if (attempt >= this.maxAttempts) throw error;
        await this.backoff(attempt, undefined, signal, endpoint);
        continue;
      }

      const { status, headers, text } = result;
      if (status >= 500) {
        this.recordFault('service-down', status);
        const error = new RequestError(
          'service-down',
          `${endpoint}: ${this.service} answered HTTP ${status}${detail(text)}. ${this.current.message}`,
          endpoint,
          status,
        );
        const retryAfter = status === 503 ? this.retryAfterMs(headers) : undefined;
        if (attempt >= this.maxAttempts || (retryAfter ?? 0) > this.maxRetryAfterMs) throw error;
        await this.backoff(attempt, retryAfter, signal, endpoint);
        continue;
      }

      // The service answered: whatever it said, it is up.
      this.consecutiveFaults = 0;
      if (status === 429) {
        const wait = this.retryAfterMs(headers) ?? this.backoffMs(attempt);
        const retryAt = new Date(this.now() + wait).toISOString();
        this.setStatus({ state: 'rate-limited', message: rateLimitedMessage(this.service, wait), retryAt });
        const error = new RequestError(
          'rate-limited',
          `${endpoint}: ${this.current.message}`,
          endpoint,
          status,
          retryAt,
        );
        // Every call waits, not only this one: the limit is the key's, not the request's.
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + wait);
        if (attempt >= this.maxAttempts || wait > this.maxRetryAfterMs) throw error;
        continue;
      }
      if (status === 401) {
        this.setStatus({ state: 'bad-key', message: badKeyMessage(this.service) });
        throw new RequestError(
          'bad-key',
          `${endpoint}: ${this.service} refused the key${detail(text)}. ${this.current.message}`,
          endpoint,
          status,
        );
      }
      this.setStatus({ state: 'ok', message: okMessage(this.service) });
      if (status === 404) {
        throw new RequestError(
          'not-found',
          `${endpoint}: ${this.service} has nothing at this address${detail(text)}.`,
          endpoint,
          status,
        );
      }
      if (status < 200 || status >= 300) {
        throw new RequestError(
          'rejected',
          `${endpoint}: ${this.service} refused the request with HTTP ${status}${detail(text)}.`,
          endpoint,
          status,
        );
      }
      return parseBody(request, text);
    }
  }

  // ---- Circuit breaker ----

  /** Throws when the breaker is open; returns true when this call is the half-open probe. */
  private admit(endpoint: string): boolean {
    if (this.consecutiveFaults < this.breakerThreshold) return false;
    const wait = this.openUntil - this.now();
    if (wait > 0 || this.probeInFlight) {
      // The status sentence says "in 30 seconds" from when it opened; say how long is left now.
      const when = wait > 0 ? `the next try is in ${formatSeconds(wait)}` : 'a test request is under way';
      throw new RequestError(
        this.lastFault,
        `${endpoint}: not sent, the last ${this.consecutiveFaults} requests to ${this.service} failed and ${when}. ${faultMessage(this.service, this.lastFault)}`,
        endpoint,
        undefined,
        this.current.retryAt,
      );
    }
    this.probeInFlight = true;
    return true;
  }

  private recordFault(fault: ServiceFault, httpStatus?: number): void {
    this.consecutiveFaults++;
    this.lastFault = fault;
    if (this.consecutiveFaults >= this.breakerThreshold) {
      this.openUntil = this.now() + this.breakerOpenMs;
      const retryAt = new Date(this.openUntil).toISOString();
      this.setStatus({
        state: fault,
        message: faultMessage(this.service, fault, this.breakerOpenMs, httpStatus),
        retryAt,
      });
    } else {
      this.setStatus({ state: fault, message: faultMessage(this.service, fault, undefined, httpStatus) });
    }
  }

  // ---- Waiting: rate limit, Retry-After, backoff ----

  private async takeToken(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    this.tokens = Math.min(
      this.rate.burst,
      this.tokens + ((now - this.tokensAt) * this.rate.perSecond) / 1000,
    );
    this.tokensAt = now;
    this.tokens -= 1;
    if (this.tokens < 0) await this.sleep((-this.tokens * 1000) / this.rate.perSecond, signal);
  }

  private async waitForPause(endpoint: string, signal?: AbortSignal): Promise<void> {
    const wait = this.pausedUntil - this.now();
    if (wait <= 0) return;
    if (wait > this.maxRetryAfterMs) {
      throw new RequestError(
        'rate-limited',
        `${endpoint}: not sent. ${this.current.message}`,
        endpoint,
        undefined,
        new Date(this.pausedUntil).toISOString(),
      );
    }
    await this.sleep(wait, signal);
  }

  private backoffMs(attempt: number): number {
    // Full jitter: clients that failed together do not retry together.
    return this.random() * Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** (attempt - 1));
  }

  private async backoff(
    attempt: number,
    retryAfterMs: number | undefined,
    signal: AbortSignal | undefined,
    endpoint: string,
  ): Promise<void> {
    // An open breaker fails the next attempt at once; waiting first would only delay the error.
    if (this.consecutiveFaults >= this.breakerThreshold) return;
    try {
      await this.sleep(retryAfterMs ?? this.backoffMs(attempt), signal);
    } catch (error) {
      this.throwIfCancelled(signal, endpoint);
      throw error;
    }
  }

  /** Retry-After as seconds or as an HTTP date, in ms from now. */
  private retryAfterMs(headers: Headers): number | undefined {
    const value = headers.get('retry-after')?.trim();
    if (!value) return undefined;
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - this.now());
  }

  // ---- The exchange ----

  private async send(request: JsonRequest<z.ZodType>): Promise<Attempt> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    try {
      const response = await this.fetch(request.url, {
        headers: { accept: 'application/json', ...request.headers },
        signal,
      });
      // The body is read under the same timeout: a server that stalls mid-answer is not up.
      const text = await response.text();
      return { outcome: 'answered', status: response.status, headers: response.headers, text };
    } catch (error) {
      if (request.signal?.aborted) return { outcome: 'cancelled' };
      if (timeout.aborted) {
        return {
          outcome: 'unreachable',
          fault: 'offline',
          reason: `no answer from ${this.service} within ${formatSeconds(this.timeoutMs)}`,
        };
      }
      return { outcome: 'unreachable', fault: 'offline', reason: `cannot connect (${networkCause(error)})` };
    }
  }

  private throwIfCancelled(signal: AbortSignal | undefined, endpoint: string): void {
    if (signal?.aborted) throw cancelledError(endpoint);
  }

  private setStatus(next: ServiceStatus): void {
    const prev = this.current;
    if (prev.state === next.state && prev.message === next.message && prev.retryAt === next.retryAt) return;
    this.current = next;
    for (const listener of this.listeners) listener(this.status());
  }
}

function cancelledError(endpoint: string): RequestError {
  return new RequestError('cancelled', `${endpoint}: cancelled.`, endpoint);
}

function parseBody<S extends z.ZodType>(request: JsonRequest<S>, text: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RequestError(
      'bad-response',
      `${request.endpoint}: the answer is not valid JSON (${(error as Error).message}).`,
      request.endpoint,
      200,
    );
  }
  const parsed = request.schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = formatPath(issue.path);
  const what = issue.code === 'invalid_type' ? `expected ${issue.expected}` : issue.message;
  throw new RequestError(
    'bad-response',
    `${request.endpoint}: ${field ? `${field}: ` : ''}${what}`,
    request.endpoint,
    200,
  );
}

/** ["credits", "cast", 3, "name"] → "credits.cast[3].name". */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

const ErrorBody = z.object({
  status_message: z.string().optional(),
  // OMDb's spelling.
  Error: z.string().optional(),
});

/** The service's own words about an error, if it sent any. */
function detail(text: string): string {
  try {
    const body = ErrorBody.safeParse(JSON.parse(text));
    const said = body.success ? (body.data.status_message ?? body.data.Error) : undefined;
    return said ? ` ("${said.replace(/\.$/, '')}")` : '';
  } catch {
    return '';
  }
}

function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function formatSeconds(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return plural(s, 'second');
  if (s < 3600) return plural(Math.round(s / 60), 'minute');
  return plural(Math.round(s / 3600), 'hour');
}

// ---- The sentences people read ----

function okMessage(service: string): string {
  return `${service} is reachable.`;
}

function badKeyMessage(service: string): string {
  return `${service} refused the API key. Check the key in Reelshelf's metadata settings: it should be a v3 API key or a v4 read access token from your ${service} account.`;
}

function rateLimitedMessage(service: string, waitMs: number): string {
  return `${service} asked Reelshelf to slow down; fetching continues in ${formatSeconds(waitMs)}.`;
}

function faultMessage(service: string, fault: ServiceFault, pauseMs?: number, httpStatus?: number): string {
  const first =
    fault === 'offline'
      ? `Can't reach ${service}: check your internet connection.`
      : `${service} is having trouble${httpStatus ? ` (HTTP ${httpStatus})` : ''}.`;
  const then = pauseMs
    ? ` Reelshelf will try again in ${formatSeconds(pauseMs)}; your library works as usual meanwhile.`
    : ' Your library works as usual meanwhile.';
  return first + then;
}
