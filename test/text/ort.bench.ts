/**
 * Encoder throughput: transformers.js (loadEncoder) against raw onnxruntime-node on the same ONNX file
 * and the same token batches. Needs a prepared model:
 *   npx tsx test/text/ort.bench.ts [--threads N]
 * (onnxruntime-node is the binding that @xenova/transformers itself loads.)
 */
import path from 'node:path';

import { loadEncoder } from '../../models/text/encoder';
import { DEFAULT_TEXT_MODEL } from '../../models/text/models';
import { prepareModel } from '../../models/text/prepare';
import { syntheticTexts } from './texts';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');

async function main() {
  const threadsArg = process.argv.indexOf('--threads');
  const threads = threadsArg > 0 ? Number(process.argv[threadsArg + 1]) : 0;
  const prepared = await prepareModel(DEFAULT_TEXT_MODEL, { log: (l) => console.log(`[prepare] ${l}`) });
  const encoder = await loadEncoder(DEFAULT_TEXT_MODEL, { cacheDir: prepared.cacheDir });
  const session = await ort.InferenceSession.create(path.join(prepared.modelDir, 'onnx', 'model.onnx'), {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    ...(threads > 0 ? { intraOpNumThreads: threads } : {}),
  });
  const t = (await new Function('s', 'return import(s)')('@xenova/transformers')) as typeof import('@xenova/transformers');
  const tokenizer = await t.AutoTokenizer.from_pretrained(DEFAULT_TEXT_MODEL);
  tokenizer.model_max_length = encoder.maxTokens;
  const batch = 32;
  for (const long of [false, true]) {
    const texts = syntheticTexts(256, long);
    const tokens = await encoder.countTokens(texts);
    const mean = tokens.reduce((a, b) => a + b, 0) / tokens.length;
    await encoder.embed(texts.slice(0, batch));
    let t0 = performance.now();
    await encoder.embed(texts, { batchSize: batch });
    const tjs = 256 / ((performance.now() - t0) / 1000);

    const feeds = [];
    for (let i = 0; i < texts.length; i += batch) {
      const enc = tokenizer(texts.slice(i, i + batch), { padding: true, truncation: true }) as Record<
        string,
        { data: BigInt64Array; dims: number[] }
      >;
      const feed: Record<string, InstanceType<typeof ort.Tensor>> = {};
      for (const n of session.inputNames) {
        const src = enc[n] ?? { data: new BigInt64Array(enc.input_ids.data.length), dims: enc.input_ids.dims };
        feed[n] = new ort.Tensor('int64', src.data, src.dims);
      }
      feeds.push(feed);
    }
    await session.run(feeds[0]);
    t0 = performance.now();
    for (const f of feeds) await session.run(f);
    const raw = 256 / ((performance.now() - t0) / 1000);
    console.log(
      `~${mean.toFixed(0)} tokens/text, batch ${batch}: transformers.js ${tjs.toFixed(0)} texts/s, raw onnxruntime-node ${raw.toFixed(0)} texts/s (model only, ${threads || 'default'} threads)`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
