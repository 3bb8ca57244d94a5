import type { ColumnType, Selectable } from 'kysely';
import type { TsNull } from './customers';

/**
 * One order line as ingested; cleaning adds flags (never deletes), the cleaned amount (capped outliers,
 * 0 for excluded lines) and, for a cancellation, the key of the purchase line it reverses.
 */
export interface OrderLinesTable {
  dataset: string;
  order_id: string;
  line_key: string;
  source_line_no: number | null;
  customer_id: string | null;
  ordered_at: TsNull;
  product_id: string | null;
  product_title: string | null;
  category: string | null;
  quantity: number;
  unit_price: number;
  amount: number;
  currency: string;
  is_cancellation: boolean;
  country: string | null;
  freight: number | null;
  batch_id: number;
  line_no: number;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  amount_clean: number | null;
  reverses_line_key: string | null;
}
export type OrderLine = Selectable<OrderLinesTable>;
