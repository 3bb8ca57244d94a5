/** Value runs: creating the run with its calibration summary, and closing it with the tier table. */
import { ApplicationFailure } from '@temporalio/activity';
import { sql } from 'kysely';
import { summarizeCustomers } from '../domain/calibration';
import type { TierCut } from '../domain/tiers';
import { isValueModel } from '../domain/value-models';
import { tierTable, type TierRow } from '../db/repositories/reports';
import type { ActivityDeps } from './deps';

export interface ValueRunSettings {
  cutoff: string;
  horizonWeeks: number;
  tierCut: TierCut;
  primaryModel: string;
}

export interface PrepareRunInput extends ValueRunSettings {
  runId: string;
  dataset: string;
}

export interface RunSummary {
  runId: string;
  dataset: string;
  cutoff: string;
  holdoutEnd: string;
  horizonWeeks: number;
  tierCut: TierCut;
  customers: number;
  primaryModel: string;
  tiers: TierRow[];
  fits: { model: string; logLik: number; params: Record<string, number> }[];
}

const INSERT_CHUNK = 2000;

/** Adds whole days to a 'YYYY-MM-DD' date. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function createRunActivities({ db }: ActivityDeps) {
  return {
    /** Creates (or re-opens) the run and writes every customer's calibration summary at the cutoff. */
    async prepareRun(input: PrepareRunInput): Promise<{ customers: number; repeatBuyers: number; holdoutEnd: string }> {
      if (!isValueModel(input.primaryModel)) throw ApplicationFailure.nonRetryable(`unknown primary model ${JSON.stringify(input.primaryModel)}`, 'BadInput');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.cutoff)) throw ApplicationFailure.nonRetryable(`cutoff ${JSON.stringify(input.cutoff)} is not a YYYY-MM-DD date`, 'BadInput');
      if (!(input.horizonWeeks > 0)) throw ApplicationFailure.nonRetryable(`horizonWeeks ${input.horizonWeeks} must be positive`, 'BadInput');
      const holdoutEnd = addDays(input.cutoff, Math.round(input.horizonWeeks * 7));
      const days = await db
        .selectFrom('customer_days')
        .select(['customer_id', 'day', 'amount', 'quantity'])
        .where('dataset', '=', input.dataset)
        .orderBy('customer_id')
        .orderBy('day')
        .execute();
      if (days.length === 0) throw ApplicationFailure.nonRetryable(`dataset ${JSON.stringify(input.dataset)} has no cleaned purchases: ingest and clean it first`, 'NoData');
      // Realised values are only known when the data reaches the end of the horizon.
      const lastDay = days.reduce((m, d) => (d.day > m ? d.day : m), days[0].day);
      const holdoutKnown = lastDay >= holdoutEnd;
      const summaries = summarizeCustomers(
        days.map((d) => ({ customerId: d.customer_id, day: d.day, amount: d.amount, quantity: d.quantity })),
        { calibrationEnd: input.cutoff, holdoutEnd },
      );
      if (summaries.length === 0) throw ApplicationFailure.nonRetryable(`no customer of ${input.dataset} purchased on or before the cutoff ${input.cutoff}`, 'NoData');

      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('value_runs')
          .values({
            id: input.runId,
            dataset: input.dataset,
            cutoff: input.cutoff,
            horizon_weeks: input.horizonWeeks,
            holdout_end: holdoutEnd,
            primary_model: input.primaryModel,
            tier_cut: JSON.stringify(input.tierCut),
            status: 'running',
            customers: summaries.length,
          })
          .onConflict((oc) => oc.column('id').doUpdateSet({ status: 'running', customers: summaries.length, finished_at: null }))
          .execute();
        for (let i = 0; i < summaries.length; i += INSERT_CHUNK) {
          await trx
            .insertInto('customer_summaries')
            .values(
              summaries.slice(i, i + INSERT_CHUNK).map((s) => ({
                run_id: input.runId,
                customer_id: s.customerId,
                first_purchase: s.firstPurchase,
                x: s.x,
                t_x: s.tx,
                t_cal: s.T,
                monetary: s.monetary,
                holdout_transactions: holdoutKnown ? s.holdoutTransactions : null,
                holdout_value: holdoutKnown ? s.holdoutValue : null,
              })),
            )
            .onConflict((oc) => oc.columns(['run_id', 'customer_id']).doNothing())
            .execute();
        }
      });
      return { customers: summaries.length, repeatBuyers: summaries.filter((s) => s.x > 0).length, holdoutEnd };
    },

    /** Marks the run done and returns its tier table and fits. */
    async finishRun({ runId }: { runId: string }): Promise<RunSummary> {
      const run = await db.updateTable('value_runs').set({ status: 'done', finished_at: sql<Date>`now()` }).where('id', '=', runId).returningAll().executeTakeFirst();
      if (!run) throw ApplicationFailure.nonRetryable(`value run ${runId} does not exist`, 'NotFound');
      const fits = await db.selectFrom('model_fits').select(['model', 'log_lik', 'params']).where('run_id', '=', runId).orderBy('model').execute();
      return {
        runId,
        dataset: run.dataset,
        cutoff: run.cutoff,
        holdoutEnd: run.holdout_end,
        horizonWeeks: run.horizon_weeks,
        tierCut: run.tier_cut,
        customers: run.customers ?? 0,
        primaryModel: run.primary_model,
        tiers: await tierTable(db, runId, run.primary_model),
        fits: fits.map((f) => ({ model: f.model, logLik: f.log_lik, params: f.params })),
      };
    },
  };
}

export type RunActivities = ReturnType<typeof createRunActivities>;
