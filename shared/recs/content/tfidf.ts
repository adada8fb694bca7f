import type { CsrMatrix } from '../matrix/csr.ts';
import { foldText } from './normalize.ts';
import { smoothIdf, SparseRowsBuilder } from './sparse-rows.ts';

/**
 * The lexical stand-in for the neural text model: overview words, weighted by
 * how rare they are. It knows "astronaut" and "astronauts" are different words and
 * nothing about meaning, so the index says when it is in use.
 */

/** Function words plus the filler of synopses ("film", "story") that link everything to everything. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about after against all also an and any are as at be because been before being between both but by ' +
    'can could did do does during each even ever every for from further had has have he her here hers him ' +
    'himself his how if in into is it its itself just more most much must no nor not now of off on once only ' +
    'or other our out over own same she should so some such than that the their them themselves then there ' +
    'these they this those through to too under until up upon very was we were what when where which while ' +
    'who whom whose why will with within without would you your film movie story'
  ).split(' '),
);

const TOKEN_RE = /[\p{L}\p{N}]+/gu;

/**
 * Words of a text: runs of Unicode letters and digits, lowercased with accents
 * folded ("Pokémon" → "pokemon"), stop words and one-character tokens dropped.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of foldText(text).matchAll(TOKEN_RE)) {
    const t = m[0];
    if (t.length >= 2 && !STOP_WORDS.has(t)) out.push(t);
  }
  return out;
}

export interface LexicalVectors {
  /** Documents × vocabulary, rows L2-normalised; an empty or missing text is an empty row. */
  readonly matrix: CsrMatrix;
  readonly vocabulary: readonly string[];
  /** Smooth idf: ln((1 + N) / (1 + df)) + 1, so a word in every document still counts a little. */
  readonly idf: Float32Array;
}

/** TF-IDF with sublinear tf (1 + ln count: the fifth "space" adds less than the first). Row i is texts[i]. */
export function buildTfidf(texts: readonly (string | null | undefined)[]): LexicalVectors {
  const n = texts.length;
  const term = new Map<string, number>();
  const vocabulary: string[] = [];
  const rows = new SparseRowsBuilder('sum');
  for (const text of texts) {
    if (text !== undefined && text !== null && text !== '') {
      for (const token of tokenize(text)) {
        let t = term.get(token);
        if (t === undefined) {
          t = vocabulary.length;
          term.set(token, t);
          vocabulary.push(token);
        }
        rows.add(t, 1);
      }
    }
    rows.endRow();
  }
  const { matrix, df } = rows.build(vocabulary.length);
  const idf = smoothIdf(df, n);
  const { indptr } = matrix;
  for (let r = 0; r < n; r++) {
    const start = indptr[r]!;
    const end = indptr[r + 1]!;
    let norm = 0;
    for (let e = start; e < end; e++) {
      const v = (1 + Math.log(matrix.values[e]!)) * idf[matrix.indices[e]!]!;
      matrix.values[e] = v;
      norm += v * v;
    }
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let e = start; e < end; e++) matrix.values[e]! *= scale;
  }
  return { matrix, vocabulary, idf };
}
