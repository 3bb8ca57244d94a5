/**
 * Sentence encoder on @xenova/transformers (onnxruntime-node, CPU), fully offline: it loads the folder
 * that `prepareModel` wrote (<cacheDir>/<model>/{config.json,tokenizer.json,onnx/model.onnx}) and never
 * the Hub. Embeddings are mean-pooled over the attention mask and L2-normalised, as sentence-transformers
 * does for these models. Knows nothing of the database or Temporal.
 */
import path from 'node:path';

import { defaultModelCacheDir, textModelSpec, type TextModelName } from './models';

type Transformers = typeof import('@xenova/transformers');
type Tokenizer = Awaited<ReturnType<Transformers['AutoTokenizer']['from_pretrained']>>;
type Model = Awaited<ReturnType<Transformers['AutoModel']['from_pretrained']>>;

export interface EncoderOptions {
  /** default: $CVP_MODEL_DIR or ~/.cache/cvp/models */
  cacheDir?: string;
}

export interface EmbedOptions {
  /** texts per forward pass (default 32) */
  batchSize?: number;
}

export interface TextEncoder {
  readonly name: TextModelName;
  readonly dimension: number;
  readonly maxTokens: number;
  /** one L2-normalised vector per text, in order */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** token counts after truncation (for throughput reports) */
  countTokens(texts: readonly string[]): Promise<number[]>;
}

// @xenova/transformers 2.x is ESM only; keep a real dynamic import (tsc would turn `import()` into
// require() under module=commonjs).
const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;
let transformersPromise: Promise<Transformers> | undefined;
function loadTransformers(): Promise<Transformers> {
  transformersPromise ??= importEsm('@xenova/transformers') as Promise<Transformers>;
  return transformersPromise;
}

const encoders = new Map<string, Promise<TextEncoder>>();

/** Loads (once per process, per model and cache folder) the encoder prepared under cacheDir. */
export function loadEncoder(name: TextModelName, options: EncoderOptions = {}): Promise<TextEncoder> {
  const cacheDir = path.resolve(options.cacheDir ?? defaultModelCacheDir());
  const key = `${name}\u0000${cacheDir}`;
  let p = encoders.get(key);
  if (!p) {
    p = createEncoder(name, cacheDir);
    encoders.set(key, p);
    p.catch(() => encoders.delete(key)); // a failed load (e.g. not prepared yet) may be retried
  }
  return p;
}

async function createEncoder(name: TextModelName, cacheDir: string): Promise<TextEncoder> {
  const spec = textModelSpec(name);
  const t = await loadTransformers();
  // The library's env is process-global: every encoder of this process loads from local folders only.
  t.env.allowRemoteModels = false;
  t.env.allowLocalModels = true;
  t.env.localModelPath = cacheDir + path.sep;
  t.env.useBrowserCache = false;
  let tokenizer: Tokenizer;
  let model: Model;
  try {
    tokenizer = await t.AutoTokenizer.from_pretrained(name, { local_files_only: true });
    model = await t.AutoModel.from_pretrained(name, { quantized: false, local_files_only: true });
  } catch (err) {
    throw new Error(
      `text model '${name}' is not prepared under ${cacheDir} (run prepareModel / 'cvp models prepare' first): ${
        (err as Error).message
      }`,
    );
  }

  // Truncate like sentence-transformers (max_seq_length). Passing max_length to the tokenizer call would
  // also pad every batch to it, so the limit goes on the tokenizer and batches pad to their longest text.
  tokenizer.model_max_length = Math.min(tokenizer.model_max_length ?? Infinity, spec.maxTokens);
  const tokenize = (texts: string[]) =>
    tokenizer(texts, { padding: true, truncation: true }) as {
      input_ids: InstanceType<Transformers['Tensor']>;
      attention_mask: InstanceType<Transformers['Tensor']>;
      token_type_ids?: InstanceType<Transformers['Tensor']>;
    };

  async function embedBatch(texts: string[]): Promise<Float32Array[]> {
    const inputs = tokenize(texts);
    const output = (await model(inputs)) as { last_hidden_state: InstanceType<Transformers['Tensor']> };
    const hidden = output.last_hidden_state;
    const [batch, seq, dim] = hidden.dims as [number, number, number];
    const h = hidden.data as Float32Array;
    const mask = inputs.attention_mask.data as BigInt64Array;
    const out: Float32Array[] = [];
    for (let b = 0; b < batch; b++) {
      const v = new Float32Array(dim);
      let count = 0;
      for (let s = 0; s < seq; s++) {
        if (mask[b * seq + s] === 0n) continue;
        count++;
        const off = (b * seq + s) * dim;
        for (let d = 0; d < dim; d++) v[d] += h[off + d];
      }
      const inv = 1 / Math.max(count, 1e-9);
      let norm = 0;
      for (let d = 0; d < dim; d++) {
        v[d] *= inv;
        norm += v[d] * v[d];
      }
      const scale = 1 / Math.max(Math.sqrt(norm), 1e-12); // torch.nn.functional.normalize's eps
      for (let d = 0; d < dim; d++) v[d] *= scale;
      out.push(v);
    }
    return out;
  }

  return {
    name,
    dimension: spec.dimension,
    maxTokens: spec.maxTokens,
    async embed(texts, { batchSize = 32 } = {}) {
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer`);
      const result: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        result.push(...(await embedBatch(texts.slice(i, i + batchSize))));
      }
      return result;
    },
    async countTokens(texts) {
      return texts.map((text) => {
        const { attention_mask } = tokenize([text]);
        return (attention_mask.data as BigInt64Array).reduce((a, x) => a + Number(x), 0);
      });
    },
  };
}
