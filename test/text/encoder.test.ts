/**
 * The pretrained sentence encoder, end to end: prepare it offline (venv + ONNX export, once; later runs
 * reuse $CVP_MODEL_DIR or ~/.cache/cvp/models), load it with transformers.js, and compare its
 * embeddings with those of the original implementation (sentence-transformers), stored by the export.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { loadEncoder, type TextEncoder } from '../../models/text/encoder';
import { DEFAULT_TEXT_MODEL, TEXT_MODELS } from '../../models/text/models';
import { ModelPrepareError, prepareModel, type PreparedModel } from '../../models/text/prepare';
import { PARAPHRASE_CHECKS, REFERENCE_SENTENCES } from '../../models/text/reference-sentences';
import { syntheticTexts } from './texts';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const norm = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => dot(a, b) / (norm(a) * norm(b));

describe('text encoder (pretrained, offline) @slow', function () {
  this.timeout(30 * 60_000); // the first preparation installs torch and exports the model (minutes)
  const name = DEFAULT_TEXT_MODEL;
  let prepared: PreparedModel;
  let encoder: TextEncoder;
  let reference: { sentences: string[]; embeddings: number[][]; dimension: number };
  let ours: Float32Array[];

  before(async () => {
    prepared = await prepareModel(name, { log: (l) => console.log(`      [prepare] ${l}`) });
    console.log(`      prepared ${name} in ${prepared.modelDir} (${prepared.created ? 'created' : 'cached'}, ${prepared.seconds.toFixed(1)} s)`);
    reference = JSON.parse(fs.readFileSync(prepared.referencePath, 'utf8'));
    encoder = await loadEncoder(name, { cacheDir: prepared.cacheDir });
    ours = await encoder.embed(reference.sentences, { batchSize: 5 }); // batches with padding
  });

  it('is idempotent: a second preparation returns at once', async () => {
    const again = await prepareModel(name, { cacheDir: prepared.cacheDir });
    assert.equal(again.created, false);
    assert.ok(again.seconds < 1, `${again.seconds} s`);
    assert.strictEqual(await loadEncoder(name, { cacheDir: prepared.cacheDir }), encoder, 'one encoder per process');
  });

  it('agrees with sentence-transformers on every reference sentence (cosine >= 0.999)', () => {
    assert.deepEqual(reference.sentences, [...REFERENCE_SENTENCES]);
    assert.equal(reference.dimension, TEXT_MODELS[name].dimension);
    assert.equal(ours.length, reference.sentences.length);
    const cos = ours.map((v, i) => cosine(v, reference.embeddings[i]));
    console.log(`      cosine vs sentence-transformers: min ${Math.min(...cos).toFixed(8)} (1 - min = ${(1 - Math.min(...cos)).toExponential(2)}), max |diff| ${Math.max(...ours.flatMap((v, i) => Array.from(v, (x, d) => Math.abs(x - reference.embeddings[i][d])))).toExponential(2)}`);
    cos.forEach((c, i) => assert.ok(c >= 0.999, `sentence ${i} '${reference.sentences[i]}': cosine ${c}`));
    for (const v of ours) {
      assert.equal(v.length, encoder.dimension);
      assert.ok(Math.abs(norm(v) - 1) < 1e-5, 'L2-normalised');
    }
  });

  it('gives the same vector for a text whatever its batch and padding', async () => {
    const alone = await encoder.embed([REFERENCE_SENTENCES[0]]);
    assert.ok(cosine(alone[0], ours[0]) > 0.99999);
  });

  for (const check of PARAPHRASE_CHECKS) {
    it(`scores paraphrases closer than unrelated sentences (${check.lang})`, function () {
      const lines: string[] = [];
      let ok = true;
      for (const [a, b] of check.pairs) {
        const para = cosine(ours[a], ours[b]);
        const worst = Math.max(...check.unrelated.flatMap((u) => [cosine(ours[a], ours[u]), cosine(ours[b], ours[u])]));
        lines.push(`${check.lang} pair ${a}-${b}: paraphrase ${para.toFixed(3)} vs best unrelated ${worst.toFixed(3)}`);
        ok &&= para > worst;
      }
      console.log(lines.map((l) => `      ${l}`).join('\n'));
      if (check.lang !== 'en' && !TEXT_MODELS[name].multilingual) {
        // an English-only model: reported, not required
        if (!ok) this.skip();
        return;
      }
      assert.ok(ok, lines.join('\n'));
    });
  }

  it('prints its throughput on 256 short texts (no timing assertion)', async () => {
    for (const long of [false, true]) {
      const texts = syntheticTexts(256, long);
      const tokens = await encoder.countTokens(texts);
      const meanTokens = tokens.reduce((a, b) => a + b, 0) / tokens.length;
      await encoder.embed(texts.slice(0, 32)); // warm-up
      const t0 = process.hrtime.bigint();
      const vectors = await encoder.embed(texts, { batchSize: 32 });
      const s = Number(process.hrtime.bigint() - t0) / 1e9;
      assert.equal(vectors.length, 256);
      console.log(`      ${(256 / s).toFixed(0)} texts/s (256 texts, ~${meanTokens.toFixed(0)} tokens each, batch 32)`);
    }
  });
});

describe('text encoder preparation errors', () => {
  it('names the failing step: no usable python for the venv', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-text-'));
    try {
      await assert.rejects(
        prepareModel(DEFAULT_TEXT_MODEL, { cacheDir: dir, python: path.join(dir, 'no-such-python') }),
        (err: unknown) => err instanceof ModelPrepareError && err.step === 'venv' && /could not create a Python venv/.test(err.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says the model is not prepared instead of going to the Hub', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-text-'));
    try {
      await assert.rejects(loadEncoder(DEFAULT_TEXT_MODEL, { cacheDir: dir }), /is not prepared under .*cvp models prepare/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
