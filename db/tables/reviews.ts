import type { Selectable } from 'kysely';
import type { Ts } from './customers';

/** A product or order review with its rating and text. */
export interface ReviewsTable {
  dataset: string;
  review_id: string;
  order_id: string | null;
  customer_id: string | null;
  product_id: string | null;
  rating: number;
  title: string | null;
  text: string | null;
  language: string | null;
  created_at: Ts;
  batch_id: number;
  line_no: number;
}
export type Review = Selectable<ReviewsTable>;
