import { existsSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { CoreError, SEARCH_SORTS, type SearchQuery } from '@reelshelf/shared/contracts';
import { COPY_FORMATS, TITLE_KINDS, WATCH_STATUSES, type CreditInput } from '@reelshelf/shared/domain';
import { defaultLibraryPath, openCore, type Core } from '../core';
import { details, itemLine, listLine, titleLine, watchLine } from './output';
import { resolveTitle } from './resolve';
import { startServer } from '../core/serve/server';
import { addSyncCommands } from './sync-commands';
import { addParseNamesCommand } from './parse-names';
import { addScanCommand } from './scan-command';
import { addImportCommands } from './import-commands';
import { addMetadataCommands } from './metadata-commands';

interface Globals {
  db: string;
  json: boolean;
}

const program = new Command()
  .name('reelshelf')
  .description('Your offline movie and TV library.')
  .option('--db <path>', 'library file', defaultLibraryPath())
  .option('--json', 'print results as JSON', false)
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

const collect = (value: string, previous: string[] = []) => [...previous, value];
const int = (value: string) => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
};
/** "1999" or "1990..1999" (either end may be left open). */
const range = (value: string): [number | undefined, number | undefined] => {
  const m = /^(\d+(?:\.\d+)?)?(?:\.\.(\d+(?:\.\d+)?)?)?$/.exec(value);
  if (!m || (!m[1] && !m[2])) throw new InvalidArgumentError('expected N or FROM..TO, e.g. 1990..1999');
  const from = m[1] ? Number(m[1]) : undefined;
  const to = value.includes('..') ? (m[2] ? Number(m[2]) : undefined) : from;
  return [from, to];
};

/** Long work reports to stderr, so --json output on stdout stays clean. */
function reportProgress({ task, done, total }: { task: string; done: number; total: number }): void {
  if (!globals().json) process.stderr.write(`${task}: ${done}/${total}\n`);
}

function globals(): Globals {
  return program.opts<Globals>();
}

async function withCore<T>(work: (core: Core) => Promise<T>, print: (result: T) => string): Promise<void> {
  const { db, json } = globals();
  const core = openCore(db, { onProgress: reportProgress });
  try {
    const result = await work(core);
    process.stdout.write(`${json ? JSON.stringify(result, null, 2) : print(result)}\n`);
  } finally {
    core.close();
  }
}

program
  .command('add')
  .description('add a title to the library')
  .argument('<title...>', 'the title')
  .addOption(new Option('--kind <kind>', 'what it is').choices(TITLE_KINDS).default('movie'))
  .option('--year <year>', 'release year', int)
  .option('--original-title <title>', 'title in the original language')
  .option('--genre <genre>', 'a genre (repeat for several)', collect)
  .option('--imdb <id>', 'IMDb id, e.g. tt0133093')
  .option('--tmdb <id>', 'TMDb id', int)
  .option('--runtime <minutes>', 'runtime in minutes', int)
  .option('--director <name>', 'a director (repeat for several)', collect)
  .option('--cast <name>', 'a cast member in billing order (repeat)', collect)
  .option('--overview <text>', 'a short synopsis')
  .option('--parent <id>', 'the series of a season, the season of an episode')
  .option('--season <n>', 'season number', int)
  .option('--episode <n>', 'episode number', int)
  .addOption(new Option('--copy <format>', 'you own it in this format').choices(COPY_FORMATS))
  .action(async (words: string[], o) => {
    const credits: CreditInput[] = [
      ...(o.director ?? []).map((name: string) => ({
        role: 'crew' as const,
        job: 'Director',
        person: { name },
      })),
      ...(o.cast ?? []).map((name: string, order: number) => ({
        role: 'cast' as const,
        order,
        person: { name },
      })),
    ];
    await withCore(
      async (core) => {
        const added = await core.call('catalog.add', {
          kind: o.kind,
          title: words.join(' '),
          year: o.year,
          originalTitle: o.originalTitle,
          genres: o.genre ?? [],
          runtimeMinutes: o.runtime,
          overview: o.overview,
          externalIds: { imdb: o.imdb, tmdb: o.tmdb },
          parentId: o.parent,
          seasonNumber: o.season,
          episodeNumber: o.episode,
          credits,
        });
        if (o.copy) await core.call('copies.add', { titleId: added.id, format: o.copy });
        return core.call('catalog.get', { id: added.id });
      },
      (t) => `Added ${titleLine(t)}`,
    );
  });

