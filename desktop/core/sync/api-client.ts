import { z } from 'zod';
import {
  API_PREFIX,
  DeviceList,
  ErrorBody,
  PullResponse,
  PushResponse,
  Session,
  SyncStatus,
  type Credentials,
  type SyncOp,
} from '@reelshelf/shared/sync';

/** The server could not be reached (no network, server down, timed out). */
export class OfflineError extends Error {}

/** The server answered with an error; `code` is its stable error code. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 30_000;

const STALE_CONNECTION = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const isStaleConnection = (e: unknown) =>
  STALE_CONNECTION.has(((e as Error).cause as { code?: string } | undefined)?.code ?? '');

export interface Tokens {
  accessToken?: string;
  accessExpiresAt?: number;
  refreshToken: string;
}

/**
 * The sync server's HTTP API (see shared/sync/api.ts). Responses are validated at the
 * door. An expired access token is renewed with the refresh token once per request,
 * and the rotated refresh token is handed to `onTokens` to be saved before it is used.
 */
export class SyncApi {
  private refreshing: Promise<void> | undefined;

  constructor(
    readonly server: string,
    private tokens: Tokens | undefined,
    private readonly onTokens: (session: Session) => void = () => {},
    /**
     * The refresh token as saved now. Another process on the same library (the CLI while
     * the app runs) may have rotated it; presenting the old one would look like a stolen
     * token to the server, which then revokes the device.
     */
    private readonly savedRefreshToken: () => string | undefined = () => undefined,
  ) {}

  private async send<T extends z.ZodType>(
    schema: T,
    method: string,
    path: string,
    body?: unknown,
    auth = true,
  ): Promise<z.infer<T>> {
    const attempt = async () => {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (auth && this.tokens?.accessToken) headers.authorization = `Bearer ${this.tokens.accessToken}`;
      const request = () =>
        fetch(new URL(`${API_PREFIX}${path}`, this.server), {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      try {
        return await request().catch((e: unknown) => {
          // A pooled keep-alive connection the server closed while we were busy: the request
          // never reached it, so sending it once more on a fresh connection is safe.
          if (isStaleConnection(e)) return request();
          throw e;
        });
      } catch (e) {
        throw new OfflineError(`cannot reach ${this.server}: ${(e as Error).cause ?? (e as Error).message}`);
      }
    };
    if (auth && this.tokens && !this.tokens.accessToken) await this.refresh();
    let response = await attempt();
    if (response.status === 401 && auth && this.tokens) {
      await this.refresh();
      response = await attempt();
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new ServerError(
        response.status,
        'bad_response',
        `${this.server} answered ${response.status} with non-JSON`,
      );
    }
    if (!response.ok) {
      const err = ErrorBody.safeParse(json);
      throw err.success
        ? new ServerError(response.status, err.data.error.code, err.data.error.message)
        : new ServerError(response.status, 'http_error', `${this.server} answered ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ServerError(response.status, 'bad_response', `unexpected answer to ${method} ${path}`);
    return parsed.data;
  }

  /** One refresh at a time: concurrent requests wait for the same one. */
  async refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        if (!this.tokens) throw new ServerError(401, 'unauthorized', 'not signed in');
        const session = await this.send(
          Session,
          'POST',
          '/auth/refresh',
          { refreshToken: this.savedRefreshToken() ?? this.tokens.refreshToken },
          false,
        );
        this.adopt(session);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  private adopt(session: Session): Session {
    this.tokens = session;
    this.onTokens(session);
    return session;
  }

  /** A valid access token (renewed if it is about to expire), for the socket handshake. */
  async accessToken(): Promise<string> {
    if (!this.tokens?.accessToken || (this.tokens.accessExpiresAt ?? 0) < Date.now() + 10_000)
      await this.refresh();
    return this.tokens!.accessToken!;
  }

  register = async (c: Credentials) =>
    this.adopt(await this.send(Session, 'POST', '/auth/register', c, false));
  login = async (c: Credentials) => this.adopt(await this.send(Session, 'POST', '/auth/login', c, false));
  logout = () => this.send(z.unknown(), 'POST', '/auth/logout');
  devices = async () => (await this.send(DeviceList, 'GET', '/devices')).devices;
  revoke = (deviceId: string) => this.send(z.unknown(), 'DELETE', `/devices/${encodeURIComponent(deviceId)}`);
  status = () => this.send(SyncStatus, 'GET', '/sync/status');
  push = (ops: SyncOp[]) => this.send(PushResponse, 'POST', '/sync/push', { ops });
  pull = (scope: string, after: number, limit: number) =>
    this.send(
      PullResponse,
      'GET',
      `/sync/pull?${new URLSearchParams({ scope, after: String(after), limit: String(limit) })}`,
    );
}
