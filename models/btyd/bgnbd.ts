/**
 * BG/NBD (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): Poisson purchasing
 * with gamma(r, alpha) rates while alive, and a beta(a, b) chance of dropping out after each purchase.
 */
import { hyp2f1, lnGamma, logAddExp } from '../special';
import { maximizeLikelihood } from './mle';
import { type FitOptions, type FitResult, type ParamRecord, type RfmData, asCompressed, checkParams } from './types';

export type BgnbdParams = { r: number; alpha: number; a: number; b: number };
export const BGNBD_PARAM_NAMES = ['r', 'alpha', 'a', 'b'] as const;

const DEFAULT_START: BgnbdParams = { r: 1, alpha: 1, a: 1, b: 1 };

/** Validates a parameter record as BG/NBD parameters. */
export function toBgnbdParams(params: ParamRecord): BgnbdParams {
  return checkParams('bgnbd', BGNBD_PARAM_NAMES, params);
}

/** Log-likelihood of one customer's (x, tx, T). */
export function bgnbdLogLikelihoodRow(p: BgnbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const a1 = lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha);
  const a2 = lnGamma(a + b) + lnGamma(b + x) - lnGamma(b) - lnGamma(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  if (x === 0) return a1 + a2 + a3;
  const a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  return a1 + a2 + logAddExp(a3, a4);
}

/** Total log-likelihood of a dataset (weighted over identical rows). */
export function bgnbdLogLikelihood(p: BgnbdParams, data: RfmData): number {
  const d = asCompressed(data);
  const { r, alpha, a, b } = p;
  // parameter-only terms hoisted out of the loop; the gamma terms depend on x alone, so are tabulated per x
  const base = -lnGamma(r) + r * Math.log(alpha) + lnGamma(a + b) - lnGamma(b);
  const lnA = Math.log(a);
  const byX = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    const rx = r + x;
    let gammas = byX.get(x);
    if (gammas === undefined) {
      gammas = lnGamma(rx) + lnGamma(b + x) - lnGamma(a + b + x);
      byX.set(x, gammas);
    }
    const a3 = -rx * Math.log(alpha + d.T[i]);
    const ll = base + gammas + (x === 0 ? a3 : logAddExp(a3, lnA - Math.log(b + x - 1) - rx * Math.log(alpha + d.tx[i])));
    total += d.weight[i] * ll;
  }
  return total;
}

/** Maximum-likelihood fit (async; resumable through options.resume / onIteration). */
export async function fitBgnbd(data: RfmData, options: FitOptions<BgnbdParams> = {}): Promise<FitResult<BgnbdParams>> {
  const d = asCompressed(data);
  return maximizeLikelihood(BGNBD_PARAM_NAMES, (p) => bgnbdLogLikelihood(p, d), DEFAULT_START, d.customers, options);
}

/** P(customer still alive at T | x, tx, T). */
export function bgnbdProbabilityAlive(p: BgnbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = p;
  const lnOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(lnOdds));
}

/** a is moved this far away from 1, where the closed form is 0/0 (its limit is continuous). */
const A_NEAR_ONE = 1e-7;

/** Expected transactions in (T, T + t] given (x, tx, T). */
export function bgnbdExpectedTransactions(p: BgnbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, b } = p;
  let { a } = p;
  if (Math.abs(a - 1) < A_NEAR_ONE) a = a < 1 ? 1 - A_NEAR_ONE : 1 + A_NEAR_ONE;
  const z = t / (alpha + T + t);
  const lnPow = (r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t));
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const numerator = (a + b + x - 1) / (a - 1) * -Math.expm1(lnPow + Math.log(f));
  const pAlive = bgnbdProbabilityAlive({ r, alpha, a, b }, x, tx, T);
  return numerator * pAlive;
}

/** Expected transactions in (0, t] of a customer picked at random from the population (first purchase excluded). */
export function bgnbdExpectedTransactionsNew(p: BgnbdParams, t: number): number {
  const { r, alpha, a, b } = p;
  const f = hyp2f1(r, b, a + b - 1, t / (alpha + t));
  return ((a + b - 1) / (a - 1)) * -Math.expm1(r * (Math.log(alpha) - Math.log(alpha + t)) + Math.log(f));
}
