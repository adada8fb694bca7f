import { generateNKeysBetween } from 'fractional-indexing';
import { CoreError, type DemoCounts } from '@reelshelf/shared/contracts';
import { COPY_FORMATS, gtinCheckDigit, SYSTEM_LISTS } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';
import { Dice, seededRandom } from './random';
import {
  ADJECTIVES,
  BORROWERS,
  CERTIFICATIONS,
  FIRST_NAMES,
  GENRES,
  inventedTitle,
  inventedWord,
  LANGUAGES,
  NOUNS,
  SHELVES,
} from './words';

export interface DemoOptions {
  titles: number;
  seed: number;
  /** Average credits per title (one director, the rest cast). */
  creditsPerTitle?: number;
  /** Watch events in total; default about 1.5 per title. */
  watchEvents?: number;
  /** Give some series seasons and episodes (off for benchmarks, which count titles exactly). */
  episodes?: boolean;
  onProgress?: (task: string, done: number, total: number) => void;
}

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Fills an empty library with a deterministic synthetic collection, straight through
 * prepared statements in one transaction (the bulk path; the command API would be
 * 20x slower for 100k titles), then indexes it for search.
 */
export function generateDemoLibrary(ctx: Ctx, o: DemoOptions): DemoCounts {
  const { sqlite } = ctx.lib;
  const existing = (sqlite.prepare('SELECT count(*) AS n FROM titles').get() as { n: number }).n;
  if (existing > 0) {
    throw new CoreError(
      'conflict',
      `This library already has ${existing} titles; the demo only fills an empty library (use --db with a new file).`,
    );
  }
  const d = new Dice(seededRandom(o.seed));
  const creditsPerTitle = o.creditsPerTitle ?? 6;
  const watchTarget = o.watchEvents ?? Math.round(o.titles * 1.5);
  const names = Array.from({ length: Math.max(50, Math.round(o.titles / 2)) }, () => inventedWord(d));
  const peopleCount = Math.max(40, Math.round((o.titles * creditsPerTitle) / 10));
  const counts: DemoCounts = { titles: 0, people: 0, credits: 0, copies: 0, watches: 0, lists: 0 };
  const epoch = Date.UTC(2015, 0, 1);

  const insertTitle = sqlite.prepare(
    `INSERT INTO titles (id, kind, title, sort_title, year, release_date, runtime_minutes, overview, language,
       certification, tmdb_id, parent_id, season_number, episode_number, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertGenre = sqlite.prepare('INSERT OR IGNORE INTO title_genres (title_id, genre) VALUES (?, ?)');
  const insertPerson = sqlite.prepare('INSERT INTO people (id, name) VALUES (?, ?)');
  const insertCredit = sqlite.prepare(
    'INSERT INTO credits (id, title_id, person_id, role, character, cast_order, job, department) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertCopy = sqlite.prepare(
    `INSERT INTO copies (id, title_id, format, edition, barcode, location, purchase_date, price_amount, price_currency,
       loan_borrower, loan_since, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertWatch = sqlite.prepare(
    'INSERT INTO watch_events (id, profile_id, title_id, watched_on, source, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertRating = sqlite.prepare('INSERT INTO ratings (profile_id, title_id, stars) VALUES (?, ?, ?)');
  const insertList = sqlite.prepare(
    'INSERT INTO lists (id, profile_id, name, description, ranked) VALUES (?, ?, ?, ?, 1)',
  );
  const insertItem = sqlite.prepare(
    'INSERT INTO list_items (id, list_id, title_id, position) VALUES (?, ?, ?, ?)',
  );
  const insertTag = sqlite.prepare('INSERT INTO tags (id, name) VALUES (?, ?)');
  const tagTitle = sqlite.prepare('INSERT OR IGNORE INTO title_tags (title_id, tag_id) VALUES (?, ?)');

  return sqlite.transaction(() => {
    const people: string[] = [];
    for (let i = 0; i < peopleCount; i++) {
      const id = d.uuid();
      insertPerson.run(id, `${d.pick(FIRST_NAMES)} ${inventedWord(d)}`);
      people.push(id);
    }
    counts.people = people.length;

    const topLevel: { id: string; pk: number; runtime: number }[] = [];
    const addTitle = (
      kind: string,
      title: string,
      year: number,
      parentId: string | null,
      season: number | null,
      episode: number | null,
    ) => {
      const id = d.uuid();
      const release = isoDay(Date.UTC(year, d.int(0, 11), d.int(1, 28)));
      const runtime = kind === 'episode' ? d.int(22, 60) : d.int(75, 170);
      const { lastInsertRowid } = insertTitle.run(
        id,
        kind,
        title,
        title.replace(/^The /, ''),
        year,
        release,
        runtime,
        `A ${d.pick(ADJECTIVES).toLowerCase()} story about a ${d.pick(NOUNS).toLowerCase()} and the people of ${d.pick(names)}.`,
        d.pick(LANGUAGES),
        d.pick(CERTIFICATIONS),
        kind === 'movie' || kind === 'series' ? 100_000 + counts.titles : null,
        parentId,
        season,
        episode,
        new Date(epoch + counts.titles * 60_000).toISOString(),
        new Date(epoch).toISOString(),
      );
      counts.titles++;
      return { id, pk: Number(lastInsertRowid), runtime };
    };

    let seriesWithEpisodes = 0;
    while (counts.titles < o.titles) {
      const kind = d.chance(0.12) ? 'series' : 'movie';
      const year = d.int(1930, 2025);
      const t = addTitle(kind, inventedTitle(d, names), year, null, null, null);
      topLevel.push(t);
      for (let g = d.int(1, 3); g > 0; g--) insertGenre.run(t.id, d.pick(GENRES));
      const director = d.pick(people);
      insertCredit.run(d.uuid(), t.id, director, 'crew', null, null, 'Director', 'Directing');
      const cast = Math.max(0, Math.round(creditsPerTitle - 1 + (d.next() - 0.5) * 2));
      for (let c = 0; c < cast; c++) {
        insertCredit.run(d.uuid(), t.id, d.pick(people), 'cast', inventedWord(d), c, null, null);
      }
      counts.credits += 1 + cast;
      if (
        kind === 'series' &&
        o.episodes !== false &&
        seriesWithEpisodes < 40 &&
        counts.titles + 20 < o.titles
      ) {
        seriesWithEpisodes++;
        for (let s = 1; s <= d.int(1, 2); s++) {
          const season = addTitle('season', `Season ${s}`, year + s - 1, t.id, s, null);
          for (let e = 1; e <= d.int(4, 8); e++)
            addTitle('episode', `Episode ${e}`, year + s - 1, season.id, s, e);
        }
      }
      if (d.chance(0.45)) {
        const purchase = epoch + d.int(0, 3000) * DAY;
        const lent = d.chance(0.05);
        const payload = `50${String(d.int(0, 9_999_999_999)).padStart(10, '0')}`;
        insertCopy.run(
          d.uuid(),
          t.id,
          d.pick(COPY_FORMATS),
          d.chance(0.2) ? "Collector's Edition" : null,
          payload + gtinCheckDigit(payload),
          d.pick(SHELVES),
          isoDay(purchase),
          `${d.int(3, 40)}.${d.pick(['00', '49', '99'])}`,
          'EUR',
          lent ? d.pick(BORROWERS) : null,
          lent ? isoDay(purchase + 30 * DAY) : null,
          new Date(purchase).toISOString(),
        );
        counts.copies++;
      }
      if (o.onProgress && counts.titles % 5000 < 1) o.onProgress('demo.titles', counts.titles, o.titles);
    }

    // Bulk path: one aggregate instead of the per-row summary trigger (~20 us a row); the
    // trigger is restored from its own stored SQL inside this same transaction.
    const summaryTrigger = sqlite
      .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'watch_events_insert'")
      .pluck()
      .get() as string;
    sqlite.exec('DROP TRIGGER watch_events_insert');
    for (let i = 0; i < watchTarget; i++) {
      // Popular titles get watched again: a skewed pick gives realistic rewatches.
      const t = topLevel[Math.floor(topLevel.length * d.next() ** 2)]!;
      const day = epoch + d.int(0, 3600) * DAY;
      insertWatch.run(
        d.uuid(),
        ctx.profileId,
        t.id,
        d.chance(0.04) ? null : isoDay(day),
        'demo',
        new Date(day).toISOString(),
      );
    }
    sqlite
      .prepare(
        `INSERT OR REPLACE INTO watch_summary (profile_id, title_id, watch_count, last_watched_on)
         SELECT profile_id, title_id, count(*), max(watched_on) FROM watch_events WHERE profile_id = ? GROUP BY title_id`,
      )
      .run(ctx.profileId);
    sqlite.exec(summaryTrigger);
    counts.watches = watchTarget;
    const watched = sqlite
      .prepare('SELECT title_id FROM watch_summary WHERE profile_id = ?')
      .pluck()
      .all(ctx.profileId) as string[];
    for (const titleId of watched)
      if (d.chance(0.6)) insertRating.run(ctx.profileId, titleId, d.int(1, 10) / 2);

    const systemLists = new Map(
      (
        sqlite
          .prepare('SELECT system, id FROM lists WHERE profile_id = ? AND system IS NOT NULL')
          .all(ctx.profileId) as {
          system: string;
          id: string;
        }[]
      ).map((r) => [r.system, r.id]),
    );
    const fill = (listId: string, size: number) => {
      const chosen = new Set<string>();
      while (chosen.size < Math.min(size, topLevel.length)) chosen.add(d.pick(topLevel).id);
      const positions = generateNKeysBetween(null, null, chosen.size);
      [...chosen].forEach((titleId, i) => insertItem.run(d.uuid(), listId, titleId, positions[i]!));
    };
    for (const system of SYSTEM_LISTS)
      fill(systemLists.get(system)!, system === 'completed' ? 0 : d.int(5, 25));
    for (const name of ['Rainy Sunday', 'Best of the Decade', 'Club Nights']) {
      const id = d.uuid();
      insertList.run(id, ctx.profileId, name, 'A demo list');
      fill(id, d.int(8, 20));
      counts.lists++;
    }
    const tagIds = ['comfort', 'rewatch', 'noir', 'subtitled'].map((name) => {
      const id = d.uuid();
      insertTag.run(id, name);
      return id;
    });
    for (const t of topLevel) if (d.chance(0.1)) tagTitle.run(t.id, d.pick(tagIds));

    ctx.indexer.rebuildAll((done, total) => o.onProgress?.('search.index', done, total));
    return counts;
  })();
}
