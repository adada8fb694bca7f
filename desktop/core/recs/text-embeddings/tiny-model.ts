/**
 * Test support only: builds a model folder that fastembed's FlagEmbedding loader accepts, without a
 * network or any extra dependency. The real bge-small model is ~130 MB and cannot be fetched on the
 * build machines, so the tests exercise fastembed's real code path against this stand-in instead.
 *
 * The "transformer" is a bag of words: every position of last_hidden_state holds the sum of the
 * (masked) word vectors of the whole text, plus its own token's vector. fastembed pools by taking
 * position 0 ([CLS], whose vector is zero), so the pooled vector is the plain word-vector sum —
 * which makes "texts sharing a topic are closer" hold by construction.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create as createTar } from 'tar';

export const TINY_MODEL_DIMENSIONS = 8;
/** fastembed pads every text to this many tokens, so keep it small to keep the tests fast. */
const TINY_MAX_LENGTH = 24;

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
/** Each topic owns one axis (0..2); shared axes 3..7 only add per-word texture. */
const TOPIC_WORDS: readonly (readonly string[])[] = [
  ['space', 'rocket', 'astronaut', 'planet', 'alien', 'galaxy', 'orbit'],
  ['detective', 'murder', 'police', 'heist', 'gangster', 'crime', 'city'],
  ['love', 'wedding', 'heart', 'kiss', 'romance', 'paris', 'letters'],
];
const FILLER_WORDS = ['a', 'an', 'the', 'in', 'on', 'of', 'and', 'to', 'with'];

export const TINY_VOCAB: readonly string[] = [...SPECIAL_TOKENS, ...TOPIC_WORDS.flat(), ...FILLER_WORDS];

function wordVector(word: string): number[] {
  const row = new Array<number>(TINY_MODEL_DIMENSIONS).fill(0);
  if ((SPECIAL_TOKENS as readonly string[]).includes(word)) {
    // [UNK] must not be zero, or a text of unknown words would have no direction at all.
    if (word === '[UNK]') row[TINY_MODEL_DIMENSIONS - 1] = 0.2;
    return row;
  }
  const texture = 3 + (TINY_VOCAB.indexOf(word) % (TINY_MODEL_DIMENSIONS - 3));
  const topic = TOPIC_WORDS.findIndex((words) => words.includes(word));
  if (topic >= 0) row[topic] = 1;
  row[texture] = topic >= 0 ? 0.3 : 0.1;
  return row;
}

export function tinyEmbeddingTable(): Float32Array {
  return Float32Array.from(TINY_VOCAB.flatMap(wordVector));
}

// ---- Minimal protobuf writer (only the wire types ONNX's ModelProto needs) ----

type Bytes = Uint8Array;

function concat(parts: readonly Bytes[]): Bytes {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

function varint(value: number | bigint): Bytes {
  // Negative int64 values are encoded as their 64-bit two's complement, per the protobuf spec.
  let rest = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest > 0n ? low | 0x80 : low);
  } while (rest > 0n);
  return Uint8Array.from(out);
}

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

function key(field: number, wireType: number): Bytes {
  return varint((field << 3) | wireType);
}

function intField(field: number, value: number): Bytes {
  return concat([key(field, WIRE_VARINT), varint(value)]);
}

function bytesField(field: number, value: Bytes): Bytes {
  return concat([key(field, WIRE_LENGTH_DELIMITED), varint(value.length), value]);
}

function stringField(field: number, value: string): Bytes {
  return bytesField(field, new TextEncoder().encode(value));
}

// ---- ONNX messages (field numbers from onnx/onnx.proto3) ----

const ONNX_FLOAT = 1;
const ONNX_INT64 = 7;
const ATTRIBUTE_INT = 2;

function tensor(name: string, dataType: number, dims: readonly number[], raw: ArrayBufferView): Bytes {
  return concat([
    ...dims.map((dim) => intField(1, dim)),
    intField(2, dataType),
    stringField(8, name),
    bytesField(9, new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength)),
  ]);
}

function intAttribute(name: string, value: number): Bytes {
  return concat([stringField(1, name), intField(3, value), intField(20, ATTRIBUTE_INT)]);
}

function node(opType: string, inputs: readonly string[], output: string, attributes: Bytes[] = []): Bytes {
  return concat([
    ...inputs.map((input) => stringField(1, input)),
    stringField(2, output),
    stringField(3, `${opType}_${output}`),
    stringField(4, opType),
    ...attributes.map((attribute) => bytesField(5, attribute)),
  ]);
}

/** dims are symbolic names ('batch') or fixed sizes. */
function valueInfo(name: string, elemType: number, dims: readonly (string | number)[]): Bytes {
  const shape = concat(
    dims.map((dim) => bytesField(1, typeof dim === 'number' ? intField(1, dim) : stringField(2, dim))),
  );
  const tensorType = concat([intField(1, elemType), bytesField(2, shape)]);
  return concat([stringField(1, name), bytesField(2, bytesField(1, tensorType))]);
}

