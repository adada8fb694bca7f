/**
 * One import: read every row (cancellable, with progress), check each row's facts, then in
 * ONE transaction match or create the titles and write the facts. A dry run does the same
 * and rolls back, so its report is exactly what a real run would do.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ImportFormat, ImportReport, RowCounts } from '@reelshelf/shared/contracts';
import { IsoDate, Stars, Tag, WatchStatus } from '@reelshelf/shared/domain';
import { newId, type Ctx } from '../context';
import { statement } from '../db/statements';
import type { Job } from '../jobs';
import { FactWriter, type Outcome, type PlacedFact } from './apply';
import type { Fact, ImportItem, InputFile, Reader, RejectedRow } from './records';
import { TitleResolver } from './resolve';

export interface ImportInput {
  /** Backups are restored by id instead (backup-import.ts). */
  format: Exclude<ImportFormat, 'backup'>;
  /** What the person chose, as they named it. */
  source: string;
  reader: Reader;
  files: InputFile[];
  skippedFiles: string[];
}

/** Facts come from files: each is checked like the command a person would type. */
const FactCheck: z.ZodType<Fact> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('watch'),
    on: IsoDate.nullable(),
    key: z.string().max(500).optional(),
    rewatch: z.boolean().optional(),
  }),
  z.object({ type: z.literal('watched') }),
  z.object({ type: z.literal('rating'), stars: Stars, on: IsoDate.optional() }),
  z.object({
    type: z.literal('list'),
    list: z.union([
      z.object({ system: z.enum(['watchlist', 'favorites']) }),
      z.object({
        name: z.string().trim().min(1).max(200),
        description: z.string().max(5_000).optional(),
        ranked: z.boolean().optional(),
      }),
    ]),
    position: z.number().int().min(0).optional(),
    note: z.string().max(5_000).optional(),
    on: IsoDate.optional(),
  }),
  z.object({
    type: z.literal('review'),
    text: z.string().trim().min(1).max(50_000),
    containsSpoilers: z.boolean(),
    on: IsoDate.optional(),
    key: z.string().max(500).optional(),
  }),
  z.object({ type: z.literal('tag'), tag: Tag }),
  z.object({ type: z.literal('status'), status: WatchStatus }),
  z.object({
    type: z.literal('owned'),
    format: z.enum(['dvd', 'blu-ray', '4k-uhd', 'digital-purchase']),
    on: IsoDate.optional(),
  }),
]) as z.ZodType<Fact>;

function checkFacts(item: ImportItem): string | undefined {
  for (const fact of item.facts) {
    const result = FactCheck.safeParse(fact);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      return `${fact.type}${issue.path.length ? `.${issue.path.join('.')}` : ''}: ${issue.message}`;
    }
  }
  return undefined;
}

const rank: Record<Outcome, number> = { unchanged: 0, updated: 1, created: 2 };
const worse = (a: Outcome, b: Outcome): Outcome => (rank[b] > rank[a] ? b : a);

/** Reads the rows; yields to the event loop now and then so progress is seen and a cancel lands. */
async function readAll(ctx: Ctx, job: Job, input: ImportInput) {
  const items: ImportItem[] = [];
  const rejected: RejectedRow[] = [];
  let n = 0;
  for (const output of input.reader.read(input.files)) {
    if (output.kind === 'rejected') rejected.push(output);
    else {
      const problem = checkFacts(output);
      if (problem) rejected.push({ kind: 'rejected', source: output.source, reason: problem });
      else items.push(output);
    }
    if (++n % 2_000 === 0) {
      ctx.emit('progress', { task: 'import.read', done: n, total: 0 });
      await job.pause();
    }
  }
  return { items, rejected };
}

/**
 * The same row of the same kind of export, whatever the file is called now (a newer
 * `letterboxd-…-2026-11-22.zip`, a renamed `diary (1).csv`): its columns and cells, and what
 * they were read as — the same cells in two lists of one export (or one Trakt collection entry
 * that holds many episodes) are different rows — and, for rows identical in all of that, which
 * of them it is.
 */
function rowKeys(format: string) {
  const seen = new Map<string, number>();
  return (item: ImportItem) => {
    const what = JSON.stringify([item.source.raw, item.title, item.facts]);
    const n = seen.get(what) ?? 0;
    seen.set(what, n + 1);
    return createHash('sha256')
      .update(`${format}\0${what}${n ? `\0${n}` : ''}`)
      .digest('hex');
  };
}

export async function runImport(
  ctx: Ctx,
  job: Job,
  input: ImportInput,
  dryRun: boolean,
): Promise<ImportReport> {
  const started = performance.now();
  const { items, rejected } = await readAll(ctx, job, input);
  await job.pause();
  if (dryRun) {
    const report = withRollback(ctx, () => writeRows(ctx, input, items, rejected, true));
    report.durationMs = Math.round(performance.now() - started);
    return report;
  }
  return ctx.transact(() => {
    const report = writeRows(ctx, input, items, rejected, false);
    report.durationMs = Math.round(performance.now() - started);
    // The report is part of the import's transaction: an import is never recorded without it.
    statement(ctx.lib.sqlite, 'UPDATE imports SET report = ? WHERE id = ?').run(
      JSON.stringify(report),
      report.importId,
    );
    return report;
  });
}

