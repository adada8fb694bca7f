/**
 * Neural text embedder backed by fastembed. Loading never throws for "the model is not usable here"
 * situations (offline, broken download, corrupt folder): the recommender then falls back to lexical
 * similarity, so it needs a sentence to show the user rather than an exception.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { FlagEmbedding } from 'fastembed';
import { extract as extractTar } from 'tar';
import { z } from 'zod';
import type { TextEmbedder } from '@reelshelf/shared/recs';

export type EmbeddingModelName = 'bge-small-en-v1.5';

/**
 * Our model names → fastembed 2.1.0's EmbeddingModel values, which are also the folder names under
 * cacheDir and the archive names on the download host. Spelled out (not imported) so that reading it
 * does not load fastembed's native modules.
 */
const FASTEMBED_FOLDERS: Readonly<Record<EmbeddingModelName, string>> = {
  'bge-small-en-v1.5': 'fast-bge-small-en-v1.5',
};

/** fastembed 2.1.0 downloads `${base}/${folder}.tar.gz` from here (FlagEmbedding.downloadFileFromGCS). */
export const FASTEMBED_DOWNLOAD_BASE_URL = 'https://storage.googleapis.com/qdrant-fastembed';

/** What FlagEmbedding.init/loadTokenizer open for the bge models; a folder missing one is not a model. */
const REQUIRED_MODEL_FILES = [
  'model_optimized.onnx',
  'tokenizer.json',
  'config.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
] as const;

/** fastembed pads every text to the full 512 tokens, so large batches cost a lot of memory. */
const EMBED_BATCH_SIZE = 32;

export interface LoadProgress {
  phase: 'download' | 'load';
  done: number;
  total: number;
}

export type LoadFastembedResult = { ok: true; embedder: TextEmbedder } | { ok: false; reason: string };

const optionsSchema = z.object({
  // Relative paths would resolve against the process cwd, which differs between Electron and the CLI.
  cacheDir: z.string().refine(isAbsolute, 'cacheDir must be an absolute path'),
  model: z.enum(['bge-small-en-v1.5']).default('bge-small-en-v1.5'),
  allowDownload: z.boolean().default(true),
  downloadBaseUrl: z.url({ protocol: /^https?$/ }).default(FASTEMBED_DOWNLOAD_BASE_URL),
  onProgress: z.custom<(progress: LoadProgress) => void>((value) => typeof value === 'function').optional(),
  signal: z.instanceof(AbortSignal).optional(),
});

export type LoadFastembedOptions = z.input<typeof optionsSchema>;
type Options = z.output<typeof optionsSchema>;

export function fastembedModelFolder(model: EmbeddingModelName): string {
  return FASTEMBED_FOLDERS[model];
}

export function modelDownloadUrl(model: EmbeddingModelName, baseUrl = FASTEMBED_DOWNLOAD_BASE_URL): string {
  return `${baseUrl.replace(/\/+$/, '')}/${fastembedModelFolder(model)}.tar.gz`;
}

/**
 * Invalid options are a programming error and throw (ZodError); everything about the model itself
 * being unavailable comes back as `{ ok: false, reason }`.
 */
export async function loadFastembedEmbedder(options: LoadFastembedOptions): Promise<LoadFastembedResult> {
  const opts = optionsSchema.parse(options);
  const modelDir = join(opts.cacheDir, fastembedModelFolder(opts.model));
  if (!existsSync(modelDir)) {
    const fetched = await fetchMissingModel(opts, modelDir);
    if (!fetched.ok) return fetched;
  }
  if (opts.signal?.aborted) return cancelled(opts.model);
  return loadFromFolder(opts, modelDir);
}

async function fetchMissingModel(
  opts: Options,
  modelDir: string,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (!opts.allowDownload) {
    return {
      ok: false,
      reason: `The text model ${opts.model} is not on this computer (looked in ${modelDir}) and downloading it is turned off.`,
    };
  }
  const url = modelDownloadUrl(opts.model, opts.downloadBaseUrl);
  try {
    await downloadModel(opts, url, modelDir);
    return { ok: true };
  } catch (error) {
    if (opts.signal?.aborted) return cancelled(opts.model);
    return {
      ok: false,
      reason: `The text model ${opts.model} is not on this computer and could not be downloaded from ${url} (${describeError(error)}).`,
    };
  }
}

function cancelled(model: EmbeddingModelName): { ok: false; reason: string } {
  return { ok: false, reason: `Loading the text model ${model} was cancelled.` };
}

// ---- Download: archive → staging folder → atomic rename, so a partial download is never a model ----

async function downloadModel(opts: Options, url: string, modelDir: string): Promise<void> {
  await mkdir(opts.cacheDir, { recursive: true });
  const folder = fastembedModelFolder(opts.model);
  // Dot-prefixed temporaries never collide with fastembed's `<cacheDir>/<folder>` existence check.
  const archivePath = join(opts.cacheDir, `.${folder}-${randomUUID()}.tar.gz.part`);
  let stagingDir: string | undefined;
  try {
    await fetchToFile(url, archivePath, opts);
    stagingDir = await mkdtemp(join(opts.cacheDir, `.${folder}-extract-`));
    await extractArchive(archivePath, stagingDir);
    await assertModelFiles(join(stagingDir, folder));
    await publishFolder(join(stagingDir, folder), modelDir);
  } finally {
    await rm(archivePath, { force: true });
    if (stagingDir) await rm(stagingDir, { recursive: true, force: true });
  }
}

