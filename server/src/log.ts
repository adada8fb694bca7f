import type { Request } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger };

/** JSON lines. Anything shaped like a credential is blanked in case it is ever logged by mistake. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'password',
          'refreshToken',
          'accessToken',
          'token',
          '*.password',
          '*.refreshToken',
          '*.accessToken',
          '*.token',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** The matched route pattern (/v1/devices/:id), not the path: ids stay out and lines group by route. */
function routeOf(req: Request): string | undefined {
  return req.route
    ? `${req.baseUrl}${String(req.route.path as unknown)}`.replace(/\/$/, '') || '/'
    : undefined;
}

/**
 * One line per finished request: method, route, status, duration. Headers and bodies are
 * never logged (they carry tokens and passwords); the query string is dropped too.
 */
export function requestLogger(logger: Logger) {
  const summary = (req: Request, res: { statusCode: number }, responseTime: number) => ({
    method: req.method,
    route: routeOf(req),
    path: routeOf(req) ? undefined : req.path,
    status: res.statusCode,
    durationMs: responseTime,
  });
  return pinoHttp<Request>({
    logger,
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    customSuccessObject: (req, res, val: { responseTime: number }) => summary(req, res, val.responseTime),
    customErrorObject: (req, res, err, val: { responseTime: number }) => ({
      ...summary(req, res, val.responseTime),
      err,
    }),
  });
}
