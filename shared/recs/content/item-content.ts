import { z } from 'zod';

/**
 * What the content recommender knows about one title. Lists default to empty so
 * an import with no cast or keywords is still a title; what is present must make sense.
 */
const Name = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');

export const ItemContent = z.object({
  /** The engine-wide item id; the index of the item in the catalogue is its number everywhere else. */
  item: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  kind: z.enum(['movie', 'series'], { error: 'expected "movie" or "series"' }).optional(),
  genres: z.array(Name).max(50, 'at most 50 genres').default([]),
  /** In billing order: the lead first. */
  cast: z.array(Name).max(500, 'at most 500 cast members').default([]),
  directors: z.array(Name).max(50, 'at most 50 directors').default([]),
  year: z
    .number({ error: 'expected a year such as 1999' })
    .int('expected a whole year such as 1999')
    .min(1870, 'expected a year from 1870 on')
    .max(2200, 'expected a year before 2200')
    .optional(),
  /** ISO 639-1, stored lowercase. */
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2}$/, 'expected a two-letter ISO 639-1 language code such as en')
    .optional(),
  keywords: z.array(Name).max(500, 'at most 500 keywords').default([]),
  overview: z.string().max(20_000, 'must be at most 20,000 characters').optional(),
});
/** A validated title, as the engine reads it. */
export type ItemContent = z.output<typeof ItemContent>;
/** What a caller may hand in (lists may be left out). */
export type ItemContentInput = z.input<typeof ItemContent>;

export interface ItemContentIssue {
  /** Dotted path of the offending field, e.g. "items[3].cast[0]" or "year". */
  field: string;
  message: string;
}

/** Thrown when a title or catalogue does not validate; every problem found is in `issues`. */
export class ItemContentError extends Error {
  override readonly name = 'ItemContentError';
  constructor(readonly issues: readonly ItemContentIssue[]) {
    const shown = issues.slice(0, 5).map((i) => `${i.field}: ${i.message}`);
    if (issues.length > 5) shown.push(`and ${issues.length - 5} more`);
    super(`invalid item content: ${shown.join('; ')}`);
  }
}

/** Validates one title; throws ItemContentError naming each bad field. */
export function parseItemContent(value: unknown): ItemContent {
  const result = ItemContent.safeParse(value);
  if (result.success) return result.data;
  throw new ItemContentError(
    result.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message })),
  );
}

/**
 * Validates a whole catalogue: every title, plus ids unique (the index of a title
 * is its number in every other part of the engine, so a repeated id is a bug upstream).
 */
export function parseCatalogue(values: readonly unknown[]): ItemContent[] {
  const issues: ItemContentIssue[] = [];
  const items: ItemContent[] = [];
  const seen = new Map<string, number>();
  values.forEach((value, at) => {
    const result = ItemContent.safeParse(value);
    if (!result.success) {
      for (const i of result.error.issues)
        issues.push({ field: fieldPath(['items', at, ...i.path]), message: i.message });
      return;
    }
    const first = seen.get(result.data.item);
    if (first !== undefined) {
      issues.push({
        field: fieldPath(['items', at, 'item']),
        message: `"${result.data.item}" is already items[${first}]`,
      });
    } else seen.set(result.data.item, at);
    items.push(result.data);
  });
  if (issues.length > 0) throw new ItemContentError(issues);
  return items;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(the item itself)' : out;
}
