import type Database from 'better-sqlite3';

export type SqlValue = string | number | null;
export type Outcome = 'created' | 'updated' | 'unchanged';

/**
 * Writes one table's rows by key, touching only what differs: a row with identical
 * values is left alone, because every write in a command becomes a sync op and an
 * unchanged row must not send one. An update sets only the columns that changed.
 */
export class RowWriter {
  private readonly find: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly updates = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly table: string,
    private readonly key: readonly string[],
    private readonly columns: readonly string[],
  ) {
    const where = key.map((k) => `"${k}" = @${k}`).join(' AND ');
    this.find = sqlite.prepare(
      `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" WHERE ${where}`,
    );
    this.insert = sqlite.prepare(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
  }

  /** The stored row with this key, if any. */
  existing(values: Record<string, SqlValue>): Record<string, SqlValue> | undefined {
    return this.find.get(this.keyOf(values)) as Record<string, SqlValue> | undefined;
  }

  write(values: Record<string, SqlValue>): Outcome {
    const stored = this.existing(values);
    if (!stored) {
      this.insert.run(values);
      return 'created';
    }
    const changed = this.columns.filter((c) => stored[c] !== values[c]);
    if (changed.length === 0) return 'unchanged';
    this.updateOf(changed).run({
      ...this.keyOf(values),
      ...Object.fromEntries(changed.map((c) => [`v_${c}`, values[c]])),
    });
    return 'updated';
  }

  private keyOf(values: Record<string, SqlValue>): Record<string, SqlValue> {
    return Object.fromEntries(this.key.map((k) => [k, values[k] ?? null]));
  }

  private updateOf(changed: readonly string[]): Database.Statement {
    const id = changed.join(',');
    let stmt = this.updates.get(id);
    if (!stmt) {
      const where = this.key.map((k) => `"${k}" = @${k}`).join(' AND ');
      stmt = this.sqlite.prepare(
        `UPDATE "${this.table}" SET ${changed.map((c) => `"${c}" = @v_${c}`).join(', ')} WHERE ${where}`,
      );
      this.updates.set(id, stmt);
    }
    return stmt;
  }
}
