/**
 * Splits text into search words the way the FTS5 unicode61 tokenizer with
 * remove_diacritics 2 does, so the vocabulary we keep for typo correction holds
 * exactly the words the index holds: "Amélie" → "amelie", "Kubrick's" → "kubrick", "s".
 */
import { LEADING_ARTICLES } from '@reelshelf/shared/domain';
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Shortest word we correct typos in: shorter words have too many one-letter neighbours. */
export const MIN_CORRECTABLE = 4;

/** Every string one deletion away from the word (SymSpell's candidate keys). */
export function oneDeletions(word: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < word.length; i++) out.add(word.slice(0, i) + word.slice(i + 1));
  out.delete(word);
  return [...out];
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(
        d[(i - 1) * cols + j]! + 1,
        d[i * cols + j - 1]! + 1,
        d[(i - 1) * cols + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1]!;
}

/** How many edits a word of this length may carry and still be recognised. */
export function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/** Leading articles do not make a title longer for relevance ("The Matrix" is one word long). */
export function contentWordCount(text: string): number {
  return searchTokens(text).filter((w) => !LEADING_ARTICLES.has(w)).length;
}
