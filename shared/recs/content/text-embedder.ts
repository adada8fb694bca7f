/**
 * Turns free text (overviews) into vectors. Two implementations exist: a neural
 * one (fastembed, desktop/core) and a lexical TF-IDF one (shared/recs/content);
 * callers can tell which one they got from `id` and say so to the user.
 */
export interface TextEmbedder {
  /** e.g. 'fastembed:bge-small-en-v1.5' or 'tfidf'. */
  readonly id: string;
  readonly dimensions: number;
  /** One unit-length vector per text, in order. */
  embed(
    texts: readonly string[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<Float32Array[]>;
}
