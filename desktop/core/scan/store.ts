/**
 * The scan's memory in the library: library folders (`scan_roots`) and every file a scan
 * found (`scan_files`: size and mtime then, the title and copy it became, or why none).
 * Cached prepared statements: a scan runs the same few statements tens of thousands of times.
 */
import type { ScanFolder } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { statement } from '../db/statements';

export interface RootRow {
  id: string;
  path: string;
  addedAt: string;
  lastScanAt: string | null;
}

export interface KnownFile {
  path: string;
  rootId: string;
  size: number;
  mtimeMs: number;
  titleId: string | null;
  copyId: string | null;
  problem: string | null;
  missingSince: string | null;
}

export interface CopyRow {
  id: string;
  titleId: string;
  edition: string | null;
  filePath: string | null;
  fileSize: number | null;
  container: string | null;
  resolution: string | null;
}

const COPY_COLUMNS = `id, title_id AS titleId, edition, file_path AS filePath, file_size AS fileSize,
  container, resolution`;

export class ScanStore {
  constructor(private readonly ctx: Ctx) {}

  private sql(text: string) {
    return statement(this.ctx.lib.sqlite, text);
  }

  roots(): RootRow[] {
    return this.sql(
      'SELECT id, path, added_at AS addedAt, last_scan_at AS lastScanAt FROM scan_roots ORDER BY path',
    ).all() as RootRow[];
  }

  folder(root: RootRow): ScanFolder {
    const counts = this.sql(
      `SELECT count(*) AS files, count(problem) AS unmatched FROM scan_files
        WHERE root_id = ? AND missing_since IS NULL`,
    ).get(root.id) as { files: number; unmatched: number };
    return { ...root, ...counts };
  }

  addRoot(id: string, path: string): void {
    this.sql('INSERT INTO scan_roots (id, path) VALUES (?, ?)').run(id, path);
  }

  /** A new library folder above existing ones takes over their files (nothing is scanned twice). */
  absorbRoots(into: string, from: string[]): void {
    for (const id of from) {
      this.sql('UPDATE scan_files SET root_id = ? WHERE root_id = ?').run(into, id);
      this.sql('DELETE FROM scan_roots WHERE id = ?').run(id);
    }
  }

  /** The copies a library folder's files became (each file's own, and every episode of a multi-episode file). */
  removeRootCopies(rootId: string): number {
    return this.sql(
      `DELETE FROM copies WHERE id IN (SELECT copy_id FROM scan_files WHERE root_id = @root)
          OR (format = 'digital-file' AND file_path IN (SELECT path FROM scan_files WHERE root_id = @root))`,
    ).run({ root: rootId }).changes;
  }

  deleteRoot(id: string): void {
    this.sql('DELETE FROM scan_roots WHERE id = ?').run(id);
  }

  markScanned(id: string, at: string): void {
    this.sql('UPDATE scan_roots SET last_scan_at = ? WHERE id = ?').run(at, id);
  }

  known(rootId: string): KnownFile[] {
    return this.sql(
      `SELECT path, root_id AS rootId, size, mtime_ms AS mtimeMs, title_id AS titleId, copy_id AS copyId,
              problem, missing_since AS missingSince
         FROM scan_files WHERE root_id = ?`,
    ).all(rootId) as KnownFile[];
  }

  saveFile(f: KnownFile): void {
    this.sql(
      `INSERT INTO scan_files (path, root_id, size, mtime_ms, title_id, copy_id, problem, missing_since)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET root_id = excluded.root_id, size = excluded.size,
         mtime_ms = excluded.mtime_ms, title_id = excluded.title_id, copy_id = excluded.copy_id,
         problem = excluded.problem, missing_since = excluded.missing_since`,
    ).run(f.path, f.rootId, f.size, f.mtimeMs, f.titleId, f.copyId, f.problem, f.missingSince);
  }

  deleteFile(path: string): void {
    this.sql('DELETE FROM scan_files WHERE path = ?').run(path);
  }

  markMissing(path: string, since: string): void {
    this.sql('UPDATE scan_files SET missing_since = ?, copy_id = NULL WHERE path = ?').run(since, path);
  }

  /** Files missing since before `before` are forgotten: a file gone that long is not coming back. */
  forgetMissing(rootId: string, before: string): number {
    return this.sql('DELETE FROM scan_files WHERE root_id = ? AND missing_since < ?').run(rootId, before)
      .changes;
  }

  /** The digital-file copies of a file: by the copy ids its rows hold, and by path. */
  copiesOf(path: string, ids: Iterable<string>): CopyRow[] {
    const found = new Map<string, CopyRow>();
    for (const row of this.sql(
      `SELECT ${COPY_COLUMNS} FROM copies WHERE file_path = ? AND format = 'digital-file'`,
    ).all(path) as CopyRow[])
      found.set(row.id, row);
    for (const id of ids) {
      if (found.has(id)) continue;
      const row = this.sql(`SELECT ${COPY_COLUMNS} FROM copies WHERE id = ?`).get(id) as CopyRow | undefined;
      if (row) found.set(row.id, row);
    }
    return [...found.values()];
  }

  insertCopy(c: CopyRow): void {
    this.sql(
      `INSERT INTO copies (id, title_id, format, edition, file_path, file_size, container, resolution)
       VALUES (?, ?, 'digital-file', ?, ?, ?, ?, ?)`,
    ).run(c.id, c.titleId, c.edition, c.filePath, c.fileSize, c.container, c.resolution);
  }

  updateCopy(c: CopyRow): void {
    this.sql(
      `UPDATE copies SET title_id = ?, edition = ?, file_path = ?, file_size = ?, container = ?, resolution = ?
        WHERE id = ?`,
    ).run(c.titleId, c.edition, c.filePath, c.fileSize, c.container, c.resolution, c.id);
  }

  deleteCopy(id: string): number {
    return this.sql('DELETE FROM copies WHERE id = ?').run(id).changes;
  }

  titleExists(id: string): boolean {
    return this.sql('SELECT 1 FROM titles WHERE id = ?').get(id) !== undefined;
  }

  problems(limit: number, offset: number) {
    const total = this.sql(
      'SELECT count(*) FROM scan_files WHERE problem IS NOT NULL AND missing_since IS NULL',
    )
      .pluck()
      .get() as number;
    const items = this.sql(
      `SELECT f.path, r.path AS folder, f.size, f.problem AS reason FROM scan_files f
         JOIN scan_roots r ON r.id = f.root_id
        WHERE f.problem IS NOT NULL AND f.missing_since IS NULL ORDER BY f.path LIMIT ? OFFSET ?`,
    ).all(limit, offset) as { path: string; folder: string; size: number; reason: string }[];
    return { total, items };
  }
}
