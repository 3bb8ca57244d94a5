import type { Selectable } from 'kysely';

/** A payment of an order (Olist). */
export interface PaymentsTable {
  dataset: string;
  order_id: string;
  sequence: number;
  method: string | null;
  installments: number | null;
  amount: number;
  currency: string;
  batch_id: number;
  line_no: number;
}
export type Payment = Selectable<PaymentsTable>;