program
  .command('search')
  .description('find titles; typos are forgiven, the last word may be unfinished')
  .argument('[text...]', 'words from a title or a name', [])
  .addOption(
    new Option('--kind <kind>', 'movie, series, season or episode (repeat)')
      .choices(TITLE_KINDS)
      .argParser(collect),
  )
  .option('--genre <genre>', 'in this genre (repeat for any of several)', collect)
  .option('--year <range>', 'year or range, e.g. 1999 or 1990..1999', range)
  .addOption(
    new Option('--format <format>', 'owned in this format (repeat)').choices(COPY_FORMATS).argParser(collect),
  )
  .option('--owned', 'only titles you own a copy of')
  .option('--not-owned', 'only titles you own no copy of')
  .option('--watched', 'only watched titles')
  .option('--unwatched', 'only titles never watched')
  .option('--rating <range>', 'your rating, e.g. 4 or 3.5..5', range)
  .option('--tag <tag>', 'tagged (repeat for any of several)', collect)
  .option('--list <list>', 'on this list (watchlist, favorites, … or a list id)')
  .addOption(
    new Option('--status <status>', 'with this status (repeat)').choices(WATCH_STATUSES).argParser(collect),
  )
  .addOption(new Option('--sort <sort>', 'order of results').choices(SEARCH_SORTS).default('relevance'))
  .option('--asc', 'ascending order')
  .option('--desc', 'descending order')
  .option('--limit <n>', 'results per page', int, 20)
  .option('--page <n>', 'page number, from 1', int, 1)
  .action(async (words: string[], o) => {
    const query: SearchQuery = {
      text: words.join(' '),
      kinds: o.kind,
      genres: o.genre,
      yearFrom: o.year?.[0],
      yearTo: o.year?.[1],
      formats: o.format,
      owned: o.owned ? true : o.notOwned ? false : undefined,
      watched: o.watched ? true : o.unwatched ? false : undefined,
      ratingMin: o.rating?.[0],
      ratingMax: o.rating?.[1],
      tags: o.tag,
      list: o.list,
      statuses: o.status,
      sort: o.sort,
      order: o.asc ? 'asc' : o.desc ? 'desc' : undefined,
      limit: o.limit,
      offset: (Math.max(1, o.page) - 1) * o.limit,
    };
    await withCore(
      (core) => core.call('catalog.search', query),
      (r) => {
        const lines = r.corrections.map((c) => `(searched "${c.to.join('" or "')}" for "${c.from}")`);
        lines.push(...r.items.map(titleLine));
        const first = query.offset! + 1;
        lines.push(
          r.total === 0 ? 'No titles found.' : `${first}–${first + r.items.length - 1} of ${r.total}`,
        );
        return lines.join('\n');
      },
    );
  });

program
  .command('show')
  .description('everything about one title')
  .argument('<title...>', 'a title, "Title (year)" or an id')
  .action(async (words: string[]) => {
    await withCore(
      async (core) => core.call('catalog.get', { id: (await resolveTitle(core, words)).id }),
      details,
    );
  });

program
  .command('watch')
  .description('log a watch (today unless --on or --date-unknown)')
  .argument('<title...>', 'a title, "Title (year)" or an id')
  .option('--on <date>', 'the day you watched it, YYYY-MM-DD')
  .option('--date-unknown', 'you watched it but do not know when')
  .action(async (words: string[], o) => {
    const watchedOn = o.dateUnknown ? null : (o.on ?? new Date().toISOString().slice(0, 10));
    await withCore(
      async (core) => {
        const { id } = await resolveTitle(core, words);
        const event = await core.call('watch.add', { titleId: id, watchedOn });
        return { event, title: await core.call('catalog.get', { id }) };
      },
      ({ event, title }) => `Watched ${title.title}: ${watchLine(event)} — ${title.watchCount}× in all`,
    );
  });

program
  .command('rate')
  .description('rate a title from 0.5 to 5 stars in halves, or "clear"')
  .argument('<stars>', 'e.g. 4.5, or clear')
  .argument('<title...>', 'a title, "Title (year)" or an id')
  .action(async (starsArg: string, words: string[]) => {
    await withCore(
      async (core) => {
        const { id } = await resolveTitle(core, words);
        if (starsArg === 'clear') return core.call('ratings.clear', { titleId: id });
        const stars = Number(starsArg);
        if (Number.isNaN(stars))
          throw new CoreError(
            'invalid_argument',
            `"${starsArg}" is not a rating; use a number such as 4.5, or clear.`,
          );
        return core.call('ratings.set', { titleId: id, stars });
      },
      (r) => (r.stars === null ? 'Rating cleared.' : `Rated ${r.stars} stars.`),
    );
  });

const list = program.command('list').description('system and custom lists');
list
  .command('show', { isDefault: true })
  .description('all lists, or the items of one')
  .argument('[list]', 'watchlist, favorites, watching, completed or a list id')
  .action(async (name?: string) => {
    if (!name)
      return withCore(
        (core) => core.call('lists.all'),
        (ls) => ls.map(listLine).join('\n'),
      );
    return withCore(
      (core) => core.call('lists.items', { list: name }),
      (items) => (items.length ? items.map(itemLine).join('\n') : 'This list is empty.'),
    );
  });
list
  .command('create')
  .argument('<name...>')
  .option('--description <text>')
  .option('--unranked', 'order does not matter')
  .action(async (words: string[], o) =>
    withCore(
      (core) =>
        core.call('lists.create', { name: words.join(' '), description: o.description, ranked: !o.unranked }),
      (l) => `Created ${listLine(l)}`,
    ),
  );
