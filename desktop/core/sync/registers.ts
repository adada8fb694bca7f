import type Database from 'better-sqlite3';
import type { EntityName, FieldValues } from '@reelshelf/shared/sync';

export interface Register {
  hlc: string;
  /** Canonical JSON. */
  value: string;
}

/** The newest value and stamp of every field of every synced row (table sync_registers). */
export class Registers {
  private readonly all: Database.Statement<[string, string], { field: string; hlc: string; value: string }>;
  private readonly one: Database.Statement<[string, string, string], Register>;
  private readonly put: Database.Statement<[string, string, string, string, string]>;

  constructor(sqlite: Database.Database) {
    this.all = sqlite.prepare(
      'SELECT field, hlc, value FROM sync_registers WHERE entity = ? AND row_key = ?',
    );
    this.one = sqlite.prepare(
      'SELECT hlc, value FROM sync_registers WHERE entity = ? AND row_key = ? AND field = ?',
    );
    this.put = sqlite.prepare(
      `INSERT INTO sync_registers (entity, row_key, field, hlc, value) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (entity, row_key, field) DO UPDATE SET hlc = excluded.hlc, value = excluded.value`,
    );
  }

  row(entity: EntityName, key: string): Map<string, Register> {
    return new Map(this.all.all(entity, key).map((r) => [r.field, { hlc: r.hlc, value: r.value }]));
  }

  values(entity: EntityName, key: string): FieldValues {
    return Object.fromEntries(
      this.all.all(entity, key).map((r) => [r.field, JSON.parse(r.value) as unknown]),
    );
  }

  get(entity: EntityName, key: string, field: string): Register | undefined {
    return this.one.get(entity, key, field);
  }

  set(entity: EntityName, key: string, field: string, hlc: string, value: string): void {
    this.put.run(entity, key, field, hlc, value);
  }
}

/** A row is live when something is known about it and its newest word is not "deleted". */
export const isLive = (row: Map<string, Register>): boolean =>
  row.size > 0 && row.get('deleted')?.value !== 'true';
