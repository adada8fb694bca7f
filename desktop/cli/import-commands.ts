import { readFileSync } from 'node:fs';
import { Argument, Option, type Command } from 'commander';
import {
  CoreError,
  EXPORT_TABLES,
  IMPORT_FORMATS,
  type ExportResult,
  type ImportReport,
  type UnmatchedRow,
} from '@reelshelf/shared/contracts';
import type { Core } from '../core';

type WithCore = <T>(work: (core: Core) => Promise<T>, print: (result: T) => string) => Promise<void>;

const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The report a person reads after an import: counts first, then every row that needs them. */
export function describeReport(r: ImportReport): string {
  const { rows } = r;
  const lines = [
    `${r.dryRun ? 'Dry run (nothing written): ' : ''}${r.source} (${r.format}) — ${plural(rows.read, 'row')} in ${(r.durationMs / 1000).toFixed(1)} s`,
    `  created ${rows.created}, updated ${rows.updated}, unchanged ${rows.unchanged}, unmatched ${rows.unmatched}, rejected ${rows.rejected}`,
  ];
  const changes = Object.entries(r.changes)
    .map(([table, c]) => `${table.replace(/_/g, ' ')} +${c.created}${c.updated ? ` ~${c.updated}` : ''}`)
    .join(', ');
  if (changes) lines.push(`  written: ${changes}`);
  if (r.skippedFiles.length) lines.push(`  files not read: ${r.skippedFiles.join(', ')}`);
  for (const x of r.rejected) lines.push(`  rejected ${x.file}:${x.line}: ${x.reason}`);
  for (const x of r.unmatched) lines.push(`  to review ${x.file}:${x.line}: ${x.reason}`);
  if (r.unmatched.length)
    lines.push(
      '  `reelshelf import review` lists them; `reelshelf import pick <id> <title-id>` settles one.',
    );
  return lines.join('\n');
}

const describeUnmatched = (u: UnmatchedRow) =>
  [
    `${u.id}  ${u.file}:${u.line}  ${u.title.title ?? '(no title)'}${u.title.year ? ` (${u.title.year})` : ''} — ${u.reason}`,
    ...u.candidates.map(
      (c) => `    candidate ${c.id}  ${c.title}${c.year ? ` (${c.year})` : ''} [${c.kind}]`,
    ),
  ].join('\n');

const describeExport = (r: ExportResult) =>
  `Wrote ${r.path}: ${plural(r.rows, 'row')}, ${r.bytes.toLocaleString('en')} bytes`;

/** `reelshelf import <file>`, `import review|pick|dismiss|history` and `reelshelf export …`. */
export function addImportCommands(program: Command, withCore: WithCore, quiet: () => boolean): void {
  const progress = (core: Core) =>
    core.on('progress', (p) => {
      if (quiet() || !/^(import|sync\.prepare)/.test(p.task)) return;
      process.stderr.write(p.total ? `${p.task}: ${p.done}/${p.total}\n` : `${p.task}: ${p.done} rows\n`);
    });

  const imp = program
    .command('import')
    .description('import a Letterboxd, IMDb or Trakt export, NFO files, any CSV, or a Reelshelf backup')
    .argument('[file]', 'a file, a ZIP, or a folder of NFO files')
    .addOption(
      new Option('--format <format>', 'what the file is (detected when left out)').choices(IMPORT_FORMATS),
    )
    .option(
      '--mapping <json-or-file>',
      'for --format csv: which column holds what, e.g. {"title":"Film","year":"Year"}',
    )
    .option('--dry-run', 'show what would happen and write nothing', false)
    .action(
      async (
        file: string | undefined,
        o: { format?: (typeof IMPORT_FORMATS)[number]; mapping?: string; dryRun: boolean },
      ) => {
        if (!file) {
          imp.help();
          return;
        }
        const mapping = o.mapping ? readMapping(o.mapping) : undefined;
        await withCore(async (core) => {
          const off = progress(core);
          const jobId = crypto.randomUUID();
          // Ctrl+C cancels: the import stops before writing, or its one transaction rolls back.
          const cancel = () => void core.call('jobs.cancel', { jobId });
          process.once('SIGINT', cancel);
          try {
            return await core.call('import.run', {
              path: file,
              format: o.format,
              mapping,
              dryRun: o.dryRun,
              jobId,
            });
          } finally {
            process.off('SIGINT', cancel);
            off();
          }
        }, describeReport);
      },
    );

  imp
    .command('review')
    .description('rows an import could not tie to one title, with the candidates')
    .option('--limit <n>', 'how many', (v) => Number(v), 100)
    .action((o: { limit: number }) =>
      withCore(
        (core) => core.call('import.unmatched', { limit: o.limit }),
        (r) =>
          r.total
            ? `${plural(r.total, 'row')} to review\n${r.items.map(describeUnmatched).join('\n')}`
            : 'Nothing to review.',
      ),
    );
  imp
    .command('pick')
    .description('say which title an unmatched row meant; its watches, ratings… are applied to it')
    .argument('<row-id>')
    .argument('<title-id>')
    .action((id: string, titleId: string) =>
      withCore((core) => core.call('import.resolve', { id, titleId }), describeReport),
    );
  imp
    .command('dismiss')
    .description('drop an unmatched row from the review queue')
    .argument('<row-id>')
    .action((id: string) =>
      withCore(
        (core) => core.call('import.dismiss', { id }),
        () => 'Dismissed.',
      ),
    );
  imp
    .command('history')
    .description('past imports')
    .action(() =>
      withCore(
        (core) => core.call('import.history'),
        (list) =>
          list
            .map(
              (i) =>
                `${i.startedAt}  ${i.format}  ${i.source}  created ${i.rows.created}, unchanged ${i.rows.unchanged}, unmatched ${i.rows.unmatched}, rejected ${i.rows.rejected}`,
            )
            .join('\n') || 'No imports yet.',
      ),
    );

  const exp = program.command('export').description('write a backup or CSV files');
  exp
    .command('backup')
    .description('everything, as a Reelshelf backup (JSON) that `reelshelf import` restores')
    .argument('<file>')
    .action((path: string) => withCore((core) => core.call('export.backup', { path }), describeExport));
  exp
    .command('csv')
    .description('one table as CSV')
    .addArgument(new Argument('<what>', 'catalog, history, ratings or lists').choices(EXPORT_TABLES))
    .argument('<file>')
    .action((what: (typeof EXPORT_TABLES)[number], path: string) =>
      withCore((core) => core.call('export.csv', { path, what }), describeExport),
    );
  exp
    .command('letterboxd')
    .description('your films as a CSV that Letterboxd can import')
    .argument('<file>')
    .action((path: string) => withCore((core) => core.call('export.letterboxd', { path }), describeExport));
}

function readMapping(value: string): Record<string, unknown> {
  const text = value.trim().startsWith('{') ? value : readFileSync(value, 'utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new CoreError('invalid_argument', `--mapping is not valid JSON: ${(e as Error).message}`);
  }
}