list
  .command('add')
  .argument('<list>')
  .argument('<title...>')
  .option('--note <text>')
  .option('--position <n>', 'place in the list, from 1', int)
  .action(async (name: string, words: string[], o) =>
    withCore(
      async (core) =>
        core.call('lists.add', {
          list: name,
          titleId: (await resolveTitle(core, words)).id,
          note: o.note,
          position: o.position === undefined ? undefined : Math.max(0, o.position - 1),
        }),
      (i) => `Added at ${itemLine(i).trim()}`,
    ),
  );
list
  .command('remove')
  .argument('<list>')
  .argument('<title...>')
  .action(async (name: string, words: string[]) =>
    withCore(
      async (core) =>
        core.call('lists.removeItem', { list: name, titleId: (await resolveTitle(core, words)).id }),
      () => 'Removed.',
    ),
  );
list
  .command('move')
  .argument('<list>')
  .argument('<position>', 'new place, from 1', int)
  .argument('<title...>')
  .action(async (name: string, position: number, words: string[]) =>
    withCore(
      async (core) =>
        core.call('lists.move', {
          list: name,
          titleId: (await resolveTitle(core, words)).id,
          position: Math.max(0, position - 1),
        }),
      (items) => items.map(itemLine).join('\n'),
    ),
  );
list
  .command('delete')
  .argument('<list>', 'a custom list id')
  .action(async (id: string) =>
    withCore(
      (core) => core.call('lists.remove', { id }),
      () => 'List deleted.',
    ),
  );

program
  .command('stats')
  .description('library totals')
  .option('--since <date>', 'count watches from this day, YYYY-MM-DD')
  .action(async (o) =>
    withCore(
      (core) => core.call('stats.summary', { since: o.since }),
      (s) =>
        [
          `Titles: ${s.titles.movie} movies, ${s.titles.series} series (${s.titles.season} seasons, ${s.titles.episode} episodes)`,
          `Copies: ${s.copies.total} (${
            Object.entries(s.copies.byFormat)
              .map(([f, n]) => `${n} ${f}`)
              .join(', ') || 'none'
          }), ${s.copies.onLoan} on loan` +
            (Object.keys(s.copies.value).length
              ? `, worth ${Object.entries(s.copies.value)
                  .map(([c, v]) => `${v} ${c}`)
                  .join(' + ')}`
              : ''),
          `Watches: ${s.watches.events} (${s.watches.distinctTitles} titles, ${s.watches.rewatches} rewatches, ${s.watches.undated} undated), ${Math.round(s.watches.minutes / 60)} hours`,
          `Ratings: ${s.ratings.count}${s.ratings.average !== null ? `, average ${s.ratings.average}` : ''}`,
          `Custom lists: ${s.lists}   Reviews: ${s.reviews}`,
        ].join('\n'),
    ),
  );

program
  .command('demo')
  .description('fill an empty library with a synthetic demo collection')
  .option('--titles <n>', 'how many titles', int, 2000)
  .option('--seed <n>', 'same seed, same library', int, 42)
  .action(async (o) =>
    withCore(
      (core) => {
        const off = core.on('progress', reportProgress);
        return core.call('library.demo', { titles: o.titles, seed: o.seed }).finally(off);
      },
      (c) =>
        `Demo library: ${c.titles} titles, ${c.people} people, ${c.credits} credits, ${c.copies} copies, ${c.watches} watches, ${c.lists} lists.`,
    ),
  );

program
  .command('serve')
  .description('browser mode: the core behind a page and a WebSocket on 127.0.0.1')
  .option('--port <n>', 'port (0 = any free port)', int, 4317)
  .action(async (o) => {
    await buildInterfaceIfStale();
    const core = openCore(globals().db, { onProgress: reportProgress });
    const server = await startServer(core, { port: o.port });
    // Signed in: keep in step with the other devices while serving.
    core.sync.start();
    core.metadata.start();
    process.stdout.write(
      `Reelshelf is serving ${globals().db}\nOpen ${server.url} in a browser. Ctrl+C stops.\n`,
    );
    const stop = () => void server.close().then(() => core.close());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

/** In a source checkout the interface is rebuilt when its sources changed; a packaged app ships it built. */
async function buildInterfaceIfStale(): Promise<void> {
  const script = new URL('../../scripts/build-ui.mjs', import.meta.url);
  if (!existsSync(script)) return;
  const { buildUi } = (await import(script.href)) as { buildUi(): Promise<boolean> };
  await buildUi();
}

addSyncCommands(program, withCore, () => globals().json);
addParseNamesCommand(program);
addScanCommand(program, withCore, () => globals().json);
addImportCommands(program, withCore, () => globals().json);
addMetadataCommands(program, withCore, () => globals().json);

function fail(e: unknown): never {
  const json = program.opts<Globals>().json;
  if (e instanceof CoreError) {
    process.stderr.write(json ? `${JSON.stringify({ error: e.toJSON() })}\n` : `error: ${e.message}\n`);
    process.exit(e.code === 'invalid_argument' ? 2 : 1);
  }
  process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
}

program.parseAsync(process.argv).catch(fail);
