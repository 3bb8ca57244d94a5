/** Ingests one file through its mapping (on the cpu pool) and reports its reconciliation. */
import { setCurrentDetails } from '@temporalio/workflow';
import type { IngestResult } from '../activities/ingestion';
import { cpuActivities } from './routing';

export interface IngestWorkflowInput {
  version?: 1;
  dataset?: string;
  /** Mapping: a built-in name (cdnow, online-retail, olist-orders, ...) or a mapping file path. */
  source?: string;
  /** A path readable by the cpu workers, or `builtin:cdnow-sample`. */
  file?: string;
}

export const INGEST_DEFAULTS = { dataset: 'cdnow-demo', source: 'cdnow', file: 'builtin:cdnow-sample' } as const;

export async function ingestWorkflow(input: IngestWorkflowInput = {}): Promise<IngestResult> {
  const { dataset, source, file } = { ...INGEST_DEFAULTS, ...input };
  setCurrentDetails(`ingesting ${file} (${source}) into ${dataset}`);
  const result = await cpuActivities({ heartbeatTimeout: '30s' }).ingestFile({ dataset, source, file });
  setCurrentDetails(`read ${result.rowsRead} = accepted ${result.accepted} + rejected ${result.rejected} + duplicates ${result.duplicates}`);
  return result;
}
