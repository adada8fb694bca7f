import { transpose, type CsrMatrix } from '../matrix/csr.ts';
import { topN, type TopN } from '../scoring/top-n.ts';
import { ItemContentError, type ItemContent } from './item-content.ts';
import {
  buildMetadataVectors,
  FEATURE_GROUPS,
  featureKey,
  type FeatureGroup,
  type MetadataVectors,
} from './metadata-vectors.ts';
import { buildTfidf, type LexicalVectors } from './tfidf.ts';
import { FieldError } from '../field-error.ts';

/** Where the overview-similarity block came from, so the UI can say what "similar plot" means. */
export type TextSource = { kind: 'neural'; id: string } | { kind: 'lexical'; reason: string };

export interface BlockWeights {
  metadata: number;
  text: number;
}

/**
 * Metadata (genres, people, era, keywords) is the cleaner evidence; the overview
 * catches what a story is about when the metadata is thin. Normalised to sum to 1.
 */
export const DEFAULT_BLOCK_WEIGHTS: Readonly<BlockWeights> = { metadata: 0.6, text: 0.4 };

export interface NeuralText {
  /** The embedder's id, e.g. 'fastembed:bge-small-en-v1.5'. */
  embedderId: string;
  /**
   * One vector per item, in item order, all the same length (TextEmbedder.embed's output).
   * Vectors are copied; one that is not unit length is scaled to it; an all-zero
   * vector means "this item has no text" and scores 0 on the text block.
   */
  vectors: readonly Float32Array[];
}

export interface ContentIndexOptions {
  /** Neural vectors, or why there are none (then overviews are compared by TF-IDF). */
  text?: NeuralText | { lexicalReason: string };
  weights?: BlockWeights;
}

export interface HistoryEntry {
  item: number;
  /** Positive pulls titles like this one up, negative pushes them down. */
  weight: number;
}

export interface SharedFeature {
  /** 'plot' is an overview word both share (lexical text only). */
  group: FeatureGroup | 'plot';
  /** Feature key, e.g. "director:christopher nolan" or "plot:wormhole". */
  key: string;
  /** Display form, e.g. "Christopher Nolan", "1990s", "wormhole". */
  label: string;
  /** Its part of the blended similarity. */
  contribution: number;
}

export interface Explanation {
  /** The history item most similar to the explained one. */
  item: number;
  /** Blended similarity: weights.metadata × metadata + weights.text × text. */
  similarity: number;
  /** Cosine of the metadata blocks. */
  metadata: number;
  /** Cosine of the text blocks. */
  text: number;
  /** Largest contributions first. */
  shared: SharedFeature[];
}

/** A bad argument to the content index or cold start; `field` names it, e.g. "history[2].weight". */
export class ContentInputError extends FieldError {
  override readonly name = 'ContentInputError';
}

/**
 * Content similarity over a catalogue. Item i is items[i] everywhere: the index
 * never reorders, so an item number means the same here as in the interaction matrix.
 *
 * Similarity of two titles is weights.metadata × cos(metadata vectors) +
 * weights.text × cos(text vectors); each block is unit length (or empty), so it is in [-1, 1].
 */
export class ContentIndex {
  readonly size: number;
  readonly ids: readonly string[];
  readonly textSource: TextSource;
  /** Block weights, normalised to sum to 1. */
  readonly weights: Readonly<BlockWeights>;
  readonly metadata: MetadataVectors;

  private readonly byId = new Map<string, number>();
  /** Features × items: the inverted index, items ascending. */
  private readonly metaPostings: CsrMatrix;
  private readonly lexical: LexicalVectors | null;
  private readonly lexicalPostings: CsrMatrix | null;
  /** size × dimensions, row-major. */
  private readonly dense: Float32Array | null;
  private readonly dimensions: number;
  private scratch: Float32Array | null = null;
  private metaProfile: Float32Array | null = null;
  private lexProfile: Float32Array | null = null;

