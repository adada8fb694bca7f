import type { Handlers, StatsSummary } from '@reelshelf/shared/contracts';
import { TITLE_KINDS } from '@reelshelf/shared/domain';
import type { Ctx } from '../context';

/** Library totals for the home screen and `reelshelf stats`; watch figures are derived from watch events. */
export function statsHandlers(ctx: Ctx): Pick<Handlers, 'stats.summary'> {
  const q = ctx.lib.sqlite;
  return {
    'stats.summary': ({ since }) => {
      const titles = Object.fromEntries(TITLE_KINDS.map((k) => [k, 0])) as StatsSummary['titles'];
      for (const r of q.prepare('SELECT kind, count(*) AS n FROM titles GROUP BY kind').all() as {
        kind: keyof typeof titles;
        n: number;
      }[]) {
        titles[r.kind] = r.n;
      }
      const byFormat: Record<string, number> = {};
      for (const r of q
        .prepare('SELECT format, count(*) AS n FROM copies GROUP BY format ORDER BY n DESC')
        .all() as { format: string; n: number }[]) {
        byFormat[r.format] = r.n;
      }
      const copyTotals = q
        .prepare('SELECT count(*) AS total, count(loan_borrower) AS onLoan FROM copies')
        .get() as { total: number; onLoan: number };
      // Sum in cents so 0.1 + 0.2 stays 0.30.
      const value: Record<string, string> = {};
      for (const r of q
        .prepare(
          `SELECT price_currency AS currency, sum(CAST(round(CAST(price_amount AS REAL) * 100) AS INTEGER)) AS cents
           FROM copies WHERE price_amount IS NOT NULL GROUP BY price_currency`,
        )
        .all() as { currency: string; cents: number }[]) {
        value[r.currency] = (r.cents / 100).toFixed(2);
      }
      const sinceClause = since ? 'AND (w.watched_on >= ?)' : '';
      const args = since ? [ctx.profileId, since] : [ctx.profileId];
      const watches = q
        .prepare(
          `SELECT count(*) AS events, count(DISTINCT w.title_id) AS distinctTitles,
             sum(w.watched_on IS NULL) AS undated, coalesce(sum(t.runtime_minutes), 0) AS minutes
           FROM watch_events w JOIN titles t ON t.id = w.title_id WHERE w.profile_id = ? ${sinceClause}`,
        )
        .get(...args) as { events: number; distinctTitles: number; undated: number | null; minutes: number };
      const ratingRow = q
        .prepare('SELECT count(*) AS count, avg(stars) AS average FROM ratings WHERE profile_id = ?')
        .get(ctx.profileId) as { count: number; average: number | null };
      const count = (sql: string) => (q.prepare(sql).get(ctx.profileId) as { n: number }).n;
      return {
        titles,
        copies: { total: copyTotals.total, byFormat, onLoan: copyTotals.onLoan, value },
        watches: {
          events: watches.events,
          distinctTitles: watches.distinctTitles,
          undated: watches.undated ?? 0,
          rewatches: watches.events - watches.distinctTitles,
          minutes: watches.minutes,
        },
        ratings: {
          count: ratingRow.count,
          average: ratingRow.average === null ? null : Math.round(ratingRow.average * 100) / 100,
        },
        lists: count('SELECT count(*) AS n FROM lists WHERE profile_id = ? AND system IS NULL'),
        reviews: count('SELECT count(*) AS n FROM reviews WHERE profile_id = ?'),
      };
    },
  };
}
