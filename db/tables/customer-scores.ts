import type { Insertable, Selectable } from 'kysely';

/** A customer's predictions by one model in one run, with the tier that model's value puts them in. */
export interface CustomerScoresTable {
  run_id: string;
  model: string;
  customer_id: string;
  expected_transactions: number;
  p_alive: number | null;
  expected_spend: number;
  predicted_value: number;
  rank: number;
  tier: 'high' | 'mid' | 'low';
}
export type CustomerScore = Selectable<CustomerScoresTable>;
export type NewCustomerScore = Insertable<CustomerScoresTable>;
