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

/** Watches counted per title first (a few thousand rows, not one per watch), then tied to their title. */
const WATCHED = `
  WITH counted AS MATERIALIZED (
    SELECT title_id, count(*) AS n FROM watch_events
    WHERE profile_id = @profile AND (@since IS NULL OR watched_on >= @since)
    GROUP BY title_id
  ),
  w AS MATERIALIZED (
    SELECT c.title_id, c.n, coalesce(gp.id, p.id, t.id) AS root_id
    FROM counted c CROSS JOIN titles t ON t.id = c.title_id
    LEFT JOIN titles p ON p.id = t.parent_id
    LEFT JOIN titles gp ON gp.id = p.parent_id
  ),
  roots AS MATERIALIZED (SELECT root_id, sum(n) AS n FROM w GROUP BY root_id)`;

function topPeople(ctx: Ctx, params: object, which: 'director' | 'actor'): ChartPerson[] {
  const credit = which === 'director' ? "c.role = 'crew' AND c.job = 'Director'" : "c.role = 'cast'";
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

      const perMonth = statement(
        q,
        `SELECT m.month, t.kind, sum(m.n) AS watches, coalesce(sum(m.n * ${RUNTIME}), 0) AS known,
           sum(CASE WHEN ${RUNTIME} IS NULL THEN m.n ELSE 0 END) AS unknown
         FROM (
           SELECT title_id, substr(watched_on, 1, 7) AS month, count(*) AS n FROM watch_events
           WHERE profile_id = @profile AND watched_on IS NOT NULL AND (@since IS NULL OR watched_on >= @since)
           GROUP BY title_id, month
         ) m
         CROSS JOIN titles t ON t.id = m.title_id
         LEFT JOIN titles p ON p.id = t.parent_id
         LEFT JOIN titles gp ON gp.id = p.parent_id
         GROUP BY m.month, t.kind ORDER BY m.month`,
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

      return {
        watchTimeByMonth,
        streaks: streaksOf(days, localToday()),
        genres,
        decades,
        topDirectors: topPeople(ctx, params, 'director'),
        topActors: topPeople(ctx, params, 'actor'),
        collectionByFormat,
      };
    },
  };
}
