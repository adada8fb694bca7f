// The recommendation engine. See docs/RECOMMENDATIONS.md for how the parts fit.

// Data: interactions, sparse matrices, seeded randomness, what people did → weights
export * from './matrix/csr.ts';
export * from './matrix/interactions.ts';
export * from './matrix/random.ts';
export * from './signals.ts';
export * from './field-error.ts';

// Collaborative: iALS training, fold-in, scoring, explanations, similar items
export * from './als/params.ts';
export * from './als/confidence.ts';
export * from './als/regularization.ts';
export * from './als/kernel.ts';
export * from './als/problem.ts';
export * from './als/runner.ts';
export * from './als/train.ts';
export * from './als/model.ts';
export * from './als/fold-in.ts';
export * from './als/explain.ts';
export * from './als/similar.ts';
export * from './wasm/kernels.ts';
export * from './scoring/top-n.ts';

// Content, trends, new profiles
export * from './content/text-embedder.ts';
export * from './content/item-content.ts';
export * from './content/metadata-vectors.ts';
export * from './content/tfidf.ts';
export * from './content/content-index.ts';
export * from './trends/popularity.ts';
export * from './cold-start/cold-start.ts';

// Hybrid ranking
export * from './hybrid/blend.ts';
export * from './hybrid/learn-weights.ts';
export * from './hybrid/mmr.ts';
export * from './hybrid/filters.ts';
export * from './hybrid/recommend.ts';

// Offline evaluation
export * from './eval/metrics.ts';
export * from './eval/splits.ts';
export * from './baselines/scorer.ts';
export * from './baselines/most-popular.ts';
export * from './baselines/item-knn.ts';
