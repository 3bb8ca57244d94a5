import type { Insertable, Selectable } from 'kysely';

/** A source line that could not be accepted, kept with its reason and raw text so nothing is lost. */
export interface RejectedRowsTable {
  batch_id: number;
  line_no: number;
  reason: string;
  raw: string;
}
export type RejectedRow = Selectable<RejectedRowsTable>;
export type NewRejectedRow = Insertable<RejectedRowsTable>;
