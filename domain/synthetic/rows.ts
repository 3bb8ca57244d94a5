/**
 * The output files' columns and the bytes of one customer's rows. These formats are a contract with
 * the ingest mappings: change a column only together with them. Rows go straight into the sinks'
 * buffers (the hot path runs tens of millions of times).
 */
import { EVENT_TYPES } from '../ingest/records';
import type { EventBuffer } from './browsing';
import type { IsoFormatter } from './calendar';
import type { Catalogue } from './catalogue';
import type { CustomerLife } from './customer';
import type { CsvSink } from './csv';
import { CATEGORY_NAMES, MODEL, SEGMENTS } from './model';

export const FILES = {
  customers: ['customer_id', 'first_seen', 'country', 'time_zone', 'consent_email', 'consent_sms'],
  products: ['product_id', 'title', 'description', 'category', 'price'],
  orders: ['order_id', 'line_no', 'customer_id', 'ordered_at', 'product_id', 'quantity', 'unit_price', 'currency'],
  events: ['customer_id', 'occurred_at', 'event_type', 'product_id', 'session_id'],
  reviews: ['review_id', 'customer_id', 'order_id', 'product_id', 'rating', 'text', 'language', 'created_at'],
  truth: [
    'customer_id', 'segment', 'purchase_rate', 'dropout_rate', 'lifetime_years', 'dropout_prob', 'churned', 'churned_at', 'churn_cause',
    'mean_spend', 'spend_sigma', 'satisfaction', 'browse_rate', 'orders', 'spend', 'future_orders', 'future_spend',
  ],
} as const;
export type FileKey = keyof typeof FILES;
export const FILE_KEYS = Object.keys(FILES) as FileKey[];
export type Sinks = Record<FileKey, CsvSink>;

/** Ids are a letter and a number zero-padded to these many digits (longer numbers are not truncated). */
export const ID_WIDTH = { customer: 7, product: 6, order: 9, review: 8, session: 10 } as const;
const ID_LETTER = { customer: 67, product: 80, order: 79, review: 82, session: 83 } as const;

