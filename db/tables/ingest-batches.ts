import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** One ingested file: its checksum makes re-ingesting it a no-op; counts reconcile read = accepted + rejected + duplicates. */
export interface IngestBatchesTable {
  id: Generated<number>;
  dataset: string;
  source: string;
  file_path: string;
  checksum: string;
  status: 'running' | 'done';
  rows_read: Generated<number>;
  accepted: Generated<number>;
  rejected: Generated<number>;
  duplicates: Generated<number>;
  /** The mapping the file was read with (built-in name or file). */
  mapping: string | null;
  record_kind: string | null;
  /** Last source line staged (resume point). */
  last_line: Generated<number>;
  staged: Generated<number>;
  /** The batch's rows are merged into the core table and accepted/duplicates are final. */
  merged: Generated<boolean>;
  bytes: ColumnType<number | null, number | null | undefined, number | null>;
  started_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type IngestBatch = Selectable<IngestBatchesTable>;
export type NewIngestBatch = Insertable<IngestBatchesTable>;
export type IngestBatchUpdate = Updateable<IngestBatchesTable>;
