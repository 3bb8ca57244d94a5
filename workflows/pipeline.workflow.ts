/**
 * The main job: data (ingest files -> clean) -> value run (calibration, fits, scores) -> tiers.
 * Every field has a default, so `{}` runs the embedded CDNOW demo (start it from the Web UI as is).
 */
import { defineQuery, executeChild, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CleanResult } from '../activities/cleaning';
import type { IngestResult } from '../activities/ingestion';
import type { RunSummary } from '../activities/runs';
import { dataWorkflow, type FileSpec } from './data.workflow';
import { valueRunWorkflow, VALUE_RUN_DEFAULTS, type ValueRunInput } from './value-run.workflow';

export type PipelineInput = ValueRunInput & {
  /** Default mapping of the files (cdnow). */
  source?: string;
  /** Files to ingest first (paths the cpu workers can read, `builtin:cdnow-sample`, or {source, file}); [] ingests nothing. */
  files?: FileSpec[];
};

export interface PipelineResult {
  ingested: IngestResult[];
  cleaned: CleanResult;
  run: RunSummary;
}

export interface PipelineProgress {
  stage: 'data' | 'value-run' | 'done';
}

export const pipelineProgressQuery = defineQuery<PipelineProgress>('progress');

export async function pipelineWorkflow(input: PipelineInput = {}): Promise<PipelineResult> {
  const dataset = input.dataset ?? VALUE_RUN_DEFAULTS.dataset;
  const progress: PipelineProgress = { stage: 'data' };
  setHandler(pipelineProgressQuery, () => progress);
  const id = workflowInfo().workflowId;

  setCurrentDetails(`ingesting and cleaning ${dataset}`);
  const data = await executeChild(dataWorkflow, { workflowId: `${id}/data`, args: [{ dataset, source: input.source, files: input.files, clean: true }] });
  const cleaned = data.cleaned!;

  progress.stage = 'value-run';
  setCurrentDetails(`value run on ${cleaned.customers} customers`);
  const { files: _files, source: _source, ...runInput } = input;
  const run = await executeChild(valueRunWorkflow, { workflowId: `${id}/value-run`, args: [{ ...runInput, dataset }] });

  progress.stage = 'done';
  setCurrentDetails(`done: run ${run.runId}`);
  return { ingested: data.ingested, cleaned, run };
}
