import type { Selectable } from 'kysely';
import type { Ts } from './customers';

/** An order header (who and when) for sources whose lines come separately. */
export interface OrdersTable {
  dataset: string;
  order_id: string;
  customer_id: string | null;
  ordered_at: Ts;
  status: string | null;
  batch_id: number;
  line_no: number;
}
export type Order = Selectable<OrdersTable>;