/** Zero-padded id, e.g. padId('C', 42, 7) = 'C0000042'. */
export function padId(prefix: string, n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? prefix + s : prefix + '0'.repeat(width - s.length) + s;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const EVENT_BYTES = EVENT_TYPES.map(ascii);
const BOOL_BYTES = { true: ascii('true'), false: ascii('false') };
const fixed = (x: number, digits: number) => (Number.isFinite(x) ? x.toFixed(digits) : '');

/** Running id counters and totals across customers. */
export interface Counters {
  orders: number;
  reviews: number;
  sessions: number;
  events: number;
  eventsByType: number[];
}

export function newCounters(): Counters {
  return { orders: 0, reviews: 0, sessions: 0, events: 0, eventsByType: EVENT_TYPES.map(() => 0) };
}

/** Everything row writing needs besides the customer. */
export interface RowContext {
  sinks: Sinks;
  catalogue: Catalogue;
  fmt: IsoFormatter;
  /** The currency code, pre-encoded. */
  currency: Uint8Array;
  end: number;
  counters: Counters;
}

/** Writes the catalogue to products.csv (the caller flushes). */
export function writeProduct(sink: CsvSink, catalogue: Catalogue, p: number): void {
  const title = catalogue.titles[p];
  const description = catalogue.descriptions[p];
  sink.reserve(64 + 3 * (title.length + description.length));
  sink.id(ID_LETTER.product, p + 1, ID_WIDTH.product);
  sink.comma();
  sink.text(title);
  sink.comma();
  sink.text(description);
  sink.comma();
  sink.ascii(CATEGORY_NAMES[catalogue.category[p]]);
  sink.comma();
  sink.cents(catalogue.priceCents[p]);
  sink.endRow();
}

/** Writes customer number `n` (1-based): customers, orders, reviews, events and truth rows. */
export function writeCustomer(ctx: RowContext, n: number, life: CustomerLife, buf: EventBuffer): void {
  const { sinks, fmt, counters } = ctx;
  const country = MODEL.countries[life.country];

  const c = sinks.customers;
  c.reserve(128);
  c.id(ID_LETTER.customer, n, ID_WIDTH.customer);
  c.comma();
  c.time(life.firstSeen, fmt);
  c.comma();
  c.ascii(country.code);
  c.comma();
  c.ascii(country.timeZone);
  c.comma();
  c.bytes(life.consentEmail ? BOOL_BYTES.true : BOOL_BYTES.false);
  c.comma();
  c.bytes(life.consentSms ? BOOL_BYTES.true : BOOL_BYTES.false);
  c.endRow();

  const o = sinks.orders;
  const r = sinks.reviews;
  let spendCents = 0;
  for (const order of life.orders) {
    const orderNo = ++counters.orders;
    for (let l = 0; l < order.lines.length; l++) {
      const line = order.lines[l];
      o.reserve(128);
      o.id(ID_LETTER.order, orderNo, ID_WIDTH.order);
      o.comma();
      o.uint(l + 1);
      o.comma();
      o.id(ID_LETTER.customer, n, ID_WIDTH.customer);
      o.comma();
      o.time(order.at, fmt);
      o.comma();
      o.id(ID_LETTER.product, line.product + 1, ID_WIDTH.product);
      o.comma();
      o.uint(line.quantity);
      o.comma();
      o.cents(line.unitCents);
      o.comma();
      o.bytes(ctx.currency);
      o.endRow();
    }
    spendCents += order.totalCents;
    if (order.reviewAt >= 0) {
      r.reserve(160 + 3 * order.reviewText.length);
      r.id(ID_LETTER.review, ++counters.reviews, ID_WIDTH.review);
      r.comma();
      r.id(ID_LETTER.customer, n, ID_WIDTH.customer);
      r.comma();
      r.id(ID_LETTER.order, orderNo, ID_WIDTH.order);
      r.comma();
      r.id(ID_LETTER.product, order.lines[0].product + 1, ID_WIDTH.product);
      r.comma();
      r.uint(order.rating);
      r.comma();
      r.text(order.reviewText);
      r.comma();
      r.ascii(MODEL.reviews.language);
      r.comma();
      r.time(order.reviewAt, fmt);
      r.endRow();
    }
  }

  const sessions = buf.sessionOrder();
  const sessionIds = new Array<string>(buf.sessions);
  for (let r = 0; r < sessions.length; r++) sessionIds[sessions[r]] = padId('S', counters.sessions + r + 1, ID_WIDTH.session);
  counters.sessions += buf.sessions;
  const order = buf.timeOrder(sessions);
  const e = sinks.events;
  const customerId = padId('C', n, ID_WIDTH.customer);
  const productIds = ctx.catalogue.ids;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const type = buf.type[i];
    const product = buf.product[i];
    e.reserve(96);
    e.ascii(customerId);
    e.comma();
    e.time(buf.time[i], fmt);
    e.comma();
    e.bytes(EVENT_BYTES[type]);
    e.comma();
    if (product >= 0) e.ascii(productIds[product]);
    e.comma();
    e.ascii(sessionIds[buf.session[i]]);
    e.endRow();
    counters.eventsByType[type]++;
  }
  counters.events += order.length;

  const churned = life.quitAt < ctx.end;
  const t = sinks.truth;
  t.reserve(512);
  t.id(ID_LETTER.customer, n, ID_WIDTH.customer);
  t.ascii(
    ',' + SEGMENTS[life.segment].name + ',' + fixed(life.purchaseRate, 6) + ',' + fixed(life.dropoutRate, 6) + ',' +
      fixed((life.lifetimeEnd - life.firstSeen) / (365.25 * 86400), 6) + ',' + fixed(life.dropoutProb, 4) + ',' + churned + ',',
  );
  if (churned) t.time(life.quitAt, fmt);
  t.ascii(
    ',' + (!churned ? '' : life.quitAt === life.lifetimeEnd ? 'lifetime' : 'after_order') + ',' + fixed(life.meanSpend, 2) + ',' +
      fixed(life.spendSigma, 3) + ',' + fixed(life.satisfaction, 4) + ',' + fixed(life.browseRate, 4) + ',' + life.orders.length + ',',
  );
  t.cents(spendCents);
  t.comma();
  t.uint(life.futureOrders);
  t.comma();
  t.cents(life.futureSpendCents);
  t.endRow();
}
