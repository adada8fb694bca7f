import type { Command } from 'commander';
import type { CommandArgs, MetadataRunResult, MetadataStatus } from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import { resolveTitle } from './resolve';

type WithCore = <T>(work: (core: Core) => Promise<T>, print: (result: T) => string) => Promise<void>;

export function describeMetadata(s: MetadataStatus): string {
  return [
    `Metadata: ${s.state} — ${s.message}`,
    `  done ${s.done}, waiting ${s.queued}, not found ${s.notFound}, to pick ${s.ambiguous}, failed ${s.failed}`,
    `  language ${s.language}, region ${s.region}${s.retryAt ? `; next try ${s.retryAt}` : ''}`,
  ].join('\n');
}

const describeRun = (r: MetadataRunResult) =>
  `Refreshed ${r.refreshed}, not found ${r.notFound}, to pick ${r.ambiguous}, failed ${r.failed}\n${describeMetadata(r.status)}`;

/** `reelshelf metadata status|key|refresh|run|match|unlock`. */
export function addMetadataCommands(program: Command, withCore: WithCore, quiet: () => boolean): void {
  const md = program.command('metadata').description('posters, plots and cast from TMDb, with your own key');
  md.command('status')
    .description('what enrichment is doing and why')
    .action(() => withCore((core) => core.call('metadata.status'), describeMetadata));
  md.command('key')
    .description('set your TMDb key (v3 API key or v4 read token); --remove forgets it')
    .argument('[key]')
    .option('--remove', 'forget the stored key', false)
    .option('--omdb <key>', 'an OMDb key, the optional second source ("none" forgets it)')
    .option('--language <lang>', 'metadata language, e.g. de-DE')
    .option('--region <country>', 'country for age ratings and where to watch, e.g. DE')
    .action(
      (key: string | undefined, o: { remove: boolean; omdb?: string; language?: string; region?: string }) =>
        withCore(
          (core) =>
            core.call('metadata.configure', {
              ...(o.remove ? { tmdbKey: null } : key ? { tmdbKey: key } : {}),
              ...(o.omdb && { omdbKey: o.omdb === 'none' ? null : o.omdb }),
              language: o.language,
              region: o.region,
            }),
          describeMetadata,
        ),
    );
  md.command('refresh')
    .description('queue a title (or, with --all, every film and series) for a refresh')
    .argument('[title...]')
    .option('--all', 'every film and series', false)
    .action((words: string[], o: { all: boolean }) =>
      withCore(async (core) => {
        const titleIds = o.all ? undefined : [(await resolveTitle(core, words)).id];
        return core.call('metadata.refresh', { titleIds });
      }, describeMetadata),
    );
  md.command('run')
    .description('fetch metadata for everything waiting, with progress')
    .option('--limit <n>', 'at most this many titles', (v) => Number(v))
    .action((o: { limit?: number }) =>
      withCore(async (core) => {
        const off = core.on('progress', (p) => {
          if (!quiet() && p.task === 'metadata') process.stderr.write(`metadata: ${p.done}/${p.total}\n`);
        });
        try {
          return await core.call('metadata.run', { limit: o.limit, jobId: crypto.randomUUID() });
        } finally {
          off();
        }
      }, describeRun),
    );
  md.command('match')
    .description('say which TMDb entry a title is (when two films share a name)')
    .argument('<tmdb-id>', 'the number in its themoviedb.org address')
    .argument('<title...>')
    .action((tmdbId: string, words: string[]) =>
      withCore(async (core) => {
        const title = await resolveTitle(core, words);
        return core.call('metadata.match', { titleId: title.id, tmdbId: Number(tmdbId) });
      }, describeRun),
    );
  md.command('unlock')
    .description('let a refresh fill fields you edited by hand, e.g. overview runtimeMinutes')
    .argument('<field>')
    .argument('<title...>')
    .action((field: string, words: string[]) =>
      withCore(
        async (core) => {
          const title = await resolveTitle(core, words);
          return core.call('metadata.unlock', {
            titleId: title.id,
            fields: field.split(',') as CommandArgs<'metadata.unlock'>['fields'],
          });
        },
        (r) => `Still locked: ${r.lockedFields.join(', ') || 'nothing'}`,
      ),
    );
}
