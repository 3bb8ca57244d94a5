/**
 * Prediction-quality metrics over per-customer predicted and actual values (EVALUATION.md):
 * calibration (sum ratio, bias), error (MAE, RMSE, MSLE), ranking (Spearman, normalized Gini,
 * top-k share), purchase propensity (ROC-AUC), and seeded bootstrap intervals. Pure functions.
 */

export class MetricInputError extends Error {
  readonly code = 'METRIC_INPUT_INVALID';
  constructor(input: unknown, why: string) {
    super(`metric input ${JSON.stringify(input)} is invalid: ${why}`);
    this.name = 'MetricInputError';
  }
}

export type Values = ArrayLike<number>;

function check(predicted: Values, actual: Values): number {
  const n = predicted.length;
  if (n !== actual.length) throw new MetricInputError({ predicted: n, actual: actual.length }, 'lengths differ');
  if (n === 0) throw new MetricInputError({ predicted: 0 }, 'no values');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(predicted[i]) || !Number.isFinite(actual[i])) {
      throw new MetricInputError({ index: i, predicted: predicted[i], actual: actual[i] }, 'values must be finite');
    }
  }
  return n;
}

function sum(v: Values): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

/** Sum of predictions over sum of actuals. */
export function sumRatio(predicted: Values, actual: Values): number {
  check(predicted, actual);
  return sum(predicted) / sum(actual);
}

/** Total bias: sum predicted / sum actual - 1. */
export function bias(predicted: Values, actual: Values): number {
  return sumRatio(predicted, actual) - 1;
}

/** Mean absolute error. */
export function mae(predicted: Values, actual: Values): number {
  const n = check(predicted, actual);
  let s = 0;
  for (let i = 0; i < n; i++) s += Math.abs(predicted[i] - actual[i]);
  return s / n;
}

/** Root mean squared error. */
export function rmse(predicted: Values, actual: Values): number {
  const n = check(predicted, actual);
  let s = 0;
  for (let i = 0; i < n; i++) s += (predicted[i] - actual[i]) ** 2;
  return Math.sqrt(s / n);
}

/** Mean squared logarithmic error, mean of (ln(1 + p) - ln(1 + a))^2; values must be > -1. */
export function msle(predicted: Values, actual: Values): number {
  const n = check(predicted, actual);
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (predicted[i] <= -1 || actual[i] <= -1) throw new MetricInputError({ index: i }, 'MSLE needs values > -1');
    s += (Math.log1p(predicted[i]) - Math.log1p(actual[i])) ** 2;
  }
  return s / n;
}

/** 1-based ranks, ascending, ties sharing their average rank. */
export function averageRanks(v: Values): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => v[i] - v[j]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && v[order[end]] === v[order[start]]) end++;
    const rank = (start + 1 + end) / 2; // mean of start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

function pearson(x: Values, y: Values): number {
  const n = x.length;
  const mx = sum(x) / n;
  const my = sum(y) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? NaN : sxy / Math.sqrt(sxx * syy);
}

/** Spearman rank correlation (Pearson on average ranks); NaN when either side is constant. */
export function spearman(predicted: Values, actual: Values): number {
  check(predicted, actual);
  return pearson(averageRanks(predicted), averageRanks(actual));
}

/** Indices sorted by score descending; ties keep index order, so cuts are deterministic. */
export function rankDescending(score: Values): number[] {
  return Array.from({ length: score.length }, (_, i) => i).sort((i, j) => score[j] - score[i] || i - j);
}

/** Gini of the gain curve of `actual` taken in `order` (mean cumulative share minus (n + 1) / 2n). */
function giniInOrder(actual: Values, order: readonly number[]): number {
  const n = order.length;
  const total = sum(actual);
  let cumulative = 0;
  let area = 0;
  for (const i of order) {
    cumulative += actual[i];
    area += cumulative / total;
  }
  return (area - (n + 1) / 2) / n;
}

