import type { Selectable } from 'kysely';
import type { Ts } from './customers';

/** A browsing event: view, cart, favourite, purchase or search. */
export interface EventsTable {
  dataset: string;
  event_key: string;
  customer_id: string;
  occurred_at: Ts;
  type: 'view' | 'cart' | 'favourite' | 'purchase' | 'search';
  product_id: string | null;
  category_id: string | null;
  category: string | null;
  brand: string | null;
  price: number | null;
  currency: string | null;
  session_id: string | null;
  query: string | null;
  batch_id: number;
  line_no: number;
}
export type Event = Selectable<EventsTable>;
