/**
 * The sync server's tables. drizzle-kit turns changes here into committed migrations
 * (npx drizzle-kit generate --config server/src/store/drizzle.config.ts), applied at open.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  /** Lower-cased at the door, so uniqueness is case-insensitive. */
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  createdAt: text('created_at').notNull().default(now),
});

/** One row per signed-in installation; it holds that installation's refresh token (as a hash). */
export const devices = sqliteTable(
  'devices',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** SHA-256 of the current refresh token. */
    refreshHash: text('refresh_hash').notNull().unique(),
    /** SHA-256 of the token it replaced: seeing that one again means the token was stolen. */
    previousRefreshHash: text('previous_refresh_hash'),
    createdAt: text('created_at').notNull().default(now),
    lastSeenAt: text('last_seen_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('devices_user').on(t.userId), index('devices_previous_refresh').on(t.previousRefreshHash)],
);

/**
 * The append-only op log. No foreign key to devices: ops outlive the device that sent them.
 * `value` is the field's JSON text, stored as received (after validation).
 */
export const ops = sqliteTable(
  'ops',
  {
    scope: text('scope').notNull(),
    seq: integer('seq').notNull(),
    opId: text('op_id').notNull().unique(),
    hlc: text('hlc').notNull(),
    entity: text('entity').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    value: text('value').notNull(),
    deviceId: text('device_id').notNull(),
    receivedAt: text('received_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.seq] })],
);

/** Newest seq per scope: the next op of a scope gets seq + 1 (no MAX() scan per push). */
export const scopeHeads = sqliteTable('scope_heads', {
  scope: text('scope').primaryKey(),
  seq: integer('seq').notNull(),
});

export const CLUB_ROLES = ['owner', 'editor', 'viewer'] as const;
export type ClubRole = (typeof CLUB_ROLES)[number];

export const clubMembers = sqliteTable(
  'club_members',
  {
    clubId: text('club_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: CLUB_ROLES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clubId, t.userId] }),
    index('club_members_user').on(t.userId),
    check('club_members_role', sql`${t.role} IN ('owner', 'editor', 'viewer')`),
  ],
);
