/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV"; Colombo & Jiang 1999): each
 * transaction value is gamma(p, nu), nu ~ gamma(q, gamma) across customers, independent of the
 * purchase process. Fitted on repeat buyers' mean repeat-transaction value.
 */
import { lnGamma } from '../special';
import { maximizeLikelihood } from './mle';
import { type FitOptions, type FitResult, ModelInputError, type ParamRecord, checkParams } from './types';

export type GammaGammaParams = { p: number; q: number; gamma: number };
export const GAMMA_GAMMA_PARAM_NAMES = ['p', 'q', 'gamma'] as const;

/** A customer's repeat transactions x and their mean value. */
export interface MonetaryRow {
  x: number;
  monetary: number;
}

/** Identical (x, monetary) rows grouped with a weight count. */
export interface CompressedMonetary {
  readonly kind: 'monetary';
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly weight: Float64Array;
  readonly customers: number;
}

const DEFAULT_START: GammaGammaParams = { p: 1, q: 1, gamma: 1 };

/** Validates a parameter record as Gamma-Gamma parameters. */
export function toGammaGammaParams(params: ParamRecord): GammaGammaParams {
  return checkParams('gamma-gamma', GAMMA_GAMMA_PARAM_NAMES, params);
}

/** Keeps the customers the model is fitted on (x > 0 and a positive mean value) and groups identical rows. */
export function compressMonetary(rows: readonly MonetaryRow[]): CompressedMonetary {
  const index = new Map<string, number>();
  const x: number[] = [];
  const m: number[] = [];
  const weight: number[] = [];
  let customers = 0;
  for (const row of rows) {
    if (!Number.isFinite(row.monetary) || row.monetary < 0 || !(row.x >= 0)) {
      throw new ModelInputError(row, 'need x >= 0 and a finite, non-negative monetary value');
    }
    if (row.x === 0 || row.monetary === 0) continue;
    customers += 1;
    const key = `${row.x}|${row.monetary}`;
    const at = index.get(key);
    if (at !== undefined) weight[at] += 1;
    else {
      index.set(key, x.length);
      x.push(row.x);
      m.push(row.monetary);
      weight.push(1);
    }
  }
  return { kind: 'monetary', x: Float64Array.from(x), m: Float64Array.from(m), weight: Float64Array.from(weight), customers };
}

function asCompressedMonetary(data: readonly MonetaryRow[] | CompressedMonetary): CompressedMonetary {
  return 'kind' in data && (data as CompressedMonetary).kind === 'monetary'
    ? (data as CompressedMonetary)
    : compressMonetary(data as readonly MonetaryRow[]);
}

/** Log-likelihood of the repeat buyers' mean transaction values (density of the mean, Jacobian included). */
export function gammaGammaLogLikelihood(params: GammaGammaParams, data: readonly MonetaryRow[] | CompressedMonetary): number {
  const d = asCompressedMonetary(data);
  const { p, q, gamma } = params;
  const base = -lnGamma(q) + q * Math.log(gamma);
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const m = d.m[i];
    const px = p * x;
    const ll = base + lnGamma(px + q) - lnGamma(px) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x);
    total += d.weight[i] * ll;
  }
  return total;
}

/** Maximum-likelihood fit on repeat buyers (async; resumable through options.resume / onIteration). */
export async function fitGammaGamma(
  data: readonly MonetaryRow[] | CompressedMonetary,
  options: FitOptions<GammaGammaParams> = {},
): Promise<FitResult<GammaGammaParams>> {
  const d = asCompressedMonetary(data);
  if (d.customers === 0) throw new ModelInputError({ rows: 0 }, 'no repeat buyer with a positive mean value');
  return maximizeLikelihood(GAMMA_GAMMA_PARAM_NAMES, (p) => gammaGammaLogLikelihood(p, d), DEFAULT_START, d.customers, options);
}

/** E[mean transaction value | x, mean of the x repeat transactions]; the population mean when x = 0. */
export function gammaGammaConditionalMean(params: GammaGammaParams, x: number, monetary: number): number {
  const { p, q, gamma } = params;
  if (x === 0) return gammaGammaPopulationMean(params);
  return (p * (gamma + x * monetary)) / (p * x + q - 1);
}

/** E[transaction value] of a customer picked at random: p gamma / (q - 1) (infinite when q <= 1). */
export function gammaGammaPopulationMean(params: GammaGammaParams): number {
  const { p, q, gamma } = params;
  return q > 1 ? (p * gamma) / (q - 1) : Infinity;
}
