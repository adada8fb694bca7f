import { z } from 'zod';
import { Scope } from './scope';
import type { StoredOp } from './ops';

/**
 * The sync server's HTTP and Socket.IO contract, shared by the server (which validates
 * requests with these schemas) and the desktop client (which validates responses).
 * Every error body is `{ error: { code, message, issues? } }`.
 */
export const API_PREFIX = '/v1';
export const MAX_PUSH_OPS = 1_000;
export const MAX_PULL_OPS = 5_000;

export const Email = z.string().trim().toLowerCase().pipe(z.email('expected an e-mail address').max(254));
export const Password = z
  .string()
  .min(10, 'a password needs at least 10 characters')
  .max(256, 'a password can have at most 256 characters');
export const DeviceName = z.string().trim().min(1).max(100);

export const Credentials = z.object({ email: Email, password: Password, deviceName: DeviceName });
export type Credentials = z.input<typeof Credentials>;

export const Session = z.object({
  userId: z.uuid(),
  deviceId: z.uuid(),
  accessToken: z.string(),
  /** Epoch ms at which the access token stops working. */
  accessExpiresAt: z.number(),
  refreshToken: z.string(),
});
export type Session = z.infer<typeof Session>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(20).max(200) });

export const Device = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string().nullable(),
  current: z.boolean(),
});
export type Device = z.infer<typeof Device>;
export const DeviceList = z.object({ devices: z.array(Device) });

export const SyncStatus = z.object({
  serverTime: z.number(),
  /** Every scope the caller may read, with its newest sequence number. */
  scopes: z.array(z.object({ scope: Scope, seq: z.number().int().min(0) })),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

/** Ops are checked one by one (checkOp), so one malformed op does not sink the batch. */
export const PushRequest = z.object({ ops: z.array(z.unknown()).min(1).max(MAX_PUSH_OPS) });

export const PushResult = z.object({
  opId: z.string().optional(),
  /** stored: new; duplicate: already had it (a retry); rejected: see reason. */
  status: z.enum(['stored', 'duplicate', 'rejected']),
  seq: z.number().int().optional(),
  reason: z.string().optional(),
});
export type PushResult = z.infer<typeof PushResult>;
export const PushResponse = z.object({ serverTime: z.number(), results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  scope: Scope,
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_OPS).default(1_000),
});
export type PullQuery = z.input<typeof PullQuery>;

export const PullResponse = z.object({
  serverTime: z.number(),
  scope: Scope,
  ops: z.array(z.custom<StoredOp>((v) => typeof v === 'object' && v !== null)),
  /** The sequence number to ask after next time. */
  last: z.number().int().min(0),
  /** The scope's newest sequence number when this page was read (for progress). */
  head: z.number().int().min(0),
  hasMore: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Socket.IO: the server only ever says "look"; the client pulls over HTTP. */
export interface ServerToClientEvents {
  poke: (payload: { scope: string; seq: number }) => void;
}
export interface ClientToServerEvents {
  /** Ask for pokes of another scope (a club); the ack says whether that is allowed. */
  subscribe: (
    payload: { scope: string },
    ack: (reply: { ok: true } | { ok: false; error: string }) => void,
  ) => void;
}
export const SubscribeRequest = z.object({ scope: Scope });
