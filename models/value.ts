/**
 * From fitted BTYD models to customer value: dispatches fits by model name, and predicts per customer
 * the expected transactions over a horizon, probability alive, expected spend and value.
 */
import type { FitModel, ValueModel } from '../domain/value-models';
import { VALUE_MODELS } from '../domain/value-models';
import {
  fitGammaGamma,
  gammaGammaConditionalMean,
  gammaGammaPopulationMean,
  naiveSameRate,
  transactionModels,
  type FitOptions,
  type FitResult,
  type GammaGammaParams,
  type ParamRecord,
} from './btyd';

export interface SummaryRow {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  monetary: number;
}

export type BtydFitResult = FitResult<ParamRecord>;

/** Fitted parameters by model name, as stored in model_fits. */
export type BtydParams = Partial<Record<FitModel, Record<string, number>>>;

export class MissingFitError extends Error {
  readonly code = 'FIT_MISSING';
  constructor(model: string, needs: string) {
    super(`value model ${model} needs the ${needs} fit, which this run does not have`);
    this.name = 'MissingFitError';
  }
}

/** Fits one BTYD model by maximum likelihood (Gamma-Gamma on the repeat buyers only). */
export async function fitBtydModel(model: FitModel, data: readonly Omit<SummaryRow, 'customerId'>[], options: FitOptions = {}): Promise<BtydFitResult> {
  if (model === 'gamma-gamma') return fitGammaGamma(data.filter((d) => d.x > 0 && d.monetary > 0), options as FitOptions<GammaGammaParams>);
  return transactionModels[model].fit(data, options);
}

export interface ValuePrediction {
  customerId: string;
  expectedTransactions: number;
  pAlive: number | null;
  expectedSpend: number;
  predictedValue: number;
}

/** Predictions of one value model for every customer over `horizon` time units. */
export function predictValues(model: ValueModel, params: BtydParams, customers: readonly SummaryRow[], horizon: number): ValuePrediction[] {
  const spec = VALUE_MODELS[model];
  if (spec.transactions === 'naive') {
    // Same rate as in calibration, same mean spend: the floor every model must beat.
    const repeaters = customers.filter((c) => c.x > 0);
    const meanSpend = repeaters.length ? repeaters.reduce((a, c) => a + c.monetary, 0) / repeaters.length : 0;
    return customers.map((c) => {
      const expectedTransactions = naiveSameRate(horizon, c);
      const expectedSpend = c.x > 0 ? c.monetary : meanSpend;
      return { customerId: c.customerId, expectedTransactions, pAlive: null, expectedSpend, predictedValue: expectedTransactions * expectedSpend };
    });
  }
  const tp = params[spec.transactions];
  if (!tp) throw new MissingFitError(model, spec.transactions);
  const gg = params['gamma-gamma'] as GammaGammaParams | undefined;
  if (!gg) throw new MissingFitError(model, 'gamma-gamma');
  const tm = transactionModels[spec.transactions];
  const populationMean = gammaGammaPopulationMean(gg);
  return customers.map((c) => {
    const expectedTransactions = tm.expectedTransactions(tp, horizon, c);
    const expectedSpend = c.x > 0 && c.monetary > 0 ? gammaGammaConditionalMean(gg, c.x, c.monetary) : populationMean;
    return { customerId: c.customerId, expectedTransactions, pAlive: tm.probabilityAlive(tp, c), expectedSpend, predictedValue: expectedTransactions * expectedSpend };
  });
}
