/**
 * The BTYD models behind one small registry, so callers can loop over models by name:
 * transaction models (BG/NBD, Pareto/NBD), the Gamma-Gamma spend model and the naive baseline.
 */
import {
  BGNBD_PARAM_NAMES,
  bgnbdExpectedTransactions,
  bgnbdLogLikelihood,
  bgnbdProbabilityAlive,
  fitBgnbd,
  toBgnbdParams,
} from './bgnbd';
import {
  PARETO_NBD_PARAM_NAMES,
  fitParetoNbd,
  paretoNbdExpectedTransactions,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  toParetoNbdParams,
} from './pareto-nbd';
import type { FitOptions, FitResult, ParamRecord, RfmData, RfmRow } from './types';

export * from './types';
export * from './bgnbd';
export * from './pareto-nbd';
export * from './gamma-gamma';
export * from './naive';

/** A transaction model seen through plain parameter records (validated on every call). */
export interface TransactionModel {
  readonly label: string;
  readonly paramNames: readonly string[];
  logLikelihood(params: ParamRecord, data: RfmData): number;
  fit(data: RfmData, options?: FitOptions): Promise<FitResult>;
  /** Expected transactions in (T, T + t] given the customer's (x, tx, T). */
  expectedTransactions(params: ParamRecord, t: number, row: RfmRow): number;
  probabilityAlive(params: ParamRecord, row: RfmRow): number;
}

export const transactionModels = {
  bgnbd: {
    label: 'BG/NBD',
    paramNames: BGNBD_PARAM_NAMES,
    logLikelihood: (params, data) => bgnbdLogLikelihood(toBgnbdParams(params), data),
    fit: (data, options = {}) =>
      fitBgnbd(data, { ...options, initial: options.initial === undefined ? undefined : toBgnbdParams(options.initial) }),
    expectedTransactions: (params, t, row) => bgnbdExpectedTransactions(toBgnbdParams(params), t, row.x, row.tx, row.T),
    probabilityAlive: (params, row) => bgnbdProbabilityAlive(toBgnbdParams(params), row.x, row.tx, row.T),
  },
  'pareto-nbd': {
    label: 'Pareto/NBD',
    paramNames: PARETO_NBD_PARAM_NAMES,
    logLikelihood: (params, data) => paretoNbdLogLikelihood(toParetoNbdParams(params), data),
    fit: (data, options = {}) =>
      fitParetoNbd(data, { ...options, initial: options.initial === undefined ? undefined : toParetoNbdParams(options.initial) }),
    expectedTransactions: (params, t, row) => paretoNbdExpectedTransactions(toParetoNbdParams(params), t, row.x, row.tx, row.T),
    probabilityAlive: (params, row) => paretoNbdProbabilityAlive(toParetoNbdParams(params), row.x, row.tx, row.T),
  },
} as const satisfies Record<string, TransactionModel>;

export type TransactionModelName = keyof typeof transactionModels;
export const TRANSACTION_MODEL_NAMES = Object.keys(transactionModels) as TransactionModelName[];

export class UnknownModelError extends Error {
  readonly code = 'BTYD_UNKNOWN_MODEL';
  constructor(name: string) {
    super(`unknown BTYD model ${JSON.stringify(name)}; known: ${TRANSACTION_MODEL_NAMES.join(', ')}`);
    this.name = 'UnknownModelError';
  }
}

/** The registry entry of a model name, or UnknownModelError. */
export function getTransactionModel(name: string): TransactionModel {
  if (!Object.prototype.hasOwnProperty.call(transactionModels, name)) throw new UnknownModelError(name);
  return transactionModels[name as TransactionModelName];
}

/** Expected transactions in the next t time units for every row (one array, in row order). */
export function predictTransactions(model: TransactionModel, params: ParamRecord, t: number, rows: readonly RfmRow[]): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = model.expectedTransactions(params, t, rows[i]);
  return out;
}
