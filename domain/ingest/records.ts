/**
 * Canonical records that every source file is mapped into before it reaches the database.
 * Times are ISO-8601 strings in UTC ('YYYY-MM-DDTHH:MM:SSZ'); money is in the record's currency.
 * A source maps to exactly one record kind; records of one kind that need another file to be complete
 * (e.g. Olist order items need the order's customer and time) carry the keys the SQL merge joins on.
 */

export const RECORD_KINDS = ['customer', 'customer_alias', 'product', 'order', 'order_line', 'payment', 'event', 'review'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export const EVENT_TYPES = ['view', 'cart', 'favourite', 'purchase', 'search'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface CustomerRecord {
  kind: 'customer';
  customerId: string;
  firstSeen?: string | null;
  country?: string | null;
  city?: string | null;
  region?: string | null;
  /** IANA time zone, e.g. 'Europe/London'. */
  timeZone?: string | null;
  consentEmail?: boolean | null;
  consentSms?: boolean | null;
  consentPush?: boolean | null;
}

/** A source-specific customer key that stands for a real customer (Olist: customer_id -> customer_unique_id). */
export interface CustomerAliasRecord {
  kind: 'customer_alias';
  alias: string;
  customerId: string;
  country?: string | null;
  city?: string | null;
  region?: string | null;
}

export interface ProductRecord {
  kind: 'product';
  productId: string;
  title?: string | null;
  description?: string | null;
  category?: string | null;
  price?: number | null;
  currency?: string | null;
}

/** An order header (Olist orders): who and when, without lines. */
export interface OrderRecord {
  kind: 'order';
  orderId: string;
  /** The customer key as in the file (may be an alias resolved by customer_alias records). */
  customerId: string | null;
  orderedAt: string;
  status?: string | null;
}

/** One order line: product, quantity and money; customer and time may come from the order header instead. */
export interface OrderLineRecord {
  kind: 'order_line';
  orderId: string;
  /** Position within the order when the source has one (else the file line number is used). */
  lineNo?: number | null;
  customerId?: string | null;
  orderedAt?: string | null;
  productId?: string | null;
  /** Product text carried on the line by some sources (Online Retail's Description). */
  productTitle?: string | null;
  category?: string | null;
  quantity: number;
  unitPrice: number;
  /** quantity * unitPrice unless the source states it. */
  amount: number;
  currency: string;
  /** The line reverses a purchase (Online Retail 'C' invoices, negative quantities). */
  isCancellation: boolean;
  country?: string | null;
  freight?: number | null;
}

export interface PaymentRecord {
  kind: 'payment';
  orderId: string;
  sequence: number;
  method?: string | null;
  installments?: number | null;
  amount: number;
  currency: string;
}

export interface EventRecord {
  kind: 'event';
  customerId: string;
  occurredAt: string;
  type: EventType;
  productId?: string | null;
  categoryId?: string | null;
  category?: string | null;
  brand?: string | null;
  price?: number | null;
  currency?: string | null;
  sessionId?: string | null;
  query?: string | null;
}

export interface ReviewRecord {
  kind: 'review';
  reviewId: string;
  orderId?: string | null;
  customerId?: string | null;
  productId?: string | null;
  /** 1..5 */
  rating: number;
  title?: string | null;
  text?: string | null;
  /** BCP-47 language tag when known ('pt', 'en'). */
  language?: string | null;
  createdAt: string;
}

export type CanonicalRecord =
  | CustomerRecord
  | CustomerAliasRecord
  | ProductRecord
  | OrderRecord
  | OrderLineRecord
  | PaymentRecord
  | EventRecord
  | ReviewRecord;