  /** Use buildContentIndex. */
  constructor(items: readonly ItemContent[], options: ContentIndexOptions = {}) {
    this.size = items.length;
    const ids: string[] = new Array<string>(items.length);
    for (let i = 0; i < items.length; i++) {
      const id = items[i]!.item;
      const first = this.byId.get(id);
      if (first !== undefined) {
        throw new ItemContentError([
          { field: `items[${i}].item`, message: `"${id}" is already items[${first}]` },
        ]);
      }
      this.byId.set(id, i);
      ids[i] = id;
    }
    this.ids = ids;
    this.weights = normaliseWeights(options.weights ?? DEFAULT_BLOCK_WEIGHTS);
    this.metadata = buildMetadataVectors(items);
    this.metaPostings = transpose(this.metadata.matrix);

    const text = options.text ?? { lexicalReason: 'no text embeddings were supplied' };
    if ('embedderId' in text) {
      if (text.embedderId.trim() === '') throw new ContentInputError('text.embedderId', 'must not be empty');
      const { flat, dimensions } = flattenUnitVectors(text.vectors, items.length);
      this.dense = flat;
      this.dimensions = dimensions;
      this.lexical = null;
      this.lexicalPostings = null;
      this.textSource = { kind: 'neural', id: text.embedderId };
    } else {
      this.dense = null;
      this.dimensions = 0;
      this.lexical = buildTfidf(items.map((i) => i.overview));
      this.lexicalPostings = transpose(this.lexical.matrix);
      this.textSource = { kind: 'lexical', reason: text.lexicalReason };
    }
  }

  /** The number of the item with this id, or -1. */
  indexOf(id: string): number {
    return this.byId.get(id) ?? -1;
  }

  /** Blended similarity of two items. */
  similarity(a: number, b: number): number {
    this.checkItem(a, 'a');
    this.checkItem(b, 'b');
    return this.weights.metadata * this.metadataCosine(a, b) + this.weights.text * this.textCosine(a, b);
  }

  /**
   * The n items most like `item` (never itself, never one with similarity <= 0),
   * best first. `skip(i)` true leaves item i out (watched, wrong kind, ...).
   * Sparse blocks go through the inverted index, so only items sharing a feature or
   * word are touched; neural vectors are compared with every item (60,000 × 384 is ~25M multiply-adds).
   */
  similarItems(item: number, n: number, skip?: (item: number) => boolean): TopN {
    this.checkItem(item, 'item');
    if (!Number.isInteger(n) || n < 0) {
      throw new ContentInputError('n', `expected a whole number >= 0, got ${n}`);
    }
    const scores = this.scores();
    scores.fill(0);
    const wm = this.weights.metadata;
    const wt = this.weights.text;
    if (wm > 0) addRowThroughPostings(this.metadata.matrix, this.metaPostings, item, wm, scores);
    if (wt > 0 && this.lexical !== null) {
      addRowThroughPostings(this.lexical.matrix, this.lexicalPostings!, item, wt, scores);
    } else if (wt > 0) {
      const d = this.dimensions;
      this.addDense(this.dense!.subarray(item * d, (item + 1) * d), wt, scores);
    }
    return topN(scores, n, (i) => i === item || !(scores[i]! > 0) || (skip?.(i) ?? false));
  }

  /**
   * Scores every item against a user profile, into `out` (length = size):
   * out[j] = Σ weight_h × similarity(h, j) / Σ |weight_h|, i.e. the cosine blend
   * against the weighted sum of the history items' vectors. A negative weight
   * pushes that item's neighbours down. History items are scored too: skip them in topN.
   */
  profileScores(history: readonly HistoryEntry[], out: Float32Array): void {
    if (out.length !== this.size) {
      throw new ContentInputError(
        'out',
        `has length ${out.length}, expected one score per item (${this.size})`,
      );
    }
    let total = 0;
    for (let h = 0; h < history.length; h++) {
      const entry = history[h]!;
      this.checkItem(entry.item, `history[${h}].item`);
      if (!Number.isFinite(entry.weight)) {
        throw new ContentInputError(`history[${h}].weight`, `${entry.weight} is not a finite number`);
      }
      total += Math.abs(entry.weight);
    }
    out.fill(0);
    if (total === 0) return;
    const wm = this.weights.metadata / total;
    const wt = this.weights.text / total;
    if (wm > 0) {
      this.metaProfile ??= new Float32Array(this.metadata.features.length);
      addProfileThroughPostings(this.metadata.matrix, this.metaPostings, history, wm, this.metaProfile, out);
    }
    if (wt > 0 && this.lexical !== null) {
      this.lexProfile ??= new Float32Array(this.lexical.vocabulary.length);
      addProfileThroughPostings(
        this.lexical.matrix,
        this.lexicalPostings!,
        history,
        wt,
        this.lexProfile,
        out,
      );
    } else if (wt > 0) {
      const d = this.dimensions;
      const profile = new Float32Array(d);
      for (const { item, weight } of history) {
        const base = item * d;
        for (let k = 0; k < d; k++) profile[k]! += weight * this.dense![base + k]!;
      }
      this.addDense(profile, wt, out);
    }
  }

