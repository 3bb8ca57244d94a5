import type { Insertable, Selectable } from 'kysely';

/** A transaction line exactly as parsed from its source file; (batch_id, line_no) is its lineage and idempotency key. */
export interface RawTransactionsTable {
  batch_id: number;
  line_no: number;
  dataset: string;
  customer_id: string;
  /** Calendar day of the purchase, 'YYYY-MM-DD'. */
  occurred_on: string;
  quantity: number;
  amount: number;
}
export type RawTransaction = Selectable<RawTransactionsTable>;
export type NewRawTransaction = Insertable<RawTransactionsTable>;
