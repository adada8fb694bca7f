import { CoreError, type TitleSummary } from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import { searchTokens } from '../core/search/tokens';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const YEAR_SUFFIX = /^(.*?)\s*\((\d{4})\)$/;

/**
 * People name titles the way they remember them: an id, "The Matrix", or "Solaris (1972)"
 * when there are two. Anything that still matches several titles is an error listing them.
 */
export async function resolveTitle(core: Core, words: string[]): Promise<TitleSummary | { id: string }> {
  const text = words.join(' ').trim();
  if (UUID.test(text)) return { id: text };
  const m = YEAR_SUFFIX.exec(text);
  const name = m ? m[1]! : text;
  const year = m ? Number(m[2]) : undefined;
  const { items } = await core.call('catalog.search', {
    text: name,
    kinds: ['movie', 'series', 'season', 'episode'],
    yearFrom: year,
    yearTo: year,
    limit: 10,
  });
  const key = searchTokens(name).join(' ');
  const exact = items.filter((i) =>
    [i.title, i.originalTitle].some((t) => t && searchTokens(t).join(' ') === key),
  );
  const pool = exact.length > 0 ? exact : items;
  if (pool.length === 1) return pool[0]!;
  if (pool.length === 0) throw new CoreError('not_found', `No title matches "${text}".`);
  const options = pool
    .map((i) => `  ${i.title}${i.year ? ` (${i.year})` : ''} [${i.kind}]  · ${i.id}`)
    .join('\n');
  throw new CoreError(
    'conflict',
    `"${text}" matches several titles; add the year, e.g. "${pool[0]!.title} (${pool[0]!.year ?? 'YYYY'})", or use an id:\n${options}`,
  );
}
