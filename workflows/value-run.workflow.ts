/**
 * One value run: calibration summary at the cutoff -> BG/NBD, Pareto/NBD and Gamma-Gamma fitted in
 * parallel -> expected value over the horizon and tiers -> persisted; the run id is this workflow's id.
 */
import { defineQuery, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { RunSummary, ValueRunSettings } from '../activities/runs';
import { FIT_MODELS } from '../domain/value-models';
import { cpuActivities, gpuActivities } from './routing';

export type ValueRunInput = { version?: 1; dataset?: string } & Partial<ValueRunSettings>;

export const VALUE_RUN_DEFAULTS = {
  dataset: 'cdnow-demo',
  cutoff: '1997-09-30',
  horizonWeeks: 39,
  tierCut: { high: 20, mid: 30, low: 50 },
  primaryModel: 'pareto-nbd-gg',
} as const;

export interface ValueRunProgress {
  stage: 'summary' | 'fitting' | 'scoring' | 'finishing' | 'done';
  fitsDone: string[];
}

export const valueRunProgressQuery = defineQuery<ValueRunProgress>('progress');

export async function valueRunWorkflow(input: ValueRunInput = {}): Promise<RunSummary> {
  const settings = { ...VALUE_RUN_DEFAULTS, ...input, tierCut: { ...VALUE_RUN_DEFAULTS.tierCut, ...input.tierCut } };
  const runId = workflowInfo().workflowId;
  const progress: ValueRunProgress = { stage: 'summary', fitsDone: [] };
  setHandler(valueRunProgressQuery, () => progress);
  const cpu = cpuActivities();
  const gpu = gpuActivities();
  const fitter = cpuActivities({ heartbeatTimeout: '10s' });

  setCurrentDetails(`building the calibration summary of ${settings.dataset} at ${settings.cutoff}`);
  const prepared = await cpu.prepareRun({ runId, dataset: settings.dataset, cutoff: settings.cutoff, horizonWeeks: settings.horizonWeeks, tierCut: settings.tierCut, primaryModel: settings.primaryModel });

  progress.stage = 'fitting';
  setCurrentDetails(`fitting ${FIT_MODELS.join(', ')} on ${prepared.customers} customers`);
  await Promise.all(
    FIT_MODELS.map(async (model) => {
      await fitter.fitModel({ runId, model });
      progress.fitsDone.push(model);
      setCurrentDetails(`fitted ${progress.fitsDone.join(', ')}`);
    }),
  );

  progress.stage = 'scoring';
  setCurrentDetails(`scoring ${prepared.customers} customers over ${settings.horizonWeeks} weeks`);
  await gpu.scoreRun({ runId });

  progress.stage = 'finishing';
  const summary = await cpu.finishRun({ runId });
  progress.stage = 'done';
  setCurrentDetails(`done: ${summary.tiers.map((t) => `${t.tier} ${t.customers}`).join(', ')}`);
  return summary;
}
