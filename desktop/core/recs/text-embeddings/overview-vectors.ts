import type { ContentIndexOptions } from '@reelshelf/shared/recs';
import { loadFastembedEmbedder, type LoadFastembedOptions, type LoadProgress } from './fastembed-embedder';

export interface OverviewVectorsOptions extends Omit<LoadFastembedOptions, 'onProgress'> {
  /** Download/load progress, then embedding progress (phase 'embed'). */
  readonly onProgress?: (progress: LoadProgress | { phase: 'embed'; done: number; total: number }) => void;
}

/**
 * The text part of the content index for these overviews: neural embeddings
 * from bge-small when the model is here or can be fetched, otherwise the
 * lexical (TF-IDF) fallback — with the reason, so the app can say why its
 * "similar plot" suggestions are keyword-based.
 */
export async function overviewVectors(
  overviews: readonly (string | undefined)[],
  options: OverviewVectorsOptions,
): Promise<NonNullable<ContentIndexOptions['text']>> {
  const { onProgress, ...loadOptions } = options;
  const loaded = await loadFastembedEmbedder({ ...loadOptions, ...(onProgress ? { onProgress } : {}) });
  if (!loaded.ok) return { lexicalReason: `${loaded.reason} Similar plots are matched by keywords instead.` };
  const withText = overviews.map((text) => text?.trim() ?? '');
  const present = withText.flatMap((text, i) => (text === '' ? [] : [i]));
  const embedded = await loaded.embedder.embed(
    present.map((i) => withText[i]!),
    (done, total) => onProgress?.({ phase: 'embed', done, total }),
  );
  // A title without an overview gets a zero vector: it has no text to be similar by.
  const vectors: Float32Array[] = withText.map(() => new Float32Array(loaded.embedder.dimensions));
  present.forEach((i, at) => (vectors[i] = embedded[at]!));
  return { embedderId: loaded.embedder.id, vectors };
}
