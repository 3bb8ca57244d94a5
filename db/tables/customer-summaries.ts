import type { Insertable, Selectable } from 'kysely';

/** Calibration summary per customer and run (BTYD inputs), with the realised holdout where known. */
export interface CustomerSummariesTable {
  run_id: string;
  customer_id: string;
  first_purchase: string;
  /** Repeat transactions in the calibration period. */
  x: number;
  /** Weeks from first to last calibration purchase. */
  t_x: number;
  /** Weeks from first purchase to the cutoff. */
  t_cal: number;
  /** Mean value of the repeat transactions (0 without repeats). */
  monetary: number;
  holdout_transactions: number | null;
  holdout_value: number | null;
}
export type CustomerSummary = Selectable<CustomerSummariesTable>;
export type NewCustomerSummary = Insertable<CustomerSummariesTable>;