  /** Items having a metadata feature, ascending, e.g. itemsWith('genre', 'Horror'). Empty if none. */
  itemsWith(group: FeatureGroup, value: string): Int32Array {
    const c = this.metadata.column.get(featureKey(group, value));
    if (c === undefined) return new Int32Array(0);
    return this.metaPostings.indices.subarray(this.metaPostings.indptr[c]!, this.metaPostings.indptr[c + 1]!);
  }

  /** The display form of a metadata feature as the catalogue spells it ("Science Fiction"), if present. */
  labelOf(group: FeatureGroup, value: string): string | undefined {
    const c = this.metadata.column.get(featureKey(group, value));
    return c === undefined ? undefined : this.metadata.labels[c];
  }

  /**
   * Which history item makes `item` look most like the user's taste, and what they
   * share ("same director as X", "because you liked X"). Null when nothing in
   * history (other than the item itself) is similar at all.
   */
  explain(item: number, history: ArrayLike<number>, maxShared = 6): Explanation | null {
    this.checkItem(item, 'item');
    let best = -1;
    let bestSimilarity = 0;
    let bestMeta = 0;
    let bestText = 0;
    for (let h = 0; h < history.length; h++) {
      const other = history[h]!;
      this.checkItem(other, `history[${h}]`);
      if (other === item) continue;
      const meta = this.metadataCosine(item, other);
      const text = this.textCosine(item, other);
      const similarity = this.weights.metadata * meta + this.weights.text * text;
      if (similarity > bestSimilarity) {
        best = other;
        bestSimilarity = similarity;
        bestMeta = meta;
        bestText = text;
      }
    }
    if (best < 0) return null;
    const shared: SharedFeature[] = [];
    if (this.weights.metadata > 0) {
      const m = this.metadata;
      forSharedColumns(m.matrix, item, best, (c, product) =>
        shared.push({
          group: FEATURE_GROUPS[m.groups[c]!]!,
          key: m.features[c]!,
          label: m.labels[c]!,
          contribution: this.weights.metadata * product,
        }),
      );
    }
    if (this.weights.text > 0 && this.lexical !== null) {
      const vocabulary = this.lexical.vocabulary;
      forSharedColumns(this.lexical.matrix, item, best, (c, product) =>
        shared.push({
          group: 'plot',
          key: `plot:${vocabulary[c]!}`,
          label: vocabulary[c]!,
          contribution: this.weights.text * product,
        }),
      );
    }
    shared.sort((a, b) => b.contribution - a.contribution || (a.key < b.key ? -1 : 1));
    return {
      item: best,
      similarity: bestSimilarity,
      metadata: bestMeta,
      text: bestText,
      shared: shared.slice(0, maxShared),
    };
  }

  private metadataCosine(a: number, b: number): number {
    return sparseRowDot(this.metadata.matrix, a, b);
  }

  private textCosine(a: number, b: number): number {
    if (this.lexical !== null) return sparseRowDot(this.lexical.matrix, a, b);
    const d = this.dimensions;
    return denseDot(this.dense!, a * d, this.dense!, b * d, d);
  }

  /** out[j] += weight × dot(query, dense_j) for every item. */
  private addDense(query: Float32Array, weight: number, out: Float32Array): void {
    const d = this.dimensions;
    const v = this.dense!;
    let any = false;
    for (let k = 0; k < d; k++) if (query[k] !== 0) any = true;
    if (!any) return;
    for (let j = 0; j < this.size; j++) out[j]! += weight * denseDot(query, 0, v, j * d, d);
  }

  private scores(): Float32Array {
    this.scratch ??= new Float32Array(this.size);
    return this.scratch;
  }

  private checkItem(item: number, field: string): void {
    if (!Number.isInteger(item) || item < 0 || item >= this.size) {
      throw new ContentInputError(field, `${item} is not an item number (0 .. ${this.size - 1})`);
    }
  }
}

/** Builds the content index; items keep their order (index i is items[i]). */
export function buildContentIndex(
  items: readonly ItemContent[],
  options: ContentIndexOptions = {},
): ContentIndex {
  return new ContentIndex(items, options);
}

function normaliseWeights(w: BlockWeights): BlockWeights {
  for (const key of ['metadata', 'text'] as const) {
    if (!Number.isFinite(w[key]) || w[key] < 0) {
      throw new ContentInputError(`weights.${key}`, `${w[key]} is not a finite number >= 0`);
    }
  }
  const sum = w.metadata + w.text;
  if (sum === 0) throw new ContentInputError('weights', 'metadata and text weights are both 0');
  return { metadata: w.metadata / sum, text: w.text / sum };
}

