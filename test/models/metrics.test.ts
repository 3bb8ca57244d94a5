import assert from 'node:assert/strict';
import {
  MetricInputError,
  averageRanks,
  bias,
  bootstrapInterval,
  createRng,
  evaluate,
  mae,
  msle,
  normalizedGini,
  rmse,
  rocAuc,
  spearman,
  sumRatio,
  topShare,
} from '../../models/metrics';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} != ${b}`);

describe('prediction metrics', () => {
  // Worked by hand: predicted ranks 4,2,3,1 vs actual ranks 3,1,4,2.
  const predicted = [3, 1, 2, 0];
  const actual = [2, 0, 3, 1];

  it('computes calibration and error metrics', () => {
    close(sumRatio(predicted, actual), 1);
    close(bias(predicted, actual), 0);
    close(bias([2, 4], [2, 2]), 0.5);
    close(mae(predicted, actual), 1);
    close(rmse(predicted, actual), 1);
    close(rmse([0, 0], [3, 4]), Math.sqrt(12.5));
    close(msle(predicted, actual), (2 * Math.log(4 / 3) ** 2 + 2 * Math.log(2) ** 2) / 4);
  });

  it('computes Spearman on average ranks', () => {
    close(spearman(predicted, actual), 0.6); // 1 - 6 * 4 / (4 * 15)
    assert.deepEqual(Array.from(averageRanks([1, 2, 2, 3])), [1, 2.5, 2.5, 4]);
    close(spearman([1, 2, 2, 3], [1, 2, 3, 4]), 4.5 / Math.sqrt(4.5 * 5));
    assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])));
  });

  it('computes the normalized Gini from the gain curve', () => {
    // ranked by prediction: actual 2,3,0,1 -> Gini 0.125; perfect 3,2,1,0 -> 0.2083
    close(normalizedGini(predicted, actual), 0.125 / (5 / 24));
    close(normalizedGini(actual, actual), 1);
    close(normalizedGini([4, 3, 2, 1], [1, 2, 3, 4]), -1);
  });

  it('breaks ties by position, deterministically', () => {
    close(normalizedGini([1, 1], [0, 1]), -1);
    close(normalizedGini([1, 1], [1, 0]), 1);
    close(topShare([5, 5, 5, 1], [0, 1, 2, 3], 0.5), 1 / 6);
  });

  it('computes the share captured by the top fraction', () => {
    close(topShare(predicted, actual, 0.25), 2 / 6);
    close(topShare(predicted, actual, 0.5), 5 / 6);
    close(topShare(predicted, actual, 1), 1);
  });

  it('computes ROC-AUC of any purchase with ties counted half', () => {
    close(rocAuc(predicted, actual), 2 / 3);
    close(rocAuc([1, 1, 0], [1, 0, 0]), 0.75);
    close(rocAuc([0.9, 0.8, 0.1], [2, 1, 0]), 1);
    assert.ok(Number.isNaN(rocAuc([1, 2], [1, 1])));
  });

  it('summarises all metrics at once', () => {
    const e = evaluate(predicted, actual);
    assert.equal(e.n, 4);
    close(e.sumPredicted, 6);
    close(e.spearman, 0.6);
    close(e.auc, 2 / 3);
    close(e.baseRate, 0.75);
  });

  it('gives seeded, reproducible bootstrap intervals', () => {
    const rng = createRng(42);
    const p = Array.from({ length: 200 }, () => rng() * 10);
    const a = p.map((v, i) => v + ((i * 7919) % 13) - 6);
    const one = bootstrapInterval(p, a, mae, { samples: 300, seed: 7 });
    const two = bootstrapInterval(p, a, mae, { samples: 300, seed: 7 });
    const other = bootstrapInterval(p, a, mae, { samples: 300, seed: 8 });
    assert.deepEqual(one, two);
    assert.notDeepEqual(one, other);
    close(one.estimate, mae(p, a));
    assert.ok(one.lower < one.estimate && one.estimate < one.upper, JSON.stringify(one));
    const flat = bootstrapInterval([1, 1, 1], [2, 2, 2], mae, { samples: 50 });
    assert.deepEqual(flat, { estimate: 1, lower: 1, upper: 1 });
  });

  it('produces uniform-looking numbers in [0, 1) from the seeded PRNG', () => {
    const rng = createRng(1);
    const xs = Array.from({ length: 10000 }, rng);
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    close(xs.reduce((s, x) => s + x, 0) / xs.length, 0.5, 0.01);
    assert.deepEqual(Array.from({ length: 3 }, createRng(1)), xs.slice(0, 3));
  });

  it('rejects mismatched, empty or non-finite inputs', () => {
    assert.throws(() => mae([1, 2], [1]), MetricInputError);
    assert.throws(() => rmse([], []), MetricInputError);
    assert.throws(() => spearman([1, NaN], [1, 2]), (e: unknown) => e instanceof MetricInputError && e.code === 'METRIC_INPUT_INVALID');
    assert.throws(() => topShare([1], [1], 0), MetricInputError);
  });
});
