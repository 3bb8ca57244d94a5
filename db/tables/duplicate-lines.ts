import type { Selectable } from 'kysely';

/** A source line not stored because a row with the same business key already was. */
export interface DuplicateLinesTable {
  batch_id: number;
  line_no: number;
  reason: string;
}
export type DuplicateLine = Selectable<DuplicateLinesTable>;