async function fetchToFile(url: string, filePath: string, opts: Options): Promise<void> {
  const response = await fetch(url, { signal: opts.signal });
  if (!response.ok || !response.body) {
    // Release the connection; the error page's body is of no use.
    await response.body?.cancel();
    throw new Error(`the server answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  const total = Number(response.headers.get('content-length') ?? 0) || 0;
  const report = throttledReporter(opts.onProgress, total);
  const file = await open(filePath, 'w');
  let done = 0;
  try {
    for await (const chunk of response.body) {
      await file.write(chunk);
      done += chunk.byteLength;
      report(done);
    }
  } catch (error) {
    throw new Error(`the connection was lost after ${formatBytes(done, total)}: ${describeError(error)}`);
  } finally {
    await file.close();
  }
  if (total > 0 && done !== total) throw new Error(`the download stopped after ${formatBytes(done, total)}`);
  opts.onProgress?.({ phase: 'download', done, total: done });
}

/** One event per percent at most: a 130 MB model arrives in thousands of chunks. */
function throttledReporter(onProgress: Options['onProgress'], total: number): (done: number) => void {
  let lastReported = -Infinity;
  const step = total > 0 ? total / 100 : 1024 * 1024;
  return (done) => {
    if (!onProgress || done - lastReported < step) return;
    lastReported = done;
    // With no Content-Length, "total" is only what is known so far; the final event makes them equal.
    onProgress({ phase: 'download', done, total: Math.max(total, done) });
  };
}

function formatBytes(done: number, total: number): string {
  return total > 0 ? `${done} of ${total} bytes` : `${done} bytes`;
}

async function extractArchive(archivePath: string, targetDir: string): Promise<void> {
  try {
    await extractTar({ file: archivePath, cwd: targetDir, strict: true });
  } catch (error) {
    throw new Error(`the downloaded archive could not be unpacked: ${describeError(error)}`);
  }
}

async function assertModelFiles(dir: string): Promise<void> {
  const missing = REQUIRED_MODEL_FILES.filter((name) => !existsSync(join(dir, name)));
  if (missing.length > 0) throw new Error(`the downloaded archive lacks ${missing.join(', ')}`);
}

async function publishFolder(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    // Another load finished the same download first; its folder is just as good.
    if (!existsSync(to)) throw error;
  }
}

// ---- Loading through fastembed's own code ----

async function loadFromFolder(opts: Options, modelDir: string): Promise<LoadFastembedResult> {
  opts.onProgress?.({ phase: 'load', done: 0, total: 1 });
  try {
    // Imported lazily so a missing native binary (onnxruntime, tokenizers) is a reason, not a crash at import.
    const { FlagEmbedding, EmbeddingModel } = await import('fastembed');
    const fastembedModels = { 'bge-small-en-v1.5': EmbeddingModel.BGESmallENV15 } as const;
    const flag = await FlagEmbedding.init({
      model: fastembedModels[opts.model],
      cacheDir: opts.cacheDir,
      showDownloadProgress: false,
    });
    // A probe both proves the graph runs and tells the real output width.
    const probe = await embedAll(flag, ['dimension probe']);
    const dimensions = probe[0]?.length ?? 0;
    if (dimensions === 0) throw new Error('the model produced an empty vector');
    opts.onProgress?.({ phase: 'load', done: 1, total: 1 });
    if (opts.signal?.aborted) return cancelled(opts.model);
    return { ok: true, embedder: makeEmbedder(flag, opts.model, dimensions) };
  } catch (error) {
    return {
      ok: false,
      reason: `The text model ${opts.model} in ${modelDir} could not be loaded (${describeError(error)}).`,
    };
  }
}

function makeEmbedder(flag: FlagEmbedding, model: EmbeddingModelName, dimensions: number): TextEmbedder {
  return {
    id: `fastembed:${model}`,
    dimensions,
    embed: (texts, onProgress) => embedAll(flag, texts, onProgress),
  };
}

async function embedAll(
  flag: FlagEmbedding,
  texts: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  if (texts.length === 0) return vectors;
  // fastembed already L2-normalises each pooled vector; we only fix the element type it mistypes as number[].
  for await (const batch of flag.embed([...texts], EMBED_BATCH_SIZE)) {
    for (const vector of batch) vectors.push(Float32Array.from(vector));
    onProgress?.(vectors.length, texts.length);
  }
  return vectors;
}

/** Error message plus its causes: fetch says only "fetch failed" and hides ENOTFOUND in `cause`. */
function describeError(error: unknown): string {
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    messages.push(...ownMessages(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const unique = [...new Set(messages.filter((message) => message.length > 0))];
  return unique.length > 0 ? unique.join(': ') : 'unknown error';
}

function ownMessages(error: unknown): string[] {
  if (error instanceof AggregateError && error.message === '') {
    return error.errors.flatMap(ownMessages);
  }
  return [error instanceof Error ? error.message : String(error)];
}
