/** Test helpers shared by the BTYD test files. */
import assert from 'node:assert/strict';
import type { CustomerSummary } from '../../domain/calibration';
import { type GammaGammaParams, type ParetoNbdParams, gammaGammaConditionalMean, gammaGammaPopulationMean, paretoNbdExpectedTransactions } from '../../models/btyd';

/** Asserts |actual / expected - 1| <= tol. */
export function assertWithin(actual: number, expected: number, tol: number, what: string): void {
  const rel = Math.abs(actual / expected - 1);
  assert.ok(rel <= tol, `${what}: got ${actual}, published ${expected} (off by ${(rel * 100).toFixed(2)}%, allowed ${tol * 100}%)`);
}

/** Pareto/NBD x Gamma-Gamma holdout revenue; customers without a repeat spend get the population mean. */
export function predictRevenue(customers: readonly CustomerSummary[], pnbd: ParetoNbdParams, gg: GammaGammaParams, t: number): number[] {
  const mean = gammaGammaPopulationMean(gg);
  return customers.map(
    (c) =>
      paretoNbdExpectedTransactions(pnbd, t, c.x, c.tx, c.T) * (c.x > 0 && c.monetary > 0 ? gammaGammaConditionalMean(gg, c.x, c.monetary) : mean),
  );
}
