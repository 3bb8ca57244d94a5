/**
 * One literal-building function per record kind: the row mapper fills a slot array (slots in RECORD_FIELDS
 * order) and the builder turns it into a record. A literal with fixed keys keeps every record of a kind on one
 * hidden class, which is what makes mapping hundreds of thousands of rows a second possible.
 * Fields the mapping does not fill are null.
 */
import { RECORD_FIELDS } from './record-fields';
import type { CanonicalRecord, EventType, RecordKind } from './records';

type Slots = readonly unknown[];
type Str = string | null;
type Num = number | null;
type Bool = boolean | null;

export const RECORD_BUILDERS = {
  customer: (v: Slots) => ({
    kind: 'customer' as const,
    customerId: v[0] as string,
    firstSeen: v[1] as Str,
    country: v[2] as Str,
    city: v[3] as Str,
    region: v[4] as Str,
    timeZone: v[5] as Str,
    consentEmail: v[6] as Bool,
    consentSms: v[7] as Bool,
    consentPush: v[8] as Bool,
  }),
  customer_alias: (v: Slots) => ({
    kind: 'customer_alias' as const,
    alias: v[0] as string,
    customerId: v[1] as string,
    country: v[2] as Str,
    city: v[3] as Str,
    region: v[4] as Str,
  }),
  product: (v: Slots) => ({
    kind: 'product' as const,
    productId: v[0] as string,
    title: v[1] as Str,
    description: v[2] as Str,
    category: v[3] as Str,
    price: v[4] as Num,
    currency: v[5] as Str,
  }),
  order: (v: Slots) => ({
    kind: 'order' as const,
    orderId: v[0] as string,
    customerId: v[1] as Str,
    orderedAt: v[2] as string,
    status: v[3] as Str,
  }),
  order_line: (v: Slots) => ({
    kind: 'order_line' as const,
    orderId: v[0] as string,
    lineNo: v[1] as Num,
    customerId: v[2] as Str,
    orderedAt: v[3] as Str,
    productId: v[4] as Str,
    productTitle: v[5] as Str,
    category: v[6] as Str,
    quantity: v[7] as number,
    unitPrice: v[8] as number,
    amount: v[9] as number,
    currency: v[10] as string,
    isCancellation: v[11] as boolean,
    country: v[12] as Str,
    freight: v[13] as Num,
  }),
  payment: (v: Slots) => ({
    kind: 'payment' as const,
    orderId: v[0] as string,
    sequence: v[1] as number,
    method: v[2] as Str,
    installments: v[3] as Num,
    amount: v[4] as number,
    currency: v[5] as string,
  }),
  event: (v: Slots) => ({
    kind: 'event' as const,
    customerId: v[0] as string,
    occurredAt: v[1] as string,
    type: v[2] as EventType,
    productId: v[3] as Str,
    categoryId: v[4] as Str,
    category: v[5] as Str,
    brand: v[6] as Str,
    price: v[7] as Num,
    currency: v[8] as Str,
    sessionId: v[9] as Str,
    query: v[10] as Str,
  }),
  review: (v: Slots) => ({
    kind: 'review' as const,
    reviewId: v[0] as string,
    orderId: v[1] as Str,
    customerId: v[2] as Str,
    productId: v[3] as Str,
    rating: v[4] as number,
    title: v[5] as Str,
    text: v[6] as Str,
    language: v[7] as Str,
    createdAt: v[8] as string,
  }),
} satisfies { [K in RecordKind]: (v: Slots) => Extract<CanonicalRecord, { kind: K }> };

/** The slot of a field in a kind's builder input (its position in RECORD_FIELDS). */
export function slotOf(kind: RecordKind, field: string): number {
  return Object.keys(RECORD_FIELDS[kind]).indexOf(field);
}
