/** Scoring a run: expected transactions, probability alive and value over the horizon per customer, then tiers. */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { assignTiers, type TierCut } from '../domain/tiers';
import { VALUE_MODELS, type ValueModel } from '../domain/value-models';
import { predictValues, type BtydParams, type SummaryRow } from '../models/value';
import type { NewCustomerScore } from '../db/tables/customer-scores';
import type { ActivityDeps } from './deps';

const WRITE_CHUNK = 2000;

export function createScoringActivities({ db }: ActivityDeps) {
  return {
    /** Scores every customer of the run with every value model and assigns each model's tiers. */
    async scoreRun({ runId }: { runId: string }): Promise<{ customers: number; models: ValueModel[] }> {
      const ctx = Context.current();
      const run = await db.selectFrom('value_runs').selectAll().where('id', '=', runId).executeTakeFirst();
      if (!run) throw ApplicationFailure.nonRetryable(`value run ${runId} does not exist`, 'NotFound');
      const fits = await db.selectFrom('model_fits').select(['model', 'params']).where('run_id', '=', runId).execute();
      const params = Object.fromEntries(fits.map((f) => [f.model, f.params])) as BtydParams;
      const rows = await db
        .selectFrom('customer_summaries')
        .select(['customer_id', 'x', 't_x', 't_cal', 'monetary'])
        .where('run_id', '=', runId)
        .orderBy('customer_id')
        .execute();
      const summaries: SummaryRow[] = rows.map((r) => ({ customerId: r.customer_id, x: r.x, tx: r.t_x, T: r.t_cal, monetary: r.monetary }));
      const cut = run.tier_cut as TierCut;
      const models = Object.keys(VALUE_MODELS) as ValueModel[];
      let written = 0;
      for (const model of models) {
        const predictions = predictValues(model, params, summaries, run.horizon_weeks);
        const tiered = assignTiers(predictions, cut);
        for (let i = 0; i < tiered.length; i += WRITE_CHUNK) {
          const chunk: NewCustomerScore[] = tiered.slice(i, i + WRITE_CHUNK).map((p) => ({
            run_id: runId,
            model,
            customer_id: p.customerId,
            expected_transactions: p.expectedTransactions,
            p_alive: p.pAlive,
            expected_spend: p.expectedSpend,
            predicted_value: p.predictedValue,
            rank: p.rank,
            tier: p.tier,
          }));
          await db
            .insertInto('customer_scores')
            .values(chunk)
            .onConflict((oc) =>
              oc.columns(['run_id', 'model', 'customer_id']).doUpdateSet((eb) => ({
                expected_transactions: eb.ref('excluded.expected_transactions'),
                p_alive: eb.ref('excluded.p_alive'),
                expected_spend: eb.ref('excluded.expected_spend'),
                predicted_value: eb.ref('excluded.predicted_value'),
                rank: eb.ref('excluded.rank'),
                tier: eb.ref('excluded.tier'),
              })),
            )
            .execute();
          written += chunk.length;
          ctx.heartbeat({ written });
          await new Promise((r) => setImmediate(r));
        }
      }
      return { customers: summaries.length, models };
    },
  };
}

export type ScoringActivities = ReturnType<typeof createScoringActivities>;