function tinyGraph(): Bytes {
  const tokens = ['batch', 'sequence'];
  const nodes = [
    node('Gather', ['word_embeddings', 'input_ids'], 'token_vectors'),
    node('Cast', ['attention_mask'], 'mask_float', [intAttribute('to', ONNX_FLOAT)]),
    node('Unsqueeze', ['mask_float', 'last_axis'], 'mask_column'),
    node('Mul', ['token_vectors', 'mask_column'], 'masked_vectors'),
    node('ReduceSum', ['masked_vectors', 'sequence_axis'], 'text_vector', [intAttribute('keepdims', 1)]),
    node('Add', ['masked_vectors', 'text_vector'], 'last_hidden_state'),
  ];
  const initializers = [
    tensor('word_embeddings', ONNX_FLOAT, [TINY_VOCAB.length, TINY_MODEL_DIMENSIONS], tinyEmbeddingTable()),
    tensor('last_axis', ONNX_INT64, [1], BigInt64Array.of(-1n)),
    tensor('sequence_axis', ONNX_INT64, [1], BigInt64Array.of(1n)),
  ];
  // token_type_ids is declared (fastembed always feeds it) but, as for a single-segment text, unused.
  const inputs = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) =>
    valueInfo(name, ONNX_INT64, tokens),
  );
  const output = valueInfo('last_hidden_state', ONNX_FLOAT, [...tokens, TINY_MODEL_DIMENSIONS]);
  return concat([
    ...nodes.map((n) => bytesField(1, n)),
    stringField(2, 'tiny_bag_of_words'),
    ...initializers.map((t) => bytesField(5, t)),
    ...inputs.map((i) => bytesField(11, i)),
    bytesField(12, output),
  ]);
}

export function tinyOnnxModel(): Bytes {
  const opset13 = concat([stringField(1, ''), intField(2, 13)]);
  return concat([
    intField(1, 8),
    stringField(2, 'reelshelf-tests'),
    bytesField(7, tinyGraph()),
    bytesField(8, opset13),
  ]);
}

// ---- Tokenizer and config files fastembed reads in FlagEmbedding.loadTokenizer ----

function tokenizerJson(): object {
  const vocab = Object.fromEntries(TINY_VOCAB.map((word, id) => [word, id]));
  const special = (content: string) => ({
    id: TINY_VOCAB.indexOf(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const specialTemplate = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  const specialEntry = (id: string) => ({ id, ids: [TINY_VOCAB.indexOf(id)], tokens: [id] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map(special),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [specialTemplate('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, specialTemplate('[SEP]')],
      pair: [
        specialTemplate('[CLS]'),
        { Sequence: { id: 'A', type_id: 0 } },
        specialTemplate('[SEP]'),
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': specialEntry('[CLS]'), '[SEP]': specialEntry('[SEP]') },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  };
}

const CONFIG_FILES: Readonly<Record<string, object>> = {
  'config.json': {
    model_type: 'bert',
    hidden_size: TINY_MODEL_DIMENSIONS,
    vocab_size: TINY_VOCAB.length,
    pad_token_id: 0,
  },
  'tokenizer_config.json': {
    model_max_length: TINY_MAX_LENGTH,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    do_lower_case: true,
  },
  'special_tokens_map.json': {
    cls_token: '[CLS]',
    mask_token: '[MASK]',
    pad_token: '[PAD]',
    sep_token: '[SEP]',
    unk_token: '[UNK]',
  },
};

/** The ONNX file name fastembed 2.1.0 opens for the bge models (fastembed.js, FlagEmbedding.init). */
export const TINY_MODEL_ONNX_FILE = 'model_optimized.onnx';

/** Writes a complete fastembed model folder at `modelDir` (created if missing). */
export async function writeTinyModelFolder(modelDir: string): Promise<void> {
  await mkdir(modelDir, { recursive: true });
  await writeFile(join(modelDir, TINY_MODEL_ONNX_FILE), tinyOnnxModel());
  await writeFile(join(modelDir, 'tokenizer.json'), JSON.stringify(tokenizerJson()));
  for (const [name, content] of Object.entries(CONFIG_FILES)) {
    await writeFile(join(modelDir, name), JSON.stringify(content));
  }
}

/**
 * Packs the tiny model the way fastembed's download host serves models: `<folder>.tar.gz` whose
 * single top-level directory is `<folder>/`.
 */
export async function packTinyModelArchive(folderName: string): Promise<Buffer> {
  const workDir = await mkdtemp(join(tmpdir(), 'reelshelf-tiny-model-'));
  try {
    await writeTinyModelFolder(join(workDir, folderName));
    const archivePath = join(workDir, `${folderName}.tar.gz`);
    await createTar({ gzip: true, file: archivePath, cwd: workDir, portable: true }, [folderName]);
    return await readFile(archivePath);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
