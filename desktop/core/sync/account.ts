import type Database from 'better-sqlite3';
import { z } from 'zod';
import { readMeta, writeMeta } from '../db/meta';

const KEY = 'sync.account';

/**
 * The signed-in account, kept in the library file (library_meta). The refresh token is a
 * secret: anyone with the library file can act as this device until it is revoked from
 * another device (`reelshelf sync logout` or the device list).
 */
export const StoredAccount = z.object({
  server: z.string(),
  email: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  refreshToken: z.string(),
  lastSyncedAt: z.string().nullable().default(null),
});
export type StoredAccount = z.infer<typeof StoredAccount>;

export function readAccount(sqlite: Database.Database): StoredAccount | undefined {
  const raw = readMeta(sqlite, KEY);
  if (!raw) return undefined;
  const parsed = StoredAccount.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

export function writeAccount(sqlite: Database.Database, account: StoredAccount | undefined): void {
  writeMeta(sqlite, KEY, account && JSON.stringify(account));
}

/** The user whose data this library's sync state describes (kept after sign-out, to notice a different account). */
const OWNER = 'sync.owner';

export const syncOwner = (sqlite: Database.Database): string | undefined => readMeta(sqlite, OWNER);

export const setSyncOwner = (sqlite: Database.Database, userId: string): void =>
  writeMeta(sqlite, OWNER, userId);