function flattenUnitVectors(
  vectors: readonly Float32Array[],
  count: number,
): { flat: Float32Array; dimensions: number } {
  if (vectors.length !== count) {
    throw new ContentInputError(
      'text.vectors',
      `has ${vectors.length} vectors, expected one per item (${count})`,
    );
  }
  const dimensions = vectors[0]?.length ?? 0;
  if (count > 0 && dimensions === 0) throw new ContentInputError('text.vectors[0]', 'is empty');
  const flat = new Float32Array(count * dimensions);
  for (let i = 0; i < count; i++) {
    const v = vectors[i]!;
    if (v.length !== dimensions) {
      throw new ContentInputError(`text.vectors[${i}]`, `has ${v.length} dimensions, expected ${dimensions}`);
    }
    let norm = 0;
    for (let k = 0; k < dimensions; k++) {
      const x = v[k]!;
      if (!Number.isFinite(x)) {
        throw new ContentInputError(`text.vectors[${i}][${k}]`, `${x} is not a finite number`);
      }
      norm += x * x;
    }
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    const base = i * dimensions;
    for (let k = 0; k < dimensions; k++) flat[base + k] = v[k]! * scale;
  }
  return { flat, dimensions };
}

/** scores[j] += weight × dot(row r of m, row j of m), through m's transpose. */
function addRowThroughPostings(
  m: CsrMatrix,
  postings: CsrMatrix,
  r: number,
  weight: number,
  scores: Float32Array,
): void {
  for (let e = m.indptr[r]!; e < m.indptr[r + 1]!; e++) {
    const c = m.indices[e]!;
    const q = weight * m.values[e]!;
    for (let p = postings.indptr[c]!; p < postings.indptr[c + 1]!; p++) {
      scores[postings.indices[p]!]! += q * postings.values[p]!;
    }
  }
}

/**
 * out[j] += weight × dot(Σ_h w_h row_h, row j): the profile is summed into the
 * dense `profile` buffer (columns recorded on first touch), scored through
 * the postings of the columns it touches, and the buffer is zeroed again.
 */
function addProfileThroughPostings(
  m: CsrMatrix,
  postings: CsrMatrix,
  history: readonly HistoryEntry[],
  weight: number,
  profile: Float32Array,
  out: Float32Array,
): void {
  let nnz = 0;
  for (const { item } of history) nnz += m.indptr[item + 1]! - m.indptr[item]!;
  const touched = new Int32Array(nnz);
  let count = 0;
  for (const entry of history) {
    for (let e = m.indptr[entry.item]!; e < m.indptr[entry.item + 1]!; e++) {
      const c = m.indices[e]!;
      if (profile[c] === 0) touched[count++] = c;
      profile[c]! += entry.weight * m.values[e]!;
      // A sum that cancels to exactly 0 would be recorded twice; the second visit then adds 0.
    }
  }
  for (let t = 0; t < count; t++) {
    const c = touched[t]!;
    const q = weight * profile[c]!;
    profile[c] = 0;
    if (q === 0) continue;
    for (let p = postings.indptr[c]!; p < postings.indptr[c + 1]!; p++) {
      out[postings.indices[p]!]! += q * postings.values[p]!;
    }
  }
}

function sparseRowDot(m: CsrMatrix, a: number, b: number): number {
  let dot = 0;
  forSharedColumns(m, a, b, (_column, product) => (dot += product));
  return dot;
}

/** Calls f(column, value_a × value_b) for each column both rows have (rows are sorted by column). */
function forSharedColumns(
  m: CsrMatrix,
  a: number,
  b: number,
  f: (column: number, product: number) => void,
): void {
  let x = m.indptr[a]!;
  let y = m.indptr[b]!;
  const xEnd = m.indptr[a + 1]!;
  const yEnd = m.indptr[b + 1]!;
  while (x < xEnd && y < yEnd) {
    const cx = m.indices[x]!;
    const cy = m.indices[y]!;
    if (cx === cy) {
      f(cx, m.values[x]! * m.values[y]!);
      x++;
      y++;
    } else if (cx < cy) x++;
    else y++;
  }
}

/** dot(a[x .. x + d), b[y .. y + d)), in four independent sums the CPU can overlap. */
function denseDot(a: Float32Array, x: number, b: Float32Array, y: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < d; k += 4) {
    s0 += a[x + k]! * b[y + k]!;
    s1 += a[x + k + 1]! * b[y + k + 1]!;
    s2 += a[x + k + 2]! * b[y + k + 2]!;
    s3 += a[x + k + 3]! * b[y + k + 3]!;
  }
  for (; k < d; k++) s0 += a[x + k]! * b[y + k]!;
  return s0 + s1 + s2 + s3;
}
