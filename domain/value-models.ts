/** Names of the fitted models and of the value predictions built from them. */

/** Models fitted by maximum likelihood in every value run. */
export const FIT_MODELS = ['bgnbd', 'pareto-nbd', 'gamma-gamma'] as const;
export type FitModel = (typeof FIT_MODELS)[number];

/** Value predictions scored per customer: transaction model x Gamma-Gamma spend, and the naive baseline. */
export const VALUE_MODELS = {
  'pareto-nbd-gg': { transactions: 'pareto-nbd', label: 'Pareto/NBD x Gamma-Gamma' },
  'bgnbd-gg': { transactions: 'bgnbd', label: 'BG/NBD x Gamma-Gamma' },
  naive: { transactions: 'naive', label: 'naive same-rate (x * h / T, mean spend)' },
} as const;
export type ValueModel = keyof typeof VALUE_MODELS;

export function isValueModel(name: string): name is ValueModel {
  return name in VALUE_MODELS;
}
