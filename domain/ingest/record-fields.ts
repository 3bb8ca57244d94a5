/**
 * The fields of every canonical record kind with their value type and whether a record needs them:
 * what a mapping may fill in. Kept beside records.ts and checked against it by the compiler.
 */
import type { CanonicalRecord, RecordKind } from './records';

export const VALUE_TYPES = ['string', 'number', 'timestamp', 'boolean', 'eventType'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export interface FieldRule {
  type: ValueType;
  /** The record is invalid without a value (non-optional and non-nullable in records.ts). */
  required: boolean;
}

const req = (type: ValueType): FieldRule => ({ type, required: true });
const opt = (type: ValueType): FieldRule => ({ type, required: false });

type FieldsOf<K extends RecordKind> = Exclude<keyof Extract<CanonicalRecord, { kind: K }>, 'kind'>;

export const RECORD_FIELDS = {
  customer: {
    customerId: req('string'),
    firstSeen: opt('timestamp'),
    country: opt('string'),
    city: opt('string'),
    region: opt('string'),
    timeZone: opt('string'),
    consentEmail: opt('boolean'),
    consentSms: opt('boolean'),
    consentPush: opt('boolean'),
  },
  customer_alias: {
    alias: req('string'),
    customerId: req('string'),
    country: opt('string'),
    city: opt('string'),
    region: opt('string'),
  },
  product: {
    productId: req('string'),
    title: opt('string'),
    description: opt('string'),
    category: opt('string'),
    price: opt('number'),
    currency: opt('string'),
  },
  order: {
    orderId: req('string'),
    // `string | null` in records.ts: the key is always present, the value may be null.
    customerId: opt('string'),
    orderedAt: req('timestamp'),
    status: opt('string'),
  },
  order_line: {
    orderId: req('string'),
    lineNo: opt('number'),
    customerId: opt('string'),
    orderedAt: opt('timestamp'),
    productId: opt('string'),
    productTitle: opt('string'),
    category: opt('string'),
    quantity: req('number'),
    unitPrice: req('number'),
    amount: req('number'),
    currency: req('string'),
    isCancellation: req('boolean'),
    country: opt('string'),
    freight: opt('number'),
  },
  payment: {
    orderId: req('string'),
    sequence: req('number'),
    method: opt('string'),
    installments: opt('number'),
    amount: req('number'),
    currency: req('string'),
  },
  event: {
    customerId: req('string'),
    occurredAt: req('timestamp'),
    type: req('eventType'),
    productId: opt('string'),
    categoryId: opt('string'),
    category: opt('string'),
    brand: opt('string'),
    price: opt('number'),
    currency: opt('string'),
    sessionId: opt('string'),
    query: opt('string'),
  },
  review: {
    reviewId: req('string'),
    orderId: opt('string'),
    customerId: opt('string'),
    productId: opt('string'),
    rating: req('number'),
    title: opt('string'),
    text: opt('string'),
    language: opt('string'),
    createdAt: req('timestamp'),
  },
} as const satisfies { [K in RecordKind]: Record<FieldsOf<K>, FieldRule> };

/** The field rules of one record kind, by field name. */
export function fieldsOf(kind: RecordKind): Readonly<Record<string, FieldRule>> {
  return RECORD_FIELDS[kind];
}
