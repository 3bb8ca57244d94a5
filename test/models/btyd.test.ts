import assert from 'node:assert/strict';
import {
  type FitResult,
  type GammaGammaParams,
  ModelInputError,
  type ParetoNbdParams,
  TRANSACTION_MODEL_NAMES,
  type TransactionModelName,
  UnknownModelError,
  bgnbdExpectedTransactions,
  bgnbdExpectedTransactionsNew,
  bgnbdProbabilityAlive,
  compressRfm,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaPopulationMean,
  getTransactionModel,
  naiveSameRate,
  paretoNbdExpectedTransactions,
  paretoNbdExpectedTransactionsNew,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  predictTransactions,
  transactionModels,
} from '../../models/btyd';
import { evaluate } from '../../models/metrics';
import type { NelderMeadState } from '../../models/optimize';
import { OptimizationAbortedError } from '../../models/optimize';
import { HOLDOUT_WEEKS, cdnowSummaries } from './cdnow';
import { assertWithin, predictRevenue } from './helpers';

// Fader, Hardie & Lee (2005); EVALUATION.md
const PUBLISHED = {
  bgnbd: { params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, logLik: -9582.43 },
  'pareto-nbd': { params: { r: 0.5533, alpha: 10.5777, s: 0.6062, beta: 11.6687 }, logLik: -9594.98 },
} as const satisfies Record<TransactionModelName, unknown>;

// EVALUATION.md, "Holdout accuracy of those models", CDNOW sample, 39-week holdout
const HOLDOUT_TRANSACTIONS = {
  bgnbd: { sumPredicted: 1653, sumActual: 1882, mae: 0.785, rmse: 1.608, spearman: 0.449, normalizedGini: 0.663, auc: 0.773 },
  'pareto-nbd': { sumPredicted: 1666, sumActual: 1882, mae: 0.755, rmse: 1.603, spearman: 0.46, normalizedGini: 0.673, auc: 0.779 },
} as const;
const HOLDOUT_REVENUE = { sumPredicted: 60.4e3, sumActual: 71.0e3, mae: 29.5, rmse: 72.2, spearman: 0.445, normalizedGini: 0.659 } as const;

