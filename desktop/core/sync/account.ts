import type Database from 'better-sqlite3';
import { z } from 'zod';

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
  const raw = sqlite.prepare('SELECT value FROM library_meta WHERE key = ?').pluck().get(KEY) as
    string | undefined;
  if (!raw) return undefined;
  const parsed = StoredAccount.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : undefined;
}

export function writeAccount(sqlite: Database.Database, account: StoredAccount | undefined): void {
  if (account) {
    sqlite
      .prepare('INSERT OR REPLACE INTO library_meta (key, value) VALUES (?, ?)')
      .run(KEY, JSON.stringify(account));
  } else {
    sqlite.prepare('DELETE FROM library_meta WHERE key = ?').run(KEY);
  }
}

/** The user whose data this library's sync state describes (kept after sign-out, to notice a different account). */
const OWNER = 'sync.owner';

export function syncOwner(sqlite: Database.Database): string | undefined {
  return (
    (sqlite.prepare('SELECT value FROM library_meta WHERE key = ?').pluck().get(OWNER) as
      string | undefined) ?? undefined
  );
}

export function setSyncOwner(sqlite: Database.Database, userId: string): void {
  sqlite.prepare('INSERT OR REPLACE INTO library_meta (key, value) VALUES (?, ?)').run(OWNER, userId);
}
