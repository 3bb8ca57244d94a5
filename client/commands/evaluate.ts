/** `cvp evaluate`: holdout accuracy of every model of a run, next to the naive same-rate baseline. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { getRun, latestRun } from '../../db/repositories/reports';
import { VALUE_MODELS, type ValueModel } from '../../domain/value-models';
import { evaluate, type MetricSummary } from '../../models/metrics';
import { money, num, pct, table } from '../format';
import { RunNotFoundError } from './report';

export interface RunEvaluation {
  runId: string;
  customers: number;
  transactions: Record<ValueModel, MetricSummary>;
  revenue: Record<ValueModel, MetricSummary>;
}

export class NoHoldoutError extends Error {
  readonly code = 'NO_HOLDOUT';
  constructor(runId: string) {
    super(`run ${runId} has no realised holdout (the data ends before the horizon does), so there is nothing to evaluate against`);
    this.name = 'NoHoldoutError';
  }
}

/** Metrics of each value model's transactions and revenue against the realised holdout. */
export async function evaluateRun(db: Kysely<Database>, runId: string): Promise<RunEvaluation> {
  const rows = await db
    .selectFrom('customer_scores as s')
    .innerJoin('customer_summaries as c', (j) => j.onRef('c.run_id', '=', 's.run_id').onRef('c.customer_id', '=', 's.customer_id'))
    .select(['s.model', 's.customer_id', 's.expected_transactions', 's.predicted_value', 'c.holdout_transactions', 'c.holdout_value'])
    .where('s.run_id', '=', runId)
    .orderBy('s.model')
    .orderBy('s.customer_id')
    .execute();
  if (rows.some((r) => r.holdout_value === null)) throw new NoHoldoutError(runId);
  const transactions = {} as Record<ValueModel, MetricSummary>;
  const revenue = {} as Record<ValueModel, MetricSummary>;
  for (const model of Object.keys(VALUE_MODELS) as ValueModel[]) {
    const m = rows.filter((r) => r.model === model);
    if (!m.length) continue;
    transactions[model] = evaluate(m.map((r) => r.expected_transactions), m.map((r) => r.holdout_transactions ?? 0));
    revenue[model] = evaluate(m.map((r) => r.predicted_value), m.map((r) => r.holdout_value ?? 0));
  }
  return { runId, customers: new Set(rows.map((r) => r.customer_id)).size, transactions, revenue };
}

/** The evaluation as text tables. */
export async function renderEvaluation(db: Kysely<Database>, opts: { runId?: string; dataset?: string }): Promise<string> {
  const run = opts.runId ? await getRun(db, opts.runId) : await latestRun(db, opts.dataset);
  if (!run) throw new RunNotFoundError(opts.runId ? `with id ${opts.runId}` : opts.dataset ? `for dataset ${opts.dataset}` : 'yet');
  const ev = await evaluateRun(db, run.id);
  const label = (m: ValueModel) => (m === 'naive' ? 'naive same-rate' : VALUE_MODELS[m].label.replace(' x Gamma-Gamma', ''));
  const tx = (Object.keys(ev.transactions) as ValueModel[]).map((m) => {
    const s = ev.transactions[m];
    return [label(m), `${num(s.sumPredicted, 0)} / ${num(s.sumActual, 0)}`, pct(s.bias), num(s.mae), num(s.rmse), num(s.spearman), num(s.normalizedGini), num(s.auc)];
  });
  const rev = (Object.keys(ev.revenue) as ValueModel[]).map((m) => {
    const s = ev.revenue[m];
    return [VALUE_MODELS[m].label, `${money(s.sumPredicted)} / ${money(s.sumActual)}`, pct(s.bias), money(s.mae), money(s.rmse), num(s.spearman), num(s.normalizedGini), pct(s.top20Share)];
  });
  return [
    `Holdout evaluation: run ${run.id}`,
    `  dataset ${run.dataset}, ${ev.customers} customers, calibration to ${run.cutoff}, holdout ${run.horizon_weeks} weeks to ${run.holdout_end}`,
    '',
    'Transactions in the holdout (per customer)',
    table(['model', 'sum pred / actual', 'bias', 'MAE', 'RMSE', 'Spearman', 'norm. Gini', 'AUC any purchase'], tx),
    '',
    'Revenue in the holdout (per customer)',
    table(['model', 'sum pred / actual', 'bias', 'MAE', 'RMSE', 'Spearman', 'norm. Gini', 'top-20% capture'], rev),
  ].join('\n');
}
