import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import {
  CoreError,
  type ExportResult,
  type Handlers,
  type ImportCommandResults,
  type ImportReport,
  type ImportSummary,
  type UnmatchedRow,
} from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import { exportBackup, restoreBackup } from '../export/backup';
import { BACKUP_TABLES } from '../export/backup-format';
import type { CsvExport } from '../export/csv-writer';
import { exportCatalogCsv, exportHistoryCsv, exportListsCsv, exportRatingsCsv } from '../export/csv';
import { exportLetterboxdCsv } from '../export/letterboxd';
import { FactWriter } from './apply';
import { openSource } from './open-source';
import type { ImportItem, InputFile } from './records';
import { applyFacts, runImport } from './run';
import { decodeText } from './text/decode';
import { requireTitle } from '../catalog/lookup';

/** Written next to the target, then renamed: a crash never leaves half an export under the real name. */
async function writeAtomically(path: string, text: string): Promise<number> {
  const temp = `${path}.${randomUUID()}.partial`;
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new CoreError('invalid_argument', `Could not write ${path}: ${(e as Error).message}`, [
      { field: 'path', message: 'not writable' },
    ]);
  }
  return Buffer.byteLength(text);
}

function restoreFromBackup(ctx: Ctx, source: string, file: InputFile, dryRun: boolean): ImportReport {
  const started = performance.now();
  let json: unknown;
  try {
    json = JSON.parse(decodeText(file));
  } catch (e) {
    if (e instanceof CoreError) throw e;
    throw new CoreError('invalid_argument', `${file.name} is not valid JSON: ${(e as Error).message}`);
  }
  // restoreBackup checks the whole file first and names the path of anything wrong in it.
  const work = () =>
    restoreBackup(ctx, json, (done, total) => ctx.emit('progress', { task: 'import', done, total }));
  let counts: ReturnType<typeof restoreBackup> | undefined;
  if (dryRun) {
    const rollback = new Error('dry run');
    try {
      ctx.lib.sqlite.transaction(() => {
        counts = work();
        throw rollback;
      })();
    } catch (e) {
      if (e !== rollback) throw e;
    }
  } else counts = ctx.transact(work);
  const c = counts!;
  const report: ImportReport = {
    importId: null,
    format: 'backup',
    source,
    dryRun,
    rows: {
      read: c.created + c.updated + c.unchanged,
      created: c.created,
      updated: c.updated,
      unchanged: c.unchanged,
      unmatched: 0,
      rejected: 0,
    },
    changes: Object.fromEntries(
      Object.entries(c.byTable).map(([t, n]) => [t, { created: n.created, updated: n.updated }]),
    ),
    rejected: [],
    unmatched: [],
    skippedFiles: [],
    durationMs: Math.round(performance.now() - started),
  };
  if (!dryRun) {
    const id = randomUUID();
    ctx.transact(() =>
      statement(ctx.lib.sqlite, 'INSERT INTO imports (id, format, source, report) VALUES (?, ?, ?, ?)').run(
        id,
        'backup',
        source,
        JSON.stringify({ ...report, importId: id }),
      ),
    );
    report.importId = id;
  }
  return report;
}

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

export function importHandlers(ctx: Ctx): Pick<Handlers, keyof ImportCommandResults> {
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
  const exported = async (path: string, { text, rows }: CsvExport): Promise<ExportResult> => ({
    path,
    bytes: await writeAtomically(path, text),
    rows,
  });

  return {
    'import.run': ({ path, format, mapping, dryRun, jobId }) =>
      ctx.jobs.run(jobId, async (job) => {
        const opened = await openSource(path, format, mapping);
        job.check();
        if (opened.format === 'backup' && 'file' in opened) {
          return restoreFromBackup(ctx, opened.source, opened.file, dryRun);
        }
        if (!('reader' in opened)) throw new CoreError('internal', 'no reader for this source');
        return runImport(ctx, job, opened, dryRun);
      }),
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
      return ctx.transact(() => {
        const writer = new FactWriter(ctx);
        let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
        applyFacts(
          writer,
          item.facts.map((fact) => ({ titleId, fact, order: 0 })),
          (_order, o) => {
            if (o === 'created' || (o === 'updated' && outcome === 'unchanged')) outcome = o;
          },
        );
        sql('DELETE FROM import_unmatched WHERE id = ?').run(id);
        // Remembered, so importing the file again applies the row to this title instead of asking again.
        sql("INSERT OR REPLACE INTO import_links (key, entity, row_id) VALUES ('pick:' || ?, 'pick', ?)").run(
          row.dedupeKey,
          titleId,
        );
        const report: ImportReport = {
          importId: row.importId,
          format: 'csv',
          source: row.file,
          dryRun: false,
          rows: { read: 1, created: 0, updated: 0, unchanged: 0, unmatched: 0, rejected: 0 },
          changes: writer.changes,
          rejected: [],
          unmatched: [],
          skippedFiles: [],
          durationMs: Math.round(performance.now() - started),
        };
        report.rows[outcome] = 1;
        const format = sql('SELECT format FROM imports WHERE id = ?')
          .pluck()
          .get(row.importId) as ImportReport['format'];
        report.format = format;
        return report;
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
    'export.backup': ({ path }) => {
      const backup = exportBackup(ctx);
      const rows = BACKUP_TABLES.reduce((n, table) => n + backup[table].length, 0);
      return exported(path, { text: JSON.stringify(backup), rows });
    },
    'export.csv': ({ path, what }) =>
      exported(
        path,
        {
          catalog: exportCatalogCsv,
          history: exportHistoryCsv,
          ratings: exportRatingsCsv,
          lists: exportListsCsv,
        }[what](ctx),
      ),
    'export.letterboxd': ({ path }) => exported(path, exportLetterboxdCsv(ctx)),
    'jobs.cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  };
}
