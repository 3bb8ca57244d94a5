import assert from 'node:assert/strict';
import { type FitResult, type GammaGammaParams, type ParetoNbdParams, fitGammaGamma, fitParetoNbd, paretoNbdExpectedTransactions } from '../../models/btyd';
import { evaluate } from '../../models/metrics';
import { assertWithin, predictRevenue } from './helpers';
import { HOLDOUT_WEEKS, cdnowSummaries } from './cdnow';

// EVALUATION.md, "Holdout accuracy of those models", CDNOW master (23,570 customers), 39-week holdout
const TRANSACTIONS = { sumPredicted: 17153, sumActual: 19684, mae: 0.794, rmse: 1.726, spearman: 0.452, normalizedGini: 0.673, auc: 0.769 } as const;
const REVENUE = { sumPredicted: 654e3, sumActual: 777e3, mae: 32.0, rmse: 92.9, spearman: 0.442, normalizedGini: 0.684 } as const;

describe('Pareto/NBD x Gamma-Gamma on the full CDNOW cohort (23,570 customers) @slow', () => {
  const customers = cdnowSummaries('master');
  let pnbd: FitResult<ParetoNbdParams>;
  let gg: FitResult<GammaGammaParams>;

  before(async () => {
    pnbd = await fitParetoNbd(customers);
    gg = await fitGammaGamma(customers);
  });

  it('fits and reproduces the published holdout transaction accuracy within 2%', () => {
    assert.equal(customers.length, 23570);
    assert.ok(pnbd.converged);
    const e = evaluate(
      customers.map((c) => paretoNbdExpectedTransactions(pnbd.params, HOLDOUT_WEEKS, c.x, c.tx, c.T)),
      customers.map((c) => c.holdoutTransactions),
    );
    for (const [metric, value] of Object.entries(TRANSACTIONS)) assertWithin(e[metric as keyof typeof e], value, 0.02, `transactions ${metric}`);
  });

  it('reproduces the published holdout revenue accuracy within 2%', () => {
    const e = evaluate(
      predictRevenue(customers, pnbd.params, gg.params, HOLDOUT_WEEKS),
      customers.map((c) => c.holdoutValue),
    );
    for (const [metric, value] of Object.entries(REVENUE)) assertWithin(e[metric as keyof typeof e], value, 0.02, `revenue ${metric}`);
  });
});
