import type { ChartPerson, Handlers, StatsCharts } from '@reelshelf/shared/contracts';
import type { TitleKind } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';
import { statement } from '../db/statements';

const MONTHS_SHOWN = 24;
const TOP_GENRES = 12;
const TOP_PEOPLE = 10;
const DAY_MS = 86_400_000;

/** The person's calendar date today (local time), YYYY-MM-DD. */
export function localToday(at: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

const dayNumber = (isoDate: string): number => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * Minutes one watch of title `t` took (`p`, `gp`: its parent and grandparent).
 *
 * The watched title's own runtime; for a season logged as a whole, the sum of its
 * episodes' known runtimes; for an episode (or season) still without one, its season's or
 * series' runtime (TMDb gives a series its usual episode length). A watch whose runtime
 * is still unknown is counted at the average runtime of that kind of title in the library
 * (films at the films' average, episodes at the episodes'), and at 0 minutes only when no
 * title of that kind has a runtime: months are not understated by titles that were never
 * enriched, and nothing is invented for a library without runtimes. (stats.summary's
 * `minutes` counts unknown runtimes as 0, so the two can differ.)
 */
const RUNTIME = `coalesce(
    t.runtime_minutes,
    CASE WHEN t.kind = 'season' THEN
      (SELECT sum(e.runtime_minutes) FROM titles e WHERE e.parent_id = t.id AND e.runtime_minutes IS NOT NULL)
    END,
    CASE WHEN t.kind IN ('season', 'episode') THEN coalesce(p.runtime_minutes, gp.runtime_minutes) END)`;

/**
 * Watches counted per title, with the root they count for (a series for its seasons and
 * episodes), the title's kind and the minutes one watch of it took, written once per call
 * into a connection-local table that the months, genres, decades and people all read:
 * working it out in each of their queries was most of their time, and the table's indexes
 * (by title and by root) spare each query building its own.
 */
const PREPARE_WATCHED = `
  CREATE TEMP TABLE IF NOT EXISTS stats_watched (
    title_id TEXT PRIMARY KEY, n INTEGER NOT NULL, root_id TEXT NOT NULL, kind TEXT NOT NULL, minutes INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS temp.stats_watched_root ON stats_watched (root_id, title_id, n);`;

const FILL_WATCHED = `
  INSERT INTO temp.stats_watched (title_id, n, root_id, kind, minutes)
  WITH counted AS MATERIALIZED (
    SELECT title_id, count(*) AS n FROM watch_events
    WHERE profile_id = @profile AND (@since IS NULL OR watched_on >= @since)
    GROUP BY title_id
  )
  SELECT c.title_id, c.n, coalesce(gp.id, p.id, t.id), t.kind, ${RUNTIME}
  FROM counted c CROSS JOIN titles t ON t.id = c.title_id
  LEFT JOIN titles p ON p.id = t.parent_id
  LEFT JOIN titles gp ON gp.id = p.parent_id`;

const WATCHED = `
  WITH w AS (SELECT title_id, n, root_id FROM temp.stats_watched),
  roots AS MATERIALIZED (SELECT root_id, sum(n) AS n FROM temp.stats_watched GROUP BY root_id)`;

/** Below this many watched titles, everyone credited on them is simply worked out (it is quick). */
const FEW_WATCHED = 20_000;

/** How many people are worked out exactly before the rest are ruled out by their credit count. */
const FIRST_PEOPLE = 50;

/**
 * The most watched directors or actors: distinct titles (a series once), then watches.
 *
 * Working this out for everyone credited on a watched title meant sorting a row per
 * credit (340,000 on the 100,000-title demo library). Instead: a person cannot have
 * watched more of their titles than they have credits of that kind (counted from the
 * credits_person index, in order, without sorting). The people with the most credits are
 * worked out first; the 10th best of them has watched T titles; then only people with at
 * least T credits can still reach the top 10, and only they are worked out too. The
 * answer is the same as working everyone out.
 */
function topPeople(ctx: Ctx, params: object, which: 'director' | 'actor', watched: number): ChartPerson[] {
  const credit = which === 'director' ? "c.role = 'crew' AND c.job = 'Director'" : "c.role = 'cast'";
  if (watched < FEW_WATCHED) {
    // An episode's own credits (a guest star, the episode's director) count for its series too;
    // UNION keeps a person credited on both from counting the same watches twice.
    return statement(
      ctx.lib.sqlite,
      `${WATCHED},
       credited AS (
         SELECT c.person_id, w.title_id, w.root_id, w.n FROM w CROSS JOIN credits c ON c.title_id = w.root_id
         WHERE ${credit}
         UNION
         SELECT c.person_id, w.title_id, w.root_id, w.n FROM w CROSS JOIN credits c ON c.title_id = w.title_id
         WHERE w.title_id <> w.root_id AND ${credit}
       )
       SELECT cr.person_id AS personId, pe.name, count(DISTINCT cr.root_id) AS titles, sum(cr.n) AS watches
       FROM credited cr CROSS JOIN people pe ON pe.id = cr.person_id
       GROUP BY cr.person_id
       ORDER BY titles DESC, watches DESC, pe.name, cr.person_id
       LIMIT ${TOP_PEOPLE}`,
    ).all(params) as ChartPerson[];
  }
  // An episode's own credits (a guest star, the episode's director) count for its series too;
  // UNION keeps a person credited on both from counting the same watches twice.
  // Per person: the watched titles they are credited on, and the watched seasons and
  // episodes of a series they are credited on (found through titles_parent).
  const exact = (people: string) => `
    SELECT cr.person_id, count(DISTINCT cr.root_id) AS titles, sum(cr.n) AS watches FROM (
      SELECT c.person_id, w.title_id, w.root_id, w.n
      FROM ${people} s CROSS JOIN credits c ON c.person_id = s.person_id CROSS JOIN w ON w.title_id = c.title_id
      WHERE ${credit}
      UNION
      SELECT c.person_id, w.title_id, w.root_id, w.n
      FROM ${people} s CROSS JOIN credits c ON c.person_id = s.person_id
      CROSS JOIN titles ch ON ch.parent_id = c.title_id CROSS JOIN w ON w.title_id = ch.id
      WHERE w.root_id = c.title_id AND ${credit}
      UNION
      SELECT c.person_id, w.title_id, w.root_id, w.n
      FROM ${people} s CROSS JOIN credits c ON c.person_id = s.person_id
      CROSS JOIN titles ch ON ch.parent_id = c.title_id CROSS JOIN titles gch ON gch.parent_id = ch.id
      CROSS JOIN w ON w.title_id = gch.id
      WHERE w.root_id = c.title_id AND ${credit}
    ) cr GROUP BY cr.person_id`;
  return statement(
    ctx.lib.sqlite,
    `${WATCHED},
     bound(person_id, most) AS MATERIALIZED (
       SELECT c.person_id, count(*) FROM credits c INDEXED BY credits_person WHERE ${credit} GROUP BY c.person_id
     ),
     first(person_id) AS MATERIALIZED (SELECT person_id FROM bound ORDER BY most DESC, person_id LIMIT ${FIRST_PEOPLE}),
     first_exact AS MATERIALIZED (${exact('first')}),
     cut(titles) AS (
       SELECT coalesce((SELECT titles FROM first_exact ORDER BY titles DESC LIMIT 1 OFFSET ${TOP_PEOPLE - 1}), 1)
     ),
     rest(person_id) AS MATERIALIZED (
       SELECT person_id FROM bound
       WHERE most >= (SELECT titles FROM cut) AND person_id NOT IN (SELECT person_id FROM first)
     ),
     ranked AS (SELECT * FROM first_exact UNION ALL ${exact('rest')})
     SELECT r.person_id AS personId, pe.name, r.titles, r.watches
     FROM ranked r CROSS JOIN people pe ON pe.id = r.person_id
     ORDER BY r.titles DESC, r.watches DESC, pe.name, r.person_id
     LIMIT ${TOP_PEOPLE}`,
  ).all(params) as ChartPerson[];
}

/** Consecutive days with at least one dated watch. */
export function streaksOf(days: string[], today: string): StatsCharts['streaks'] {
  const streaks: StatsCharts['streaks'] = {
    currentDays: 0,
    longestDays: 0,
    longestFrom: null,
    longestTo: null,
  };
  const todayN = dayNumber(today);
  let runStart = NaN;
  let prev = NaN;
  const close = (end: number) => {
    const length = end - runStart + 1;
    // `>=`: of runs as long as each other, the most recent one is shown.
    if (length >= streaks.longestDays) {
      streaks.longestDays = length;
      streaks.longestFrom = isoDay(runStart);
      streaks.longestTo = isoDay(end);
    }
    // The current streak ends today or yesterday (today's watch may not be logged yet).
    if (end <= todayN && end >= todayN - 1) streaks.currentDays = length;
  };
  for (const day of days) {
    const n = dayNumber(day);
    if (n === prev) continue;
    if (n !== prev + 1) {
      if (!Number.isNaN(prev)) close(prev);
      runStart = n;
    }
    prev = n;
  }
  if (!Number.isNaN(prev)) close(prev);
  return streaks;
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let y = Number(first.slice(0, 4));
  let m = Number(first.slice(5, 7));
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/** Charts for the stats page: watch time per month, streaks, genres, decades, people, formats. */
export function chartHandlers(ctx: Ctx): Pick<Handlers, 'stats.charts'> {
  const q = ctx.lib.sqlite;
  return {
    'stats.charts': ({ since }) => {
      const params = { profile: ctx.profileId, since: since ?? null };
      q.exec(PREPARE_WATCHED);
      statement(q, 'DELETE FROM temp.stats_watched').run();
      const watched = statement(q, FILL_WATCHED).run(params).changes;

      const perMonth = statement(
        q,
        `SELECT substr(e.watched_on, 1, 7) AS month, s.kind, count(*) AS watches,
           coalesce(sum(s.minutes), 0) AS known, sum(s.minutes IS NULL) AS unknown
         FROM watch_events e CROSS JOIN temp.stats_watched s ON s.title_id = e.title_id
         WHERE e.profile_id = @profile AND e.watched_on IS NOT NULL AND (@since IS NULL OR e.watched_on >= @since)
         GROUP BY month, s.kind ORDER BY month, s.kind`,
      ).all(params) as { month: string; kind: TitleKind; watches: number; known: number; unknown: number }[];
      let average: Map<string, number> | undefined;
      const averageOf = (kind: string) => {
        average ??= new Map(
          (
            statement(
              q,
              'SELECT kind, avg(runtime_minutes) AS minutes FROM titles WHERE runtime_minutes IS NOT NULL GROUP BY kind',
            ).all() as { kind: string; minutes: number }[]
          ).map((r) => [r.kind, r.minutes]),
        );
        return average.get(kind) ?? 0;
      };
      const byMonth = new Map<string, { minutes: number; watches: number }>();
      for (const r of perMonth) {
        const entry = byMonth.get(r.month) ?? { minutes: 0, watches: 0 };
        entry.minutes += r.known + (r.unknown ? r.unknown * averageOf(r.kind) : 0);
        entry.watches += r.watches;
        byMonth.set(r.month, entry);
      }
      const months = byMonth.size ? monthsBetween(perMonth[0]!.month, perMonth.at(-1)!.month) : [];
      const watchTimeByMonth = months.slice(-MONTHS_SHOWN).map((month) => {
        const entry = byMonth.get(month);
        return { month, minutes: Math.round(entry?.minutes ?? 0), watches: entry?.watches ?? 0 };
      });

      const days = statement(
        q,
        `SELECT DISTINCT watched_on FROM watch_events
         WHERE profile_id = @profile AND watched_on IS NOT NULL AND (@since IS NULL OR watched_on >= @since)
         ORDER BY watched_on`,
      )
        .pluck()
        .all(params) as string[];

      const genres = statement(
        q,
        `${WATCHED}
         SELECT min(g.genre) AS genre, count(*) AS titles, sum(r.n) AS watches
         FROM roots r CROSS JOIN title_genres g ON g.title_id = r.root_id
         GROUP BY lower(g.genre) ORDER BY titles DESC, watches DESC, genre LIMIT ${TOP_GENRES}`,
      ).all(params) as StatsCharts['genres'];

      const decades = statement(
        q,
        `${WATCHED}
         SELECT (t.year / 10) * 10 AS decade, count(*) AS titles, sum(r.n) AS watches
         FROM roots r CROSS JOIN titles t ON t.id = r.root_id
         WHERE t.year IS NOT NULL GROUP BY decade ORDER BY decade`,
      ).all(params) as StatsCharts['decades'];

      const collectionByFormat = statement(
        q,
        'SELECT format, count(*) AS copies FROM copies GROUP BY format ORDER BY copies DESC, format',
      ).all() as StatsCharts['collectionByFormat'];

      const topDirectors = topPeople(ctx, params, 'director', watched);
      const topActors = topPeople(ctx, params, 'actor', watched);
      statement(q, 'DELETE FROM temp.stats_watched').run();

      return {
        watchTimeByMonth,
        streaks: streaksOf(days, localToday()),
        genres,
        decades,
        topDirectors,
        topActors,
        collectionByFormat,
      };
    },
  };
}
