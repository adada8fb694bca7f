import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX } from '@reelshelf/shared/sync';
import { Accounts } from './auth/accounts.ts';
import { requireAuth } from './auth/middleware.ts';
import { authRoutes, deviceRoutes } from './auth/routes.ts';
import { AccessTokens } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { errorBody, errorHandler, notFound } from './http/errors.ts';
import { createLogger, requestLogger, type Logger } from './log.ts';
import { attachRealtime, type SyncIo } from './realtime/sockets.ts';
import { openStore } from './store/open.ts';
import { ScopeAccess } from './sync/access.ts';
import { OpLog } from './sync/op-log.ts';
import { syncRoutes } from './sync/routes.ts';

/** A push of MAX_PUSH_OPS ops with ordinary values fits easily; a request bigger than this is refused. */
export const BODY_LIMIT = '4mb';

/** How long close() lets in-flight requests run before cutting their connections. */
const CLOSE_GRACE_MS = 10_000;

export interface SyncServer {
  url: string;
  httpServer: HttpServer;
  io: SyncIo;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish, closes sockets and the database. */
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Defaults to JSON lines on stdout at config.logLevel. */
  logger?: Logger;
}

/** The whole sync server in-process: tests and benchmarks start it on port 0. */
export async function createSyncServer(config: Config, options: ServerOptions = {}): Promise<SyncServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = openStore(config.dataDir);
  const access = new ScopeAccess(store);
  const opLog = new OpLog(store);
  let disconnectDevice = (_deviceId: string) => {};
  const accounts = new Accounts(store, new AccessTokens(config.secret, config.accessTokenTtlSeconds), (id) =>
    disconnectDevice(id),
  );
  const auth = requireAuth(accounts);

  const app = express();
  app.disable('x-powered-by');
  // Responses are per-caller and change with every push; validators only cost a hash of each body.
  app.disable('etag');
  app.use(requestLogger(logger));
  app.use(helmet());
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(express.json({ limit: BODY_LIMIT }));

  const authLimit = rateLimit({
    windowMs: 60_000,
    limit: config.authRateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) => {
      res
        .status(429)
        .json(errorBody('rate_limited', 'too many sign-in attempts; wait a minute and try again'));
    },
  });

  const httpServer = createServer(app);
  const realtime = attachRealtime(httpServer, accounts, access, logger);
  disconnectDevice = realtime.disconnectDevice;

  app.use(`${API_PREFIX}/auth`, authRoutes(accounts, auth, authLimit));
  app.use(`${API_PREFIX}/devices`, deviceRoutes(accounts, auth));
  app.use(`${API_PREFIX}/sync`, syncRoutes(opLog, access, auth, realtime.poke));
  app.use(notFound);
  app.use(errorHandler);

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const { port } = httpServer.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const force = setTimeout(() => httpServer.closeAllConnections(), CLOSE_GRACE_MS);
      // close() drops the keep-alive connections that are idle now; one whose request is still
      // in flight becomes idle when it answers and would otherwise linger until its timeout.
      const sweep = setInterval(() => httpServer.closeIdleConnections(), 50);
      // Disconnects every socket, then closes the HTTP server, which waits for requests in flight.
      await realtime.io.close();
      clearTimeout(force);
      clearInterval(sweep);
      store.close();
    })());

  return { url: `http://${host}:${port}`, httpServer, io: realtime.io, logger, close };
}
