import type Database from 'better-sqlite3';
import { readMeta, writeMeta } from '../db/meta';
import { contentWordCount, MIN_CORRECTABLE, oneDeletions, searchTokens } from './tokens';

/** Bump when what goes into the index changes; the next open rebuilds it. */
export const SEARCH_INDEX_VERSION = '2';

/** Cast beyond this billing order is not searchable by name (keeps the index small and results sharp). */
const INDEXED_CAST = 10;
const INDEXED_JOBS = ['Director', 'Writer', 'Screenplay', 'Creator', 'Novel'];

/**
 * Keeps the full-text index and the typo vocabulary in step with the catalog.
 * Called inside the transaction that changed the titles, so a crash can never leave
 * a title unsearchable.
 */
export class SearchIndexer {
  private readonly docOf: Database.Statement<
    [number],
    { id: string; title: string; original_title: string | null }
  >;
  private readonly peopleOf: Database.Statement<[string], { name: string }>;
  private readonly upsert: Database.Statement<[number, string, string, string]>;
  private readonly addVariant: Database.Statement<[string, string]>;
  private readonly hasTerm: Database.Statement<[string], { one: number }>;
  private readonly setWords: Database.Statement<[number, number, number]>;
  /** Words already known to be in the vocabulary during this session: skips repeat work in bulk loads. */
  private readonly known = new Set<string>();

  constructor(private readonly sqlite: Database.Database) {
    this.docOf = sqlite.prepare('SELECT id, title, original_title FROM titles WHERE pk = ?');
    this.peopleOf = sqlite.prepare(
      `SELECT p.name FROM credits c JOIN people p ON p.id = c.person_id
       WHERE c.title_id = ? AND ((c.role = 'cast' AND c.cast_order < ${INDEXED_CAST})
         OR (c.role = 'crew' AND c.job IN (${INDEXED_JOBS.map((j) => `'${j}'`).join(',')})))
       ORDER BY c.role, c.cast_order`,
    );
    this.upsert = sqlite.prepare(
      'INSERT OR REPLACE INTO title_search (rowid, title, original_title, people) VALUES (?, ?, ?, ?)',
    );
    this.addVariant = sqlite.prepare('INSERT OR IGNORE INTO search_terms (variant, term) VALUES (?, ?)');
    this.hasTerm = sqlite.prepare('SELECT 1 AS one FROM search_terms WHERE variant = ? AND term = variant');
    this.setWords = sqlite.prepare('UPDATE titles SET search_words = ? WHERE pk = ? AND search_words != ?');
  }

  reindex(pk: number): void {
    const doc = this.docOf.get(pk);
    if (!doc) return;
    const people = this.peopleOf
      .all(doc.id)
      .map((p) => p.name)
      .join(' ; ');
    const original = doc.original_title ?? '';
    this.upsert.run(pk, doc.title, original, people);
    const words = [doc.title, original].map(contentWordCount).filter((n) => n > 0);
    const count = words.length ? Math.min(...words, 255) : 0;
    this.setWords.run(count, pk, count);
    for (const text of [doc.title, original, people]) this.learnWords(text);
  }

  /**
   * After a rollback: words learned in it were never stored, so the session's memory of
   * them must go too, or the next write of those words would skip them.
   */
  forgetSession(): void {
    this.known.clear();
  }

  private learnWords(text: string): void {
    for (const word of searchTokens(text)) {
      if (this.known.has(word)) continue;
      this.known.add(word);
      if (this.hasTerm.get(word)) continue;
      this.addVariant.run(word, word);
      if (word.length >= MIN_CORRECTABLE) for (const v of oneDeletions(word)) this.addVariant.run(v, word);
    }
  }

  /** Rebuilds everything from the catalog tables, reporting progress. */
  rebuildAll(onProgress?: (done: number, total: number) => void): void {
    const pks = this.sqlite.prepare('SELECT pk FROM titles ORDER BY pk').pluck().all() as number[];
    this.sqlite.exec(
      "INSERT INTO title_search (title_search) VALUES ('delete-all'); DELETE FROM search_terms;",
    );
    this.known.clear();
    pks.forEach((pk, i) => {
      this.reindex(pk);
      if (onProgress && (i % 5000 === 0 || i === pks.length - 1)) onProgress(i + 1, pks.length);
    });
    writeMeta(this.sqlite, 'search_index_version', SEARCH_INDEX_VERSION);
  }

  isCurrent(): boolean {
    return readMeta(this.sqlite, 'search_index_version') === SEARCH_INDEX_VERSION;
  }
}
