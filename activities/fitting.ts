/**
 * Maximum-likelihood fits of the BTYD models for a run. The optimiser's state is heartbeated every
 * iteration, so a fit on a worker that dies resumes on another worker from where it stopped.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { FIT_MODELS, type FitModel } from '../domain/value-models';
import { fitBtydModel, type BtydFitResult } from '../models/value';
import type { NelderMeadState } from '../models/optimize';
import type { ActivityDeps } from './deps';

export interface FitModelInput {
  runId: string;
  model: FitModel;
}

export interface FitModelResult {
  model: FitModel;
  params: Record<string, number>;
  logLik: number;
  iterations: number;
  converged: boolean;
  /** Iteration the fit resumed from after a lost worker (0 when it started fresh). */
  resumedFromIteration: number;
}

/** What a fit heartbeats: enough to resume it. */
export interface FitCheckpoint {
  runId: string;
  model: FitModel;
  state: NelderMeadState;
}

export function createFittingActivities({ db }: ActivityDeps) {
  return {
    /** Fits one model on the run's calibration summaries and stores its parameters. */
    async fitModel({ runId, model }: FitModelInput): Promise<FitModelResult> {
      if (!FIT_MODELS.includes(model)) throw ApplicationFailure.nonRetryable(`unknown model ${JSON.stringify(model)}: one of ${FIT_MODELS.join(', ')}`, 'BadInput');
      const ctx = Context.current();
      const rows = await db.selectFrom('customer_summaries').select(['x', 't_x', 't_cal', 'monetary']).where('run_id', '=', runId).execute();
      if (rows.length === 0) throw ApplicationFailure.nonRetryable(`run ${runId} has no calibration summaries`, 'NoData');
      const data = rows.map((r) => ({ x: r.x, tx: r.t_x, T: r.t_cal, monetary: r.monetary }));

      const checkpoint = ctx.info.heartbeatDetails as FitCheckpoint | undefined;
      const resume = checkpoint && checkpoint.runId === runId && checkpoint.model === model ? checkpoint.state : undefined;
      const started = Date.now();
      let fit: BtydFitResult;
      try {
        fit = await fitBtydModel(model, data, {
          resume,
          signal: ctx.cancellationSignal,
          onIteration: (state) => ctx.heartbeat({ runId, model, state } satisfies FitCheckpoint),
        });
      } catch (err) {
        if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason ?? err;
        throw err;
      }
      const seconds = (Date.now() - started) / 1000;
      const n = model === 'gamma-gamma' ? data.filter((d) => d.x > 0).length : data.length;
      await db
        .insertInto('model_fits')
        .values({ run_id: runId, model, params: JSON.stringify(fit.params), log_lik: fit.logLik, n, iterations: fit.iterations, converged: fit.converged, seconds })
        .onConflict((oc) =>
          oc.columns(['run_id', 'model']).doUpdateSet({ params: JSON.stringify(fit.params), log_lik: fit.logLik, n, iterations: fit.iterations, converged: fit.converged, seconds }),
        )
        .execute();
      return { model, params: fit.params, logLik: fit.logLik, iterations: fit.iterations, converged: fit.converged, resumedFromIteration: resume?.iteration ?? 0 };
    },
  };
}

export type FittingActivities = ReturnType<typeof createFittingActivities>;