/** Normalized Gini: Gini of actual value ranked by prediction over Gini of the perfect ranking. */
export function normalizedGini(predicted: Values, actual: Values): number {
  check(predicted, actual);
  if (sum(actual) === 0) return NaN;
  return giniInOrder(actual, rankDescending(predicted)) / giniInOrder(actual, rankDescending(actual));
}

/** Share of total actual value held by the top `fraction` of customers by prediction (round(fraction * n) customers). */
export function topShare(predicted: Values, actual: Values, fraction: number): number {
  const n = check(predicted, actual);
  if (!(fraction > 0 && fraction <= 1)) throw new MetricInputError({ fraction }, 'fraction must be in (0, 1]');
  const k = Math.max(1, Math.round(fraction * n));
  const order = rankDescending(predicted);
  let top = 0;
  for (let r = 0; r < k; r++) top += actual[order[r]];
  return top / sum(actual);
}

/** ROC-AUC of "actual > 0" scored by prediction (Mann-Whitney; ties count half); NaN without both classes. */
export function rocAuc(predicted: Values, actual: Values): number {
  const n = check(predicted, actual);
  const ranks = averageRanks(predicted);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (actual[i] > 0) {
      positives += 1;
      rankSum += ranks[i];
    }
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export interface MetricSummary {
  n: number;
  sumPredicted: number;
  sumActual: number;
  sumRatio: number;
  bias: number;
  mae: number;
  rmse: number;
  msle: number;
  spearman: number;
  normalizedGini: number;
  top10Share: number;
  top20Share: number;
  auc: number;
  baseRate: number;
}

/** All point metrics at once (MSLE is NaN when a value is <= -1). */
export function evaluate(predicted: Values, actual: Values): MetricSummary {
  const n = check(predicted, actual);
  let buyers = 0;
  let logOk = true;
  for (let i = 0; i < n; i++) {
    if (actual[i] > 0) buyers += 1;
    if (predicted[i] <= -1 || actual[i] <= -1) logOk = false;
  }
  return {
    n,
    sumPredicted: sum(predicted),
    sumActual: sum(actual),
    sumRatio: sumRatio(predicted, actual),
    bias: bias(predicted, actual),
    mae: mae(predicted, actual),
    rmse: rmse(predicted, actual),
    msle: logOk ? msle(predicted, actual) : NaN,
    spearman: spearman(predicted, actual),
    normalizedGini: normalizedGini(predicted, actual),
    top10Share: topShare(predicted, actual, 0.1),
    top20Share: topShare(predicted, actual, 0.2),
    auc: rocAuc(predicted, actual),
    baseRate: buyers / n,
  };
}

/** Seeded PRNG (mulberry32) returning floats in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BootstrapOptions {
  /** Resamples (default 1000). */
  samples?: number;
  /** Seed of the PRNG (default 1). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
}

export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
}

/** Percentile bootstrap interval of metric(predicted, actual), resampling customers with a seeded PRNG. */
export function bootstrapInterval(
  predicted: Values,
  actual: Values,
  metric: (predicted: Float64Array, actual: Float64Array) => number,
  options: BootstrapOptions = {},
): Interval {
  const n = check(predicted, actual);
  const samples = options.samples ?? 1000;
  const level = options.level ?? 0.95;
  if (!(Number.isInteger(samples) && samples > 0)) throw new MetricInputError({ samples }, 'samples must be a positive integer');
  if (!(level > 0 && level < 1)) throw new MetricInputError({ level }, 'level must be in (0, 1)');
  const rng = createRng(options.seed ?? 1);
  const p = new Float64Array(n);
  const a = new Float64Array(n);
  const stats: number[] = [];
  for (let b = 0; b < samples; b++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng() * n);
      p[i] = predicted[j];
      a[i] = actual[j];
    }
    const v = metric(p, a);
    if (!Number.isNaN(v)) stats.push(v);
  }
  stats.sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  return {
    estimate: metric(Float64Array.from(predicted), Float64Array.from(actual)),
    lower: quantile(stats, tail),
    upper: quantile(stats, 1 - tail),
  };
}

/** Linear-interpolated quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
