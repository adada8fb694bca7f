import {
  CoreError,
  type Handlers,
  type ImportCommandResults,
  type ImportFormat,
  type ImportReport,
  type ImportSummary,
  type ParsedArgs,
  type UnmatchedRow,
} from '@reelshelf/shared/contracts';
import { requireTitle } from '../catalog/lookup';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import { FactWriter } from './apply';
import { importBackup } from './backup-import';
import { openSource } from './open-source';
import type { ImportItem } from './records';
import { applyRow, runImport } from './run';

interface UnmatchedDbRow {
  id: string;
  importId: string;
  file: string;
  line: number;
  raw: string;
  item: string;
  reason: string;
  candidates: string;
  dedupeKey: string;
}

function toUnmatched(ctx: Ctx, row: UnmatchedDbRow): UnmatchedRow {
  const item = JSON.parse(row.item) as ImportItem;
  const candidateIds = JSON.parse(row.candidates) as string[];
  const lookup = statement(ctx.lib.sqlite, 'SELECT id, title, year, kind FROM titles WHERE id = ?');
  return {
    id: row.id,
    importId: row.importId,
    file: row.file,
    line: row.line,
    reason: row.reason,
    raw: JSON.parse(row.raw) as unknown,
    title: {
      kind: item.title.kind,
      title: item.title.title ?? item.title.show?.title ?? null,
      year: item.title.year ?? null,
      ids: { ...item.title.ids },
    },
    candidates: candidateIds
      .map((id) => lookup.get(id) as UnmatchedRow['candidates'][number] | undefined)
      .filter((c) => c !== undefined),
  };
}

/** import.run: a file, ZIP or folder of NFO files at a path (import.upload writes one first). */
export function importFile(
  ctx: Ctx,
  { path, format, mapping, dryRun, jobId }: ParsedArgs<'import.run'>,
): Promise<ImportReport> {
  return ctx.jobs.run(jobId, async (job) => {
    const opened = await openSource(path, format, mapping);
    job.check();
    if (opened.format === 'backup') return importBackup(ctx, opened.source, opened.file, dryRun);
    return runImport(ctx, job, opened, dryRun);
  });
}

export function importHandlers(
  ctx: Ctx,
): Pick<Handlers, Exclude<keyof ImportCommandResults, `export.${string}`>> {
  const sql = (text: string) => statement(ctx.lib.sqlite, text);
  const requireUnmatched = (id: string) => {
    const row = sql(
      'SELECT id, import_id AS importId, file, line, raw, item, reason, candidates, dedupe_key AS dedupeKey FROM import_unmatched WHERE id = ?',
    ).get(id) as UnmatchedDbRow | undefined;
    if (!row) {
      throw new CoreError('not_found', `No unmatched import row with id ${id}.`, [
        { field: 'id', message: 'not found' },
      ]);
    }
    return row;
  };
  return {
    'import.run': (args) => importFile(ctx, args),
    'import.history': ({ limit }) =>
      (
        sql(
          'SELECT id, format, source, started_at AS startedAt, report FROM imports ORDER BY started_at DESC LIMIT ?',
        ).all(limit) as {
          id: string;
          format: ImportSummary['format'];
          source: string;
          startedAt: string;
          report: string;
        }[]
      ).map(({ report, ...row }) => ({ ...row, rows: (JSON.parse(report) as ImportReport).rows })),
    'import.unmatched': ({ importId, limit, offset }) => {
      const where = importId ? 'WHERE import_id = ?' : '';
      const params = importId ? [importId] : [];
      const total = sql(`SELECT count(*) FROM import_unmatched ${where}`)
        .pluck()
        .get(...params) as number;
      const rows = sql(
        `SELECT id, import_id AS importId, file, line, raw, item, reason, candidates FROM import_unmatched ${where}
         ORDER BY rowid LIMIT ? OFFSET ?`,
      ).all(...params, limit, offset) as UnmatchedDbRow[];
      return { total, items: rows.map((r) => toUnmatched(ctx, r)) };
    },
    'import.resolve': async ({ id, titleId }) => {
      const started = performance.now();
      const row = requireUnmatched(id);
      requireTitle(ctx, titleId);
      const item = JSON.parse(row.item) as ImportItem;
      const format = sql('SELECT format FROM imports WHERE id = ?').pluck().get(row.importId) as ImportFormat;
      return ctx.transact(() => {
        const writer = new FactWriter(ctx);
        const outcome = applyRow(writer, titleId, item.facts);
        sql('DELETE FROM import_unmatched WHERE id = ?').run(id);
        // Remembered, so importing the file again applies the row to this title instead of asking again.
        sql("INSERT OR REPLACE INTO import_links (key, entity, row_id) VALUES ('pick:' || ?, 'pick', ?)").run(
          row.dedupeKey,
          titleId,
        );
        const rows = { read: 1, created: 0, updated: 0, unchanged: 0, unmatched: 0, rejected: 0 };
        rows[outcome] = 1;
        return {
          importId: row.importId,
          format,
          source: row.file,
          dryRun: false,
          rows,
          changes: writer.changes,
          rejected: [],
          unmatched: [],
          skippedFiles: [],
          durationMs: Math.round(performance.now() - started),
        };
      });
    },
    'import.dismiss': ({ id }) => {
      const row = requireUnmatched(id);
      sql('DELETE FROM import_unmatched WHERE id = ?').run(id);
      sql(
        "INSERT OR REPLACE INTO import_links (key, entity, row_id) VALUES ('dismiss:' || ?, 'dismiss', '')",
      ).run(row.dedupeKey);
      return { removed: true };
    },
    'jobs.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  };
}
