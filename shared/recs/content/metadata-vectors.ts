import type { CsrMatrix } from '../matrix/csr.ts';
import type { ItemContent } from './item-content.ts';
import { normalizeName } from './normalize.ts';
import { smoothIdf, SparseRowsBuilder } from './sparse-rows.ts';

export const FEATURE_GROUPS = ['genre', 'cast', 'director', 'decade', 'lang', 'keyword'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

/**
 * How much each kind of metadata counts. Each group's block of a title's vector is
 * L2-normalised on its own and then scaled by its weight before the whole vector is
 * normalised, so a title with 40 keywords does not drown its two genres, and the
 * squared weights read as each group's share of a perfect match
 * (genre 26%, director 26%, cast 21%, keyword 17%, decade 6%, language 4%).
 * Within a group idf decides what counts: in a Drama + Western title the Western
 * half weighs more, and sharing a rare keyword beats sharing a common one.
 */
export const GROUP_WEIGHTS: Readonly<Record<FeatureGroup, number>> = {
  /** What people pick titles by first; idf already makes "Drama" count less than "Western". */
  genre: 1,
  /** The strongest single signal of tone and style a catalogue has (one Nolan film → others). */
  director: 1,
  /** Strong, but actors cross genres more than directors do. */
  cast: 0.9,
  /** Specific (heist, time travel) but noisy and unevenly filled in by sources. */
  keyword: 0.8,
  /** Era matters (look, pace) but alone says little; a tie-breaker, not a reason. */
  decade: 0.5,
  /** A weak preference signal (people do lean to their languages); mostly one value in a catalogue. */
  lang: 0.4,
};

/** Only the top-billed count: the 40th name in a cast list says nothing about the film. */
export const CAST_TOP_BILLED = 5;
/** Billing position k (0 = lead) counts CAST_BILLING_DECAY^k: 1, 0.7, 0.49, 0.34, 0.24. */
export const CAST_BILLING_DECAY = 0.7;
/**
 * A year also belongs, more softly, to the neighbouring decade it is near: 1989 gets
 * decade:1980s at 1 and decade:1990s at NEIGHBOUR_DECADE_WEIGHT, 1991 gets 1990s at 1 and
 * 1980s at 0.75 × that, fading by a quarter a year to nothing for 1985 or 1995. So 1989 and
 * 1991 are close, 1985 and 1995 are not, and neither are 1975 and 1991.
 */
export const NEIGHBOUR_DECADE_WEIGHT = 0.5;
const NEIGHBOUR_DECADE_FADE_YEARS = 4;

/** A feature's key: group, colon, normalised value, e.g. "director:christopher nolan", "decade:1990s". */
export function featureKey(group: FeatureGroup, value: string): string {
  return `${group}:${group === 'decade' ? value : normalizeName(value)}`;
}

export function decadeLabel(decadeStart: number): string {
  return `${decadeStart}s`;
}

/**
 * Calls `emit` with each raw (pre-idf) feature of a title: its group, the value as
 * written (normalised later by featureKey) and its weight. A value may be emitted twice
 * (a name listed twice); the builder keeps the larger weight.
 */
function forEachFeature(
  item: ItemContent,
  emit: (group: FeatureGroup, value: string, weight: number) => void,
): void {
  for (const g of item.genres) emit('genre', g, 1);
  const billed = Math.min(item.cast.length, CAST_TOP_BILLED);
  for (let k = 0; k < billed; k++) emit('cast', item.cast[k]!, CAST_BILLING_DECAY ** k);
  for (const d of item.directors) emit('director', d, 1);
  for (const k of item.keywords) emit('keyword', k, 1);
  if (item.language !== undefined) emit('lang', item.language, 1);
  if (item.year !== undefined) {
    const decade = Math.floor(item.year / 10) * 10;
    emit('decade', decadeLabel(decade), 1);
    const intoPrevious = item.year - (decade - 1); // 1990 → 1, 1999 → 10
    const intoNext = decade + 10 - item.year; // 1999 → 1, 1990 → 10
    const previous = neighbourWeight(intoPrevious);
    const next = neighbourWeight(intoNext);
    if (previous > 0) emit('decade', decadeLabel(decade - 10), previous);
    if (next > 0) emit('decade', decadeLabel(decade + 10), next);
  }
}

function neighbourWeight(yearsAway: number): number {
  return NEIGHBOUR_DECADE_WEIGHT * Math.max(0, 1 - (yearsAway - 1) / NEIGHBOUR_DECADE_FADE_YEARS);
}

/** The raw (pre-idf, pre-normalisation) weight of each of a title's features, by key. */
export function metadataFeatures(item: ItemContent): Map<string, number> {
  const out = new Map<string, number>();
  forEachFeature(item, (group, value, weight) => {
    const key = featureKey(group, value);
    out.set(key, Math.max(out.get(key) ?? 0, weight));
  });
  return out;
}

export interface MetadataVectors {
  /** Items × features, rows L2-normalised (an item with no metadata has an empty row). */
  readonly matrix: CsrMatrix;
  /** Feature keys by column, e.g. "cast:michael caine". */
  readonly features: readonly string[];
  /** A display form of each feature's value, as first spelled in the catalogue ("Michael Caine"). */
  readonly labels: readonly string[];
  /** Each column's group, as an index into FEATURE_GROUPS. */
  readonly groups: Uint8Array;
  /** Smooth idf of each column: ln((1 + N) / (1 + df)) + 1. */
  readonly idf: Float32Array;
  /** How many items have each feature. */
  readonly df: Int32Array;
  /** Column of a feature key, if any item has it. */
  readonly column: ReadonlyMap<string, number>;
}

const GROUP_INDEX = new Map<FeatureGroup, number>(FEATURE_GROUPS.map((g, i) => [g, i]));

/**
 * Sparse TF-IDF vectors over typed features (see GROUP_WEIGHTS and the constants
 * above for what counts how much). Row i is items[i].
 */
export function buildMetadataVectors(items: readonly ItemContent[]): MetadataVectors {
  const n = items.length;
  const column = new Map<string, number>();
  const features: string[] = [];
  const labels: string[] = [];
  const groupOf: number[] = [];
  /** Per group, the column of each spelling seen so far: normalising a name once, not once per title. */
  const bySpelling = FEATURE_GROUPS.map(() => new Map<string, number>());
  const rows = new SparseRowsBuilder('max');

  const emit = (group: FeatureGroup, value: string, weight: number) => {
    const g = GROUP_INDEX.get(group)!;
    let c = bySpelling[g]!.get(value);
    if (c === undefined) {
      const key = featureKey(group, value);
      c = column.get(key);
      if (c === undefined) {
        if (key.length === group.length + 1) return; // the name was whitespace only
        c = features.length;
        column.set(key, c);
        features.push(key);
        labels.push(value.trim().replace(/\s+/gu, ' '));
        groupOf.push(g);
      }
      bySpelling[g]!.set(value, c);
    }
    rows.add(c, weight);
  };

  for (const item of items) {
    forEachFeature(item, emit);
    rows.endRow();
  }

  const { matrix, df } = rows.build(features.length);
  const idf = smoothIdf(df, n);
  const groups = Uint8Array.from(groupOf);
  weighRows(matrix, idf, groups);
  return { matrix, features, labels, groups, idf, df, column };
}

const WEIGHT_BY_GROUP = Float64Array.from(FEATURE_GROUPS, (g) => GROUP_WEIGHTS[g]);

/** tf × idf, each group's block to unit length × its weight, then the row to unit length. In place. */
function weighRows(m: CsrMatrix, idf: Float32Array, groups: Uint8Array): void {
  const groupNorm = new Float64Array(FEATURE_GROUPS.length);
  for (let r = 0; r < m.rows; r++) {
    const start = m.indptr[r]!;
    const end = m.indptr[r + 1]!;
    groupNorm.fill(0);
    for (let e = start; e < end; e++) {
      const c = m.indices[e]!;
      const v = m.values[e]! * idf[c]!;
      m.values[e] = v;
      groupNorm[groups[c]!]! += v * v;
    }
    let total = 0;
    for (let g = 0; g < groupNorm.length; g++) {
      const norm = groupNorm[g]!;
      if (norm > 0) {
        groupNorm[g] = WEIGHT_BY_GROUP[g]! / Math.sqrt(norm);
        total += WEIGHT_BY_GROUP[g]! ** 2;
      }
    }
    const scale = total > 0 ? 1 / Math.sqrt(total) : 0;
    for (let e = start; e < end; e++) m.values[e]! *= groupNorm[groups[m.indices[e]!]!]! * scale;
  }
}
