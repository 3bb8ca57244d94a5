import type { Selectable } from 'kysely';
import type { Ts, TsNull } from './customers';

/** Per-customer activity derived from lines, events and reviews (rebuilt by cleaning). */
export interface CustomerActivityTable {
  dataset: string;
  customer_id: string;
  first_order_at: TsNull;
  last_order_at: TsNull;
  orders: number;
  lines: number;
  net_spend: number;
  cancelled_amount: number;
  views: number;
  carts: number;
  favourites: number;
  purchase_events: number;
  sessions: number;
  last_event_at: TsNull;
  reviews: number;
  mean_rating: number | null;
}
export type CustomerActivity = Selectable<CustomerActivityTable>;

/** Per-product popularity: browsing funnel, orders, quantity, revenue and conversion. */
export interface ProductPopularityTable {
  dataset: string;
  product_id: string;
  views: number;
  carts: number;
  favourites: number;
  purchase_events: number;
  orders: number;
  quantity: number;
  revenue: number;
  customers: number;
  view_to_purchase: number | null;
}
export type ProductPopularity = Selectable<ProductPopularityTable>;

/** A browsing session, from the source's session id or inferred from 30-minute gaps. */
export interface SessionsTable {
  dataset: string;
  session_id: string;
  customer_id: string;
  started_at: Ts;
  ended_at: Ts;
  events: number;
  views: number;
  carts: number;
  purchases: number;
  inferred: boolean;
}
export type Session = Selectable<SessionsTable>;
