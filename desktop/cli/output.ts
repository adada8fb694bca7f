import type { TitleDetails, TitleSummary } from '@reelshelf/shared/contracts';
import type { List, ListItem, WatchEvent } from '@reelshelf/shared/domain';

/** Human-readable renderings; --json prints the command's result instead. */
export const stars = (n: number | null) =>
  n === null ? '' : `${'★'.repeat(Math.floor(n))}${n % 1 ? '½' : ''}`;

export function titleLine(
  t: Pick<TitleSummary, 'title' | 'year' | 'kind' | 'id'> & Partial<TitleSummary>,
): string {
  const bits = [`${t.title}${t.year ? ` (${t.year})` : ''}`];
  if (t.kind !== 'movie') bits.push(`[${t.kind}]`);
  if (t.rating) bits.push(stars(t.rating));
  if (t.watchCount)
    bits.push(`watched ${t.watchCount}×${t.lastWatchedOn ? `, last ${t.lastWatchedOn}` : ''}`);
  if (t.formats?.length) bits.push(t.formats.join('/'));
  return `${bits.join('  ')}  · ${t.id}`;
}

export function details(t: TitleDetails): string {
  const lines = [`${t.title}${t.year ? ` (${t.year})` : ''}  [${t.kind}]  · ${t.id}`];
  if (t.originalTitle) lines.push(`Original title: ${t.originalTitle}`);
  if (t.genres.length) lines.push(`Genres: ${t.genres.join(', ')}`);
  if (t.runtimeMinutes) lines.push(`Runtime: ${t.runtimeMinutes} min`);
  const ids = Object.entries(t.externalIds).map(([k, v]) => `${k} ${v}`);
  if (ids.length) lines.push(`Ids: ${ids.join(', ')}`);
  const directors = t.credits.filter((c) => c.job === 'Director').map((c) => c.person.name);
  if (directors.length) lines.push(`Directed by: ${directors.join(', ')}`);
  const cast = t.credits.filter((c) => c.role === 'cast').slice(0, 6);
  if (cast.length)
    lines.push(
      `Cast: ${cast.map((c) => c.person.name + (c.character ? ` (${c.character})` : '')).join(', ')}`,
    );
  if (t.overview) lines.push('', t.overview, '');
  lines.push(
    `Watched: ${t.watchCount === 0 ? 'never' : `${t.watchCount}×`}${t.lastWatchedOn ? `, last on ${t.lastWatchedOn}` : t.watchedUndated ? ', date unknown' : ''}`,
  );
  if (t.rating) lines.push(`Rating: ${stars(t.rating)} (${t.rating})`);
  if (t.status) lines.push(`Status: ${t.status}`);
  for (const c of t.copies) {
    const loan = c.loan
      ? `, lent to ${c.loan.borrower} since ${c.loan.since}${c.loan.due ? ` (due ${c.loan.due})` : ''}`
      : '';
    lines.push(
      `Copy: ${c.format}${c.edition ? ` ${c.edition}` : ''}${c.location ? ` @ ${c.location}` : ''}${loan}`,
    );
  }
  if (t.tags.length) lines.push(`Tags: ${t.tags.join(', ')}`);
  if (t.lists.length) lines.push(`On lists: ${t.lists.map((l) => l.name).join(', ')}`);
  return lines.join('\n');
}

export const listLine = (l: List) =>
  `${l.name}${l.system ? ` (${l.system})` : ''}  ${l.itemCount} item${l.itemCount === 1 ? '' : 's'}  · ${l.system ?? l.id}`;

export const itemLine = (i: ListItem) =>
  `${String(i.position + 1).padStart(3)}. ${i.title}${i.year ? ` (${i.year})` : ''}${i.note ? ` — ${i.note}` : ''}`;

export const watchLine = (w: WatchEvent) => `${w.watchedOn ?? 'date unknown'}  (${w.source})  · ${w.id}`;