/** Runs `work` in a transaction and undoes it: a dry run's numbers are the real run's numbers. */
export function withRollback<T>(ctx: Ctx, work: () => T): T {
  let result: T | undefined;
  const rollback = new Error('dry run');
  try {
    ctx.lib.sqlite.transaction(() => {
      result = work();
      throw rollback;
    })();
  } catch (e) {
    if (e !== rollback) throw e;
  } finally {
    // Search words the dry run taught the indexer were rolled back with it.
    ctx.indexer.forgetSession();
  }
  return result!;
}

function writeRows(
  ctx: Ctx,
  input: ImportInput,
  items: ImportItem[],
  rejectedRows: RejectedRow[],
  dryRun: boolean,
): ImportReport {
  const importId = newId();
  const sql = (text: string) => statement(ctx.lib.sqlite, text);
  sql('INSERT INTO imports (id, format, source, report) VALUES (?, ?, ?, ?)').run(
    importId,
    input.format,
    input.source,
    '{}',
  );
  const resolver = new TitleResolver(ctx);
  const writer = new FactWriter(ctx);
  const rows: RowCounts = {
    read: items.length + rejectedRows.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    unmatched: 0,
    rejected: 0,
  };
  const report: ImportReport = {
    importId: dryRun ? null : importId,
    format: input.format,
    source: input.source,
    dryRun,
    rows,
    changes: writer.changes,
    rejected: rejectedRows.map((r) => ({ file: r.source.file, line: r.source.line, reason: r.reason })),
    unmatched: [],
    skippedFiles: input.skippedFiles,
    durationMs: 0,
  };

  /** What became of each row: an outcome, or the queue / rejection it went to. */
  const fate: (Outcome | 'unmatched' | 'rejected')[] = [];
  const placed: PlacedFact[] = [];
  const rowKey = rowKeys(input.format);
  const progress = (done: number) => ctx.emit('progress', { task: 'import', done, total: items.length * 2 });
  items.forEach((item, order) => {
    if (order % 1_000 === 0) progress(order);
    const key = rowKey(item);
    const decision = sql(
      "SELECT entity, row_id AS titleId FROM import_links WHERE key IN ('pick:' || ?, 'dismiss:' || ?)",
    ).get(key, key) as { entity: 'pick' | 'dismiss'; titleId: string } | undefined;
    // The person already said what this row is (or that it is to be left out): that stands.
    if (decision?.entity === 'dismiss') {
      fate.push('unchanged');
      return;
    }
    const picked = decision && sql('SELECT 1 FROM titles WHERE id = ?').get(decision.titleId);
    const found = picked
      ? ({ status: 'matched', titleId: decision.titleId } as const)
      : resolver.resolve(item.title);
    if (found.status === 'rejected') {
      report.rejected.push({ file: item.source.file, line: item.source.line, reason: found.reason });
      fate.push('rejected');
      return;
    }
    if (found.status === 'unmatched') {
      const id = sql(
        `INSERT INTO import_unmatched (id, import_id, file, line, raw, item, reason, candidates, dedupe_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (dedupe_key) DO UPDATE SET line = excluded.line,
           item = excluded.item, reason = excluded.reason, candidates = excluded.candidates
         RETURNING id`,
      )
        .pluck()
        .get(
          newId(),
          importId,
          item.source.file,
          item.source.line,
          JSON.stringify(item.source.raw ?? null),
          JSON.stringify(item),
          found.reason,
          JSON.stringify(found.candidates),
          key,
        ) as string;
      report.unmatched.push({
        id: dryRun ? null : id,
        file: item.source.file,
        line: item.source.line,
        reason: found.reason,
      });
      fate.push('unmatched');
      return;
    }
    // A row that once waited for review and now matches leaves the queue.
    sql('DELETE FROM import_unmatched WHERE dedupe_key = ?').run(key);
    fate.push(found.status === 'created' ? 'created' : 'unchanged');
    for (const fact of item.facts) placed.push({ titleId: found.titleId, fact, order });
  });
  if (resolver.created) writer.changes.titles = { created: resolver.created, updated: 0 };

  applyFacts(writer, placed, (order, outcome) => {
    fate[order] = worse(fate[order] as Outcome, outcome);
    if (order % 1_000 === 0) progress(items.length + order);
  });
  for (const f of fate) rows[f]++;
  rows.rejected += rejectedRows.length;
  progress(items.length * 2);
  return report;
}

/**
 * Viewings first (those the source identifies before the rest, so an identified viewing
 * finds its own row), then everything else in file order: "watched at some point" then
 * sees every dated viewing of the file.
 */
export function applyFacts(
  writer: FactWriter,
  placed: PlacedFact[],
  done: (order: number, outcome: Outcome) => void,
): void {
  const ratings = FactWriter.winningRatings(placed);
  const keyedWatch = (p: PlacedFact) => p.fact.type === 'watch' && p.fact.key !== undefined;
  const passes = [
    placed.filter(keyedWatch),
    placed.filter((p) => p.fact.type === 'watch' && !keyedWatch(p)),
    placed.filter((p) => p.fact.type !== 'watch'),
  ];
  for (const pass of passes) {
    for (const p of pass) done(p.order, writer.apply(p.titleId, p.fact, ratings.get(p.titleId) === p));
  }
  writer.flushLists();
}

/** Applies one row's facts to a title the person chose; what the row did as a whole. */
export function applyRow(writer: FactWriter, titleId: string, facts: Fact[]): Outcome {
  let outcome: Outcome = 'unchanged';
  applyFacts(
    writer,
    facts.map((fact) => ({ titleId, fact, order: 0 })),
    (_order, o) => (outcome = worse(outcome, o)),
  );
  return outcome;
}
