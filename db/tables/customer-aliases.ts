import type { Selectable } from 'kysely';

/** A source's customer key that stands for a real customer (Olist customer_id -> customer_unique_id). */
export interface CustomerAliasesTable {
  dataset: string;
  alias: string;
  customer_id: string;
  country: string | null;
  city: string | null;
  region: string | null;
  batch_id: number;
  line_no: number;
}
export type CustomerAlias = Selectable<CustomerAliasesTable>;
