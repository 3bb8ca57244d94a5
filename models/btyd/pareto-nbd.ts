/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): Poisson purchasing with gamma(r, alpha) rates,
 * exponential lifetimes with gamma(s, beta) dropout rates. Likelihood in the form of Fader, Hardie &
 * Shang's note (2F1 argument always in [0, 1)), evaluated in log space as CLVTools and lifetimes do.
 */
import { lnGamma, lnHyp2f1, logAddExp, logSubExp } from '../special';
import { maximizeLikelihood } from './mle';
import { type FitOptions, type FitResult, type ParamRecord, type RfmData, asCompressed, checkParams } from './types';

export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };
export const PARETO_NBD_PARAM_NAMES = ['r', 'alpha', 's', 'beta'] as const;

const DEFAULT_START: ParetoNbdParams = { r: 1, alpha: 1, s: 1, beta: 1 };

/** Validates a parameter record as Pareto/NBD parameters. */
export function toParetoNbdParams(params: ParamRecord): ParetoNbdParams {
  return checkParams('pareto-nbd', PARETO_NBD_PARAM_NAMES, params);
}

/** ln A0 of Fader, Hardie & Shang: the part of the likelihood for dying between tx and T. */
function logA0(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  const alphaBelow = alpha < beta;
  const hi = alphaBelow ? beta : alpha;
  const second = alphaBelow ? r + x : s + 1;
  const diff = Math.abs(alpha - beta);
  const lnTx = Math.log(hi + tx);
  const lnT = Math.log(hi + T);
  const u = lnHyp2f1(rsx, second, rsx + 1, diff / (hi + tx)) - rsx * lnTx;
  const v = lnHyp2f1(rsx, second, rsx + 1, diff / (hi + T)) - rsx * lnT;
  // u >= v mathematically; rounding can flip them when tx is within an ulp of T
  return v >= u ? -Infinity : logSubExp(u, v);
}

/** The likelihood given a1 = ln Gamma(r+x) - ln Gamma(r) + r ln alpha + s ln beta. */
function logLikelihoodGiven(a1: number, p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  const aliveAtT = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const diedBefore = Math.log(s) + logA0(p, x, tx, T) - Math.log(r + s + x);
  return a1 + logAddExp(aliveAtT, diedBefore);
}

/** Log-likelihood of one customer's (x, tx, T). */
export function paretoNbdLogLikelihoodRow(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, s, beta } = p;
  return logLikelihoodGiven(lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta), p, x, tx, T);
}

/** Total log-likelihood of a dataset (weighted over identical rows). */
export function paretoNbdLogLikelihood(p: ParetoNbdParams, data: RfmData): number {
  const d = asCompressed(data);
  const { r, alpha, s, beta } = p;
  const base = -lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const byX = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < d.x.length; i++) {
    const x = d.x[i];
    let a1 = byX.get(x);
    if (a1 === undefined) {
      a1 = base + lnGamma(r + x);
      byX.set(x, a1);
    }
    total += d.weight[i] * logLikelihoodGiven(a1, p, x, d.tx[i], d.T[i]);
  }
  return total;
}

/** Maximum-likelihood fit (async; resumable through options.resume / onIteration). */
export async function fitParetoNbd(data: RfmData, options: FitOptions<ParetoNbdParams> = {}): Promise<FitResult<ParetoNbdParams>> {
  const d = asCompressed(data);
  return maximizeLikelihood(PARETO_NBD_PARAM_NAMES, (p) => paretoNbdLogLikelihood(p, d), DEFAULT_START, d.customers, options);
}

/** ln of the likelihood term "alive at T", which over the full likelihood is P(alive). */
function lnAliveTerm(p: ParetoNbdParams, x: number, T: number): number {
  const { r, alpha, s, beta } = p;
  return (
    lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta) - (r + x) * Math.log(alpha + T) - s * Math.log(beta + T)
  );
}

/** P(customer still alive at T | x, tx, T). */
export function paretoNbdProbabilityAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  return Math.exp(lnAliveTerm(p, x, T) - paretoNbdLogLikelihoodRow(p, x, tx, T));
}

/** Expected transactions in (T, T + t] given (x, tx, T). */
export function paretoNbdExpectedTransactions(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, s, beta } = p;
  const lnQ = Math.log(beta + T) - Math.log(beta + T + t);
  // (1 - q^(s-1)) / (s-1), with its limit -ln q at s = 1
  const sm1 = s - 1;
  const horizon = Math.abs(sm1) < 1e-12 ? -lnQ : -Math.expm1(sm1 * lnQ) / sm1;
  const rate = Math.log(r + x) + Math.log(beta + T) - Math.log(alpha + T);
  return Math.exp(lnAliveTerm(p, x, T) - paretoNbdLogLikelihoodRow(p, x, tx, T) + rate) * horizon;
}

/** Expected transactions in (0, t] of a customer picked at random from the population. */
export function paretoNbdExpectedTransactionsNew(p: ParetoNbdParams, t: number): number {
  const { r, alpha, s, beta } = p;
  const sm1 = s - 1;
  const lnQ = Math.log(beta) - Math.log(beta + t);
  const horizon = Math.abs(sm1) < 1e-12 ? -lnQ : -Math.expm1(sm1 * lnQ) / sm1;
  return ((r * beta) / alpha) * horizon;
}
