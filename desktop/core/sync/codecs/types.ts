import type Database from 'better-sqlite3';
import type { EntityName, FieldValues } from '@reelshelf/shared/sync';
import type { Ctx } from '../../context';

/** What a codec needs from the open library. */
export interface CodecDeps {
  ctx: Ctx;
  /** Local id of the profile every library starts with (`@default` on the wire). */
  defaultProfileId: string;
  /** Prepared once per text. */
  sql(text: string): Database.Statement;
  /** The synced fields of a row, from the registers. */
  registered(entity: EntityName, key: string): FieldValues;
}

/** A row a synced row belongs to; it must exist locally for the row to be shown. */
export interface ParentRef {
  entity: EntityName;
  key: string;
}

/**
 * How one entity maps between local tables and sync fields. A *ref* is what the capture
 * triggers record for a changed row (its local identity, e.g. `<list id>|<title id>`);
 * a *key* is the row's identity on every device (see shared/sync/entities.ts).
 */
export interface Codec {
  entity: EntityName;
  /** Per table that holds this entity's data: SQL over the changed row `R` giving its ref. */
  refs: Record<string, string>;
  /** Every ref in the library (for the first sync of an existing library). */
  allRefs(): string[];
  /** The row's key and current fields, or undefined when it is gone. */
  read(ref: string): { key: string; fields: FieldValues } | undefined;
  /** The key of a row that is gone, from the ref recorded when it changed. */
  keyOf(ref: string): string;
  /** The rows this one belongs to, from its key and fields. */
  parents(key: string, fields: FieldValues): ParentRef[];
  /** Writes the row from its fields; returns the key it still waits for, or null when written. */
  write(key: string, fields: FieldValues): string | null;
  /** Removes the local row (a tombstone won). */
  remove(key: string): void;
  /**
   * Fields that only make sense together (a loan's borrower, start and due date): when one
   * changes, all are sent with one stamp, so concurrent edits never mix two halves.
   */
  groups?: string[][];
  /**
   * Rows that exist while something uses them (a tag while a title carries it): their
   * disappearance follows from other rows and is not sent as a delete.
   */
  existsWhileUsed?: true;
}

export const bool = (v: unknown): boolean => v === 1 || v === true;
export const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
