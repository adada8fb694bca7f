import type Database from 'better-sqlite3';
import { allowedEdits, editDistance, MIN_CORRECTABLE, oneDeletions, searchTokens } from './tokens';

export interface MatchPlan {
  /** FTS5 query string, or null when the text has no searchable words. */
  match: string | null;
  corrections: { from: string; to: string[] }[];
  /** Per typed word, the words it stands for (itself, or its corrections); the last may be a prefix. */
  words: { forms: string[]; prefix: boolean }[];
}

const MAX_CORRECTIONS = 4;
const quote = (word: string) => `"${word.replaceAll('"', '""')}"`;

/**
 * Turns what a person typed into an FTS5 query. Every word must match; the last one
 * also matches as a prefix (autocomplete). A word the library does not contain is
 * replaced by the library's words within one or two edits (SymSpell-style lookup of
 * one-letter deletions), so "matrx" searches "matrix" and "kubrik" searches "kubrick".
 */
export class MatchPlanner {
  private readonly exact: Database.Statement<[string], { one: number }>;
  private readonly prefixed: Database.Statement<[string, string], { one: number }>;
  private readonly live: Database.Statement<[string], { one: number }>;
  private readonly candidatesStmt = new Map<number, Database.Statement<string[], { term: string }>>();

  constructor(private readonly sqlite: Database.Database) {
    this.exact = sqlite.prepare('SELECT 1 AS one FROM search_terms WHERE variant = ? AND term = variant');
    this.prefixed = sqlite.prepare('SELECT 1 AS one FROM search_terms WHERE term >= ? AND term < ? LIMIT 1');
    this.live = sqlite.prepare('SELECT 1 AS one FROM title_search_vocab WHERE term = ?');
  }

  plan(text: string): MatchPlan {
    const words = searchTokens(text);
    if (words.length === 0) return { match: null, corrections: [], words: [] };
    const endsInWord = /[\p{L}\p{N}]$/u.test(text.trim()) && !/\s$/.test(text);
    const corrections: MatchPlan['corrections'] = [];
    const planned = words.map((word, i) => {
      const prefix = i === words.length - 1 && endsInWord;
      if (this.known(word, prefix) || word.length < MIN_CORRECTABLE) return { forms: [word], prefix };
      const near = this.nearWords(word);
      if (near.length === 0) return { forms: [word], prefix };
      corrections.push({ from: word, to: near });
      return { forms: near, prefix: false };
    });
    const match = planned
      .map(({ forms, prefix }) =>
        prefix
          ? `${quote(forms[0]!)}*`
          : forms.length === 1
            ? quote(forms[0]!)
            : `(${forms.map(quote).join(' OR ')})`,
      )
      .join(' AND ');
    return { match, corrections, words: planned };
  }

  private known(word: string, asPrefix: boolean): boolean {
    if (this.exact.get(word)) return true;
    if (!asPrefix) return false;
    return this.prefixed.get(word, `${word}\u{10FFFF}`) !== undefined;
  }

  private nearWords(word: string): string[] {
    const keys = [word, ...oneDeletions(word)];
    let stmt = this.candidatesStmt.get(keys.length);
    if (!stmt) {
      stmt = this.sqlite.prepare(
        `SELECT DISTINCT term FROM search_terms WHERE variant IN (${keys.map(() => '?').join(',')})`,
      );
      this.candidatesStmt.set(keys.length, stmt);
    }
    const limit = allowedEdits(word);
    return (
      stmt
        .all(...keys)
        .map(({ term }) => ({ term, d: editDistance(word, term, limit) }))
        .filter((c) => c.d <= limit && c.term !== word)
        .sort((a, b) => a.d - b.d || a.term.localeCompare(b.term))
        .map((c) => c.term)
        // search_terms keeps words of titles since removed; the FTS vocabulary knows which still occur.
        .filter((term) => this.live.get(term) !== undefined)
        .slice(0, MAX_CORRECTIONS)
    );
  }
}