describe('BTYD models on the CDNOW sample (39-week calibration, 39-week holdout)', () => {
  const customers = cdnowSummaries('sample');
  const fits = {} as Record<TransactionModelName, FitResult>;
  let gg: FitResult<GammaGammaParams>;

  before(async () => {
    const data = compressRfm(customers);
    for (const name of TRANSACTION_MODEL_NAMES) fits[name] = await transactionModels[name].fit(data);
    gg = await fitGammaGamma(customers);
  });

  for (const name of TRANSACTION_MODEL_NAMES) {
    it(`${name}: reproduces the published MLE within 1% per parameter and in log-likelihood`, () => {
      const fit = fits[name];
      assert.ok(fit.converged);
      assert.equal(fit.customers, 2357);
      for (const [param, value] of Object.entries(PUBLISHED[name].params)) assertWithin(fit.params[param], value, 0.01, `${name} ${param}`);
      assertWithin(fit.logLik, PUBLISHED[name].logLik, 0.01, `${name} log-likelihood`);
      // the optimiser lands far closer than 1%: the published 4-digit values round the optimum
      assert.ok(Math.abs(fit.logLik - PUBLISHED[name].logLik) < 0.01);
    });

    it(`${name}: reproduces the published holdout accuracy within 2%`, () => {
      const predicted = predictTransactions(transactionModels[name], fits[name].params, HOLDOUT_WEEKS, customers);
      const e = evaluate(
        predicted,
        customers.map((c) => c.holdoutTransactions),
      );
      for (const [metric, value] of Object.entries(HOLDOUT_TRANSACTIONS[name])) {
        assertWithin(e[metric as keyof typeof e], value, 0.02, `${name} ${metric}`);
      }
    });
  }

  it('gamma-gamma: reproduces the published fit on the 946 repeat buyers (mean of repeat transactions)', () => {
    assert.equal(gg.customers, 946);
    assert.ok(gg.converged);
    assertWithin(gg.params.p, 6.2496, 0.01, 'p');
    assertWithin(gg.params.q, 3.7442, 0.01, 'q');
    assertWithin(gg.params.gamma, 15.4435, 0.01, 'gamma');
    assertWithin(gg.logLik, -4055.92, 0.01, 'log-likelihood');
    assert.ok(Math.abs(gg.logLik - -4055.92) < 0.01);
  });

  it('Pareto/NBD x Gamma-Gamma: reproduces the published holdout revenue accuracy within 2%', () => {
    const predicted = predictRevenue(customers, fits['pareto-nbd'].params as ParetoNbdParams, gg.params, HOLDOUT_WEEKS);
    const e = evaluate(
      predicted,
      customers.map((c) => c.holdoutValue),
    );
    for (const [metric, value] of Object.entries(HOLDOUT_REVENUE)) assertWithin(e[metric as keyof typeof e], value, 0.02, `revenue ${metric}`);
  });

  it('naive same-rate forecast: +55.7% biased with MAE 1.024', () => {
    const e = evaluate(
      customers.map((c) => naiveSameRate(HOLDOUT_WEEKS, c)),
      customers.map((c) => c.holdoutTransactions),
    );
    assertWithin(e.bias, 0.557, 0.02, 'bias');
    assertWithin(e.mae, 1.024, 0.02, 'MAE');
  });

  it('Pareto/NBD: a fit aborted mid-way and resumed from its saved JSON state reaches the same parameters', async () => {
    const controller = new AbortController();
    let heartbeat = '';
    await assert.rejects(
      fitParetoNbd(customers, {
        signal: controller.signal,
        onIteration: (state) => {
          heartbeat = JSON.stringify(state);
          if (state.iteration === 60) controller.abort();
        },
      }),
      OptimizationAbortedError,
    );
    const saved = JSON.parse(heartbeat) as NelderMeadState;
    assert.equal(saved.iteration, 60);
    const resumed = await fitParetoNbd(customers, { resume: saved });
    assert.deepEqual(resumed.params, fits['pareto-nbd'].params);
    assert.equal(resumed.logLik, fits['pareto-nbd'].logLik);
    assert.equal(resumed.iterations, fits['pareto-nbd'].iterations);
  });

  it('converges to the same optimum from distant starting points', async () => {
    const bg = await transactionModels.bgnbd.fit(customers, { initial: { r: 5, alpha: 0.1, a: 5, b: 500 } });
    for (const [k, v] of Object.entries(fits.bgnbd.params)) assertWithin(bg.params[k as keyof typeof bg.params], v, 1e-4, `BG/NBD ${k}`);
    const g = await fitGammaGamma(customers, { initial: { p: 0.1, q: 50, gamma: 0.1 } });
    for (const [k, v] of Object.entries(gg.params)) assertWithin(g.params[k as keyof GammaGammaParams], v, 1e-4, `Gamma-Gamma ${k}`);
  });

  it('predictions behave: P(alive) in (0, 1], expectations grow with the horizon, match the closed forms at x = 0', () => {
    const p = fits['pareto-nbd'].params as ParetoNbdParams;
    const b = transactionModels.bgnbd;
    for (const c of customers.slice(0, 200)) {
      for (const alive of [paretoNbdProbabilityAlive(p, c.x, c.tx, c.T), b.probabilityAlive(fits.bgnbd.params, c)]) {
        assert.ok(alive > 0 && alive <= 1);
      }
      const e10 = paretoNbdExpectedTransactions(p, 10, c.x, c.tx, c.T);
      assert.ok(e10 > 0 && e10 < paretoNbdExpectedTransactions(p, 39, c.x, c.tx, c.T));
    }
    // a brand-new customer (x = 0, T = 0) is the population: conditional = unconditional expectation
    assertWithin(paretoNbdExpectedTransactions(p, 39, 0, 0, 0), paretoNbdExpectedTransactionsNew(p, 39), 1e-12, 'Pareto/NBD E[X(39)]');
    const bp = fits.bgnbd.params as { r: number; alpha: number; a: number; b: number };
    assertWithin(bgnbdExpectedTransactions(bp, 39, 0, 0, 0), bgnbdExpectedTransactionsNew(bp, 39), 1e-12, 'BG/NBD E[X(39)]');
    assert.equal(bgnbdProbabilityAlive(bp, 0, 0, 30), 1);
    // Fader, Hardie & Lee (2005) report 1.23 expected BG/NBD transactions in the next 39 weeks for x=2, tx=30.43, T=38.86
    assertWithin(bgnbdExpectedTransactions(bp, 39, 2, 30.43, 38.86), 1.226, 0.01, 'BG/NBD customer forecast');
    assertWithin(gammaGammaPopulationMean(gg.params), (gg.params.p * gg.params.gamma) / (gg.params.q - 1), 1e-15, 'GG mean');
  });

  it('the registry validates names and parameters', () => {
    assert.equal(getTransactionModel('pareto-nbd'), transactionModels['pareto-nbd']);
    assert.throws(() => getTransactionModel('pareto'), (e: unknown) => e instanceof UnknownModelError && e.code === 'BTYD_UNKNOWN_MODEL');
    assert.throws(() => transactionModels.bgnbd.expectedTransactions({ r: 1, alpha: 1, a: 1 }, 39, { x: 0, tx: 0, T: 1 }), ModelInputError);
    assert.throws(() => compressRfm([{ x: 1, tx: 5, T: 4 }]), ModelInputError);
    const data = compressRfm(customers);
    assert.ok(data.x.length < customers.length / 2, `compressed to ${data.x.length} distinct rows`);
    assert.equal(
      paretoNbdLogLikelihood(fits['pareto-nbd'].params as ParetoNbdParams, data),
      transactionModels['pareto-nbd'].logLikelihood(fits['pareto-nbd'].params, data),
    );
  });
});
