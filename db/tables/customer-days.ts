import type { Insertable, Selectable } from 'kysely';

/** Cleaned purchases: all of a customer's transactions on one day merged into one (the BTYD convention). */
export interface CustomerDaysTable {
  dataset: string;
  customer_id: string;
  day: string;
  quantity: number;
  amount: number;
  /** How many raw lines were merged into this day. */
  source_rows: number;
}
export type CustomerDay = Selectable<CustomerDaysTable>;
export type NewCustomerDay = Insertable<CustomerDaysTable>;
