/**
 * Prepares a dataset: ingests its files (one child workflow per file, in the order given; files may come
 * in any order, e.g. Olist items before orders, since cleaning joins them) and then cleans it.
 * `cvp ingest` runs this.
 */
import { executeChild, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { CleanResult } from '../activities/cleaning';
import type { IngestResult } from '../activities/ingestion';
import { ingestWorkflow, INGEST_DEFAULTS } from './ingest.workflow';
import { cpuActivities } from './routing';

/** A file and the mapping that reads it; a bare string uses the input's default source. */
export type FileSpec = string | { source: string; file: string };

export interface DataWorkflowInput {
  version?: 1;
  dataset?: string;
  /** Default mapping for files given as bare strings. */
  source?: string;
  files?: FileSpec[];
  /** Run the cleaning rules after ingesting (default true). */
  clean?: boolean;
}

export interface DataWorkflowResult {
  dataset: string;
  ingested: IngestResult[];
  cleaned: CleanResult | null;
}

export async function dataWorkflow(input: DataWorkflowInput = {}): Promise<DataWorkflowResult> {
  const dataset = input.dataset ?? INGEST_DEFAULTS.dataset;
  const files = (input.files ?? [INGEST_DEFAULTS.file]).map((f) => (typeof f === 'string' ? { source: input.source ?? INGEST_DEFAULTS.source, file: f } : f));
  const id = workflowInfo().workflowId;
  const ingested: IngestResult[] = [];
  for (const [i, f] of files.entries()) {
    setCurrentDetails(`ingesting file ${i + 1}/${files.length}: ${f.file} (${f.source})`);
    ingested.push(await executeChild(ingestWorkflow, { workflowId: `${id}/ingest-${i}`, args: [{ dataset, source: f.source, file: f.file }] }));
  }
  let cleaned: CleanResult | null = null;
  if (input.clean !== false) {
    setCurrentDetails(`cleaning ${dataset}`);
    cleaned = await cpuActivities({ heartbeatTimeout: '5 minutes' }).cleanDataset({ dataset });
  }
  setCurrentDetails(`done: ${ingested.reduce((a, r) => a + r.accepted, 0)} rows accepted into ${dataset}`);
  return { dataset, ingested, cleaned };
}
