/**
 * The main job: ingest files -> clean (same-day purchases merged) -> value run -> tiers.
 * Every field has a default, so `{}` runs the embedded CDNOW demo (start it from the Web UI as is).
 */
import { defineQuery, executeChild, setCurrentDetails, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CleanResult } from '../activities/cleaning';
import type { IngestResult } from '../activities/ingestion';
import type { RunSummary } from '../activities/runs';
import { ingestWorkflow, INGEST_DEFAULTS } from './ingest.workflow';
import { cpuActivities } from './routing';
import { valueRunWorkflow, VALUE_RUN_DEFAULTS, type ValueRunInput } from './value-run.workflow';

export type PipelineInput = ValueRunInput & {
  source?: string;
  /** Files to ingest first (paths the cpu workers can read, or `builtin:cdnow-sample`); [] ingests nothing. */
  files?: string[];
};

export interface PipelineResult {
  ingested: IngestResult[];
  cleaned: CleanResult;
  run: RunSummary;
}

export interface PipelineProgress {
  stage: 'ingest' | 'clean' | 'value-run' | 'done';
  filesDone: number;
  filesTotal: number;
}

export const pipelineProgressQuery = defineQuery<PipelineProgress>('progress');

export async function pipelineWorkflow(input: PipelineInput = {}): Promise<PipelineResult> {
  const dataset = input.dataset ?? VALUE_RUN_DEFAULTS.dataset;
  const source = input.source ?? INGEST_DEFAULTS.source;
  const files = input.files ?? [INGEST_DEFAULTS.file];
  const progress: PipelineProgress = { stage: 'ingest', filesDone: 0, filesTotal: files.length };
  setHandler(pipelineProgressQuery, () => progress);
  const id = workflowInfo().workflowId;

  const ingested: IngestResult[] = [];
  for (const [i, file] of files.entries()) {
    setCurrentDetails(`ingesting file ${i + 1}/${files.length}: ${file}`);
    ingested.push(await executeChild(ingestWorkflow, { workflowId: `${id}/ingest-${i}`, args: [{ dataset, source, file }] }));
    progress.filesDone++;
  }

  progress.stage = 'clean';
  setCurrentDetails(`cleaning ${dataset}`);
  const cleaned = await cpuActivities().cleanDataset({ dataset });

  progress.stage = 'value-run';
  setCurrentDetails(`value run on ${cleaned.customers} customers`);
  const { files: _files, source: _source, ...runInput } = input;
  const run = await executeChild(valueRunWorkflow, { workflowId: `${id}/value-run`, args: [{ ...runInput, dataset }] });

  progress.stage = 'done';
  setCurrentDetails(`done: run ${run.runId}`);
  return { ingested, cleaned, run };
}
