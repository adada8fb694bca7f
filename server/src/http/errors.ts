import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { ErrorBody } from '@reelshelf/shared/sync';

/** Stable error codes: clients branch on these, never on the message. */
export const ERROR_STATUS = {
  invalid_argument: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

type Issue = { field: string; message: string };

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.status = ERROR_STATUS[code];
  }
}

export const errorBody = (code: ErrorCode, message: string, issues?: Issue[]): ErrorBody => ({
  error: issues ? { code, message, issues } : { code, message },
});

/** Parses with a shared schema; a failure is a 400 whose issues name each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown, what = 'request'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    field: i.path.length ? i.path.join('.') : '(body)',
    message: i.message,
  }));
  throw new ApiError(
    'invalid_argument',
    `invalid ${what}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
    issues,
  );
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('not_found', `no route for ${req.method} ${req.path}`));
};

/** Body-parser errors carry `type` and `status`; anything else unexpected is a 500 that says nothing inside. */
export const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
  if (err instanceof ApiError) {
    res.status(err.status).json(errorBody(err.code, err.message, err.issues));
    return;
  }
  const type = (err as { type?: unknown }).type;
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    res
      .status(413)
      .json(errorBody('payload_too_large', `the body is larger than ${limit ?? 'the limit'} bytes`));
    return;
  }
  if (type === 'entity.parse.failed') {
    res.status(400).json(errorBody('invalid_argument', 'the body is not valid JSON'));
    return;
  }
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = status === 413 ? 'payload_too_large' : 'invalid_argument';
    res.status(status).json(errorBody(code, (err as Error).message ?? 'bad request'));
    return;
  }
  req.log.error({ err }, 'request failed');
  res.status(500).json(errorBody('internal', 'internal error'));
};
