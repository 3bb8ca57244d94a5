/** The database schema as Kysely sees it: one entry per table. */
import type { CustomerDaysTable } from './tables/customer-days';
import type { CustomerScoresTable } from './tables/customer-scores';
import type { CustomerSummariesTable } from './tables/customer-summaries';
import type { IngestBatchesTable } from './tables/ingest-batches';
import type { ModelFitsTable } from './tables/model-fits';
import type { RawTransactionsTable } from './tables/raw-transactions';
import type { RejectedRowsTable } from './tables/rejected-rows';
import type { ValueRunsTable } from './tables/value-runs';

export interface Database {
  ingest_batches: IngestBatchesTable;
  raw_transactions: RawTransactionsTable;
  rejected_rows: RejectedRowsTable;
  customer_days: CustomerDaysTable;
  value_runs: ValueRunsTable;
  customer_summaries: CustomerSummariesTable;
  model_fits: ModelFitsTable;
  customer_scores: CustomerScoresTable;
}
