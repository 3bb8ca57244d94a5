/** Read-side queries for reports: the tier table and run lookups. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import type { ValueRun } from '../tables/value-runs';

export interface TierRow {
  tier: 'high' | 'mid' | 'low';
  customers: number;
  predictedValue: number;
  /** Realised value in the horizon, where the data reaches that far (null otherwise). */
  actualValue: number | null;
  /** Share of all realised value that this tier holds. */
  actualShare: number | null;
}

/** Customers, predicted and realised value per tier of one model in one run. */
export async function tierTable(db: Kysely<Database>, runId: string, model: string): Promise<TierRow[]> {
  const rows = await db
    .selectFrom('customer_scores as s')
    .innerJoin('customer_summaries as c', (j) => j.onRef('c.run_id', '=', 's.run_id').onRef('c.customer_id', '=', 's.customer_id'))
    .select([
      's.tier',
      sql<number>`count(*)::int`.as('customers'),
      sql<number>`sum(s.predicted_value)`.as('predicted'),
      sql<number | null>`sum(c.holdout_value)`.as('actual'),
    ])
    .where('s.run_id', '=', runId)
    .where('s.model', '=', model)
    .groupBy('s.tier')
    .execute();
  const order = { high: 0, mid: 1, low: 2 } as const;
  const totalActual = rows.reduce((a, r) => a + (r.actual ?? 0), 0);
  return rows
    .map((r) => ({
      tier: r.tier,
      customers: r.customers,
      predictedValue: r.predicted,
      actualValue: r.actual,
      actualShare: r.actual === null || totalActual === 0 ? null : r.actual / totalActual,
    }))
    .sort((a, b) => order[a.tier] - order[b.tier]);
}

/** The most recent finished run, optionally of one dataset. */
export async function latestRun(db: Kysely<Database>, dataset?: string): Promise<ValueRun | undefined> {
  let q = db.selectFrom('value_runs').selectAll().where('status', '=', 'done');
  if (dataset) q = q.where('dataset', '=', dataset);
  return q.orderBy('finished_at', 'desc').limit(1).executeTakeFirst();
}

/** A run by id. */
export async function getRun(db: Kysely<Database>, runId: string): Promise<ValueRun | undefined> {
  return db.selectFrom('value_runs').selectAll().where('id', '=', runId).executeTakeFirst();
}
