import { randomUUID } from 'node:crypto';
import { CoreError, type ImportReport } from '@reelshelf/shared/contracts';
import type { Ctx } from '../context';
import { statement } from '../db/statements';
import { restoreBackup, type RestoreReport } from '../export/backup';
import type { InputFile } from './records';
import { withRollback } from './run';
import { decodeText } from './text/decode';

/**
 * A Reelshelf backup is restored row by row by id (export/backup-restore.ts), not through
 * the readers: it holds everything, ids included. Its report has the shape of any import's.
 */
export function importBackup(ctx: Ctx, source: string, file: InputFile, dryRun: boolean): ImportReport {
  const started = performance.now();
  let json: unknown;
  try {
    json = JSON.parse(decodeText(file));
  } catch (e) {
    if (e instanceof CoreError) throw e;
    throw new CoreError('invalid_argument', `${file.name} is not valid JSON: ${(e as Error).message}`);
  }
  // restoreBackup checks the whole file first and names the path of everything wrong in it.
  const restore = () =>
    restoreBackup(ctx, json, (done, total) => ctx.emit('progress', { task: 'import', done, total }));
  const report = (counts: RestoreReport, importId: string | null): ImportReport => ({
    importId,
    format: 'backup',
    source,
    dryRun,
    rows: {
      read: counts.created + counts.updated + counts.unchanged,
      created: counts.created,
      updated: counts.updated,
      unchanged: counts.unchanged,
      unmatched: 0,
      rejected: 0,
    },
    changes: Object.fromEntries(
      Object.entries(counts.byTable).map(([table, n]) => [table, { created: n.created, updated: n.updated }]),
    ),
    rejected: [],
    unmatched: [],
    skippedFiles: [],
    durationMs: Math.round(performance.now() - started),
  });
  if (dryRun) return report(withRollback(ctx, restore), null);
  return ctx.transact(() => {
    const done = report(restore(), randomUUID());
    statement(ctx.lib.sqlite, 'INSERT INTO imports (id, format, source, report) VALUES (?, ?, ?, ?)').run(
      done.importId,
      'backup',
      source,
      JSON.stringify(done),
    );
    return done;
  });
}
