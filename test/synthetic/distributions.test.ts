/**
 * The synthetic data set behaves like e-commerce data with a known truth: a heavy spend tail, a
 * realistic funnel, churned customers who stop buying, ratings that predict later spend, review text
 * that predicts the rating, a Nov/Dec peak, and ids that are consistent across files.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, MANIFEST_FILE, type Manifest } from '../../domain/synthetic/generate';
import { readTable, type Table } from './read-csv';

const START = '2022-01-01T00:00:00Z';
const END = '2024-01-01T00:00:00Z';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DAY = 86400_000;
const ms = (iso: string) => Date.parse(iso);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

interface Order {
  id: string;
  customer: string;
  at: number;
  value: number;
  products: Set<string>;
}

describe('synthetic: distributions and consistency (5,000 customers)', function () {
  this.timeout(60_000);
  let dir: string;
  let manifest: Manifest;
  let customers: Table;
  let products: Table;
  let orderLines: Table;
  let events: Table;
  let reviews: Table;
  let truth: Table;
  const orders = new Map<string, Order>();
  const ordersByCustomer = new Map<string, Order[]>();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'synth-dist-'));
    manifest = await generate({ outDir: dir, customers: 5000, seed: 42, start: '2022-01-01', end: '2024-01-01' });
    [customers, products, orderLines, events, reviews, truth] = ['customers', 'products', 'orders', 'events', 'reviews', 'truth'].map((n) => readTable(dir, n));
    const c = orderLines.col;
    for (const r of orderLines.rows) {
      let o = orders.get(r[c.order_id]);
      if (!o) {
        o = { id: r[c.order_id], customer: r[c.customer_id], at: ms(r[c.ordered_at]), value: 0, products: new Set() };
        orders.set(o.id, o);
        const list = ordersByCustomer.get(o.customer) ?? [];
        list.push(o);
        ordersByCustomer.set(o.customer, list);
      }
      o.value += Number(r[c.quantity]) * Number(r[c.unit_price]);
      o.products.add(r[c.product_id]);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the documented headers, well-formed fields and the manifest counts', () => {
    assert.deepEqual(customers.header, ['customer_id', 'first_seen', 'country', 'time_zone', 'consent_email', 'consent_sms']);
    assert.deepEqual(products.header, ['product_id', 'title', 'description', 'category', 'price']);
    assert.deepEqual(orderLines.header, ['order_id', 'line_no', 'customer_id', 'ordered_at', 'product_id', 'quantity', 'unit_price', 'currency']);
    assert.deepEqual(events.header, ['customer_id', 'occurred_at', 'event_type', 'product_id', 'session_id']);
    assert.deepEqual(reviews.header, ['review_id', 'customer_id', 'order_id', 'product_id', 'rating', 'text', 'language', 'created_at']);
    assert.equal(truth.header[0], 'customer_id');
    for (const col of ['purchase_rate', 'dropout_rate', 'dropout_prob', 'mean_spend', 'segment', 'churned', 'churned_at']) assert.ok(truth.header.includes(col), col);

    const m = JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
    assert.deepEqual(m, manifest);
    assert.equal(m.files.customers.rows, customers.rows.length);
    assert.equal(m.files.products.rows, products.rows.length);
    assert.equal(m.files.orders.rows, orderLines.rows.length);
    assert.equal(m.files.events.rows, events.rows.length);
    assert.equal(m.files.reviews.rows, reviews.rows.length);
    assert.equal(m.files.truth.rows, 5000);
    assert.equal(m.counts.orders, orders.size);
    assert.equal(m.seed, 42);
    assert.ok(m.distributions.segments.whale.share > 0);

    for (const r of customers.rows) {
      assert.match(r[1], ISO);
      assert.ok(r[4] === 'true' || r[4] === 'false');
      assert.ok(r[5] === 'true' || r[5] === 'false');
    }
    for (const r of orderLines.rows) {
      assert.match(r[3], ISO);
      assert.match(r[6], /^\d+\.\d\d$/);
      assert.equal(r[7], 'EUR');
    }
    for (const r of events.rows) assert.match(r[1], ISO);
    // Quoting is exercised: some titles, descriptions and review texts hold commas or quotes.
    assert.ok(products.rows.some((r) => r[1].includes(',')));
    assert.ok(products.rows.some((r) => r[2].includes('"')));
    assert.ok(reviews.rows.some((r) => r[5].includes(',')));
  });

  it('keeps ids consistent across files', () => {
    const customerIds = new Set(customers.rows.map((r) => r[0]));
    const firstSeen = new Map(customers.rows.map((r) => [r[0], ms(r[1])]));
    const productIds = new Set(products.rows.map((r) => r[0]));
    assert.equal(customerIds.size, 5000);
    assert.deepEqual(new Set(truth.rows.map((r) => r[0])), customerIds);
    const lineNos = new Map<string, number[]>();
    for (const r of orderLines.rows) {
      assert.ok(customerIds.has(r[2]), `order ${r[0]}: unknown customer ${r[2]}`);
      assert.ok(productIds.has(r[4]), `order ${r[0]}: unknown product ${r[4]}`);
      const o = orders.get(r[0]) as Order;
      assert.equal(r[2], o.customer, 'one customer per order');
      assert.equal(ms(r[3]), o.at, 'one time per order');
      assert.ok(o.at >= (firstSeen.get(r[2]) as number) && o.at < ms(END));
      lineNos.set(r[0], [...(lineNos.get(r[0]) ?? []), Number(r[1])]);
    }
    for (const [id, nos] of lineNos) assert.deepEqual(nos, nos.map((_, i) => i + 1), `order ${id} lines`);
    for (const r of reviews.rows) {
      const o = orders.get(r[2]);
      assert.ok(o, `review ${r[0]}: unknown order ${r[2]}`);
      assert.equal(r[1], o.customer, `review ${r[0]} belongs to the order's customer`);
      assert.ok(o.products.has(r[3]), `review ${r[0]} is about a product of the order`);
      assert.ok(ms(r[7]) > o.at && ms(r[7]) < ms(END));
      assert.ok(['1', '2', '3', '4', '5'].includes(r[4]));
      assert.equal(r[6], 'en');
    }
    const lastTime = new Map<string, number>();
    const sessionOwner = new Map<string, string>();
    for (const r of events.rows) {
      assert.ok(customerIds.has(r[0]), `event of unknown customer ${r[0]}`);
      if (r[3] !== '') assert.ok(productIds.has(r[3]));
      assert.ok(['view', 'cart', 'favourite', 'purchase', 'search'].includes(r[2]));
      assert.equal(r[3] === '', r[2] === 'search', 'only searches have no product');
      const t = ms(r[1]);
      assert.ok(t >= (firstSeen.get(r[0]) as number) && t < ms(END));
      assert.ok(t >= (lastTime.get(r[0]) ?? -Infinity), 'events sorted by time within a customer');
      lastTime.set(r[0], t);
      const owner = sessionOwner.get(r[4]);
      if (owner === undefined) sessionOwner.set(r[4], r[0]);
      else assert.equal(owner, r[0], 'a session belongs to one customer');
    }
    // Every order line has its purchase event, at the order time.
    const purchases = new Set(events.rows.filter((r) => r[2] === 'purchase').map((r) => `${r[0]}|${r[1]}|${r[3]}`));
    assert.equal(purchases.size, orderLines.rows.length);
    for (const r of orderLines.rows) assert.ok(purchases.has(`${r[2]}|${r[3]}|${r[4]}`));
  });

  it('has a heavy spend tail: the top 20% of customers hold more than 60% of spend', () => {
    const spend = new Map<string, number>();
    for (const o of orders.values()) spend.set(o.customer, (spend.get(o.customer) ?? 0) + o.value);
    const all = customers.rows.map((r) => spend.get(r[0]) ?? 0).sort((a, b) => b - a);
    const total = all.reduce((a, b) => a + b, 0);
    const top20 = all.slice(0, 1000).reduce((a, b) => a + b, 0) / total;
    const top1 = all.slice(0, 50).reduce((a, b) => a + b, 0) / total;
    assert.ok(top20 > 0.6, `top 20% share ${top20}`);
    assert.ok(top1 > 0.08, `top 1% (whales) share ${top1}`);
    // truth.csv agrees with the orders.
    const t = truth.col;
    for (const r of truth.rows) {
      assert.equal(Number(r[t.orders]), ordersByCustomer.get(r[0])?.length ?? 0);
      assert.ok(Math.abs(Number(r[t.spend]) - (spend.get(r[0]) ?? 0)) < 0.01);
    }
  });

  it('has a realistic funnel: views >> carts >> purchases, 2-5% view-to-purchase', () => {
    const n: Record<string, number> = {};
    for (const r of events.rows) n[r[2]] = (n[r[2]] ?? 0) + 1;
    assert.ok(n.view > 5 * n.cart && n.cart > 1.5 * n.purchase, JSON.stringify(n));
    const viewToPurchase = n.purchase / n.view;
    assert.ok(viewToPurchase > 0.02 && viewToPurchase < 0.05, `view to purchase ${viewToPurchase}`);
    const cartToPurchase = n.purchase / n.cart;
    assert.ok(cartToPurchase > 0.2 && cartToPurchase < 0.6, `cart to purchase ${cartToPurchase}`);
    assert.ok(n.search > 0 && n.favourite > 0);
    assert.deepEqual(manifest.counts.eventsByType, n);
  });

  it('makes active customers browse more, and browse more in the days before an order', () => {
    const t = truth.col;
    const eventsOf = new Map<string, number>();
    for (const r of events.rows) eventsOf.set(r[0], (eventsOf.get(r[0]) ?? 0) + 1);
    const byRate = truth.rows.map((r) => ({ rate: Number(r[t.purchase_rate]), events: eventsOf.get(r[0]) ?? 0 })).sort((a, b) => a.rate - b.rate);
    const q = byRate.length / 4;
    const low = mean(byRate.slice(0, q).map((x) => x.events));
    const high = mean(byRate.slice(3 * q).map((x) => x.events));
    assert.ok(high > 1.5 * low, `events: top purchase-rate quartile ${high}, bottom ${low}`);

    // Non-purchase events in the 3 days before an order vs days 30..33 before it.
    const purchaseSessions = new Set(events.rows.filter((r) => r[2] === 'purchase').map((r) => r[4]));
    const times = new Map<string, number[]>();
    for (const r of events.rows) if (!purchaseSessions.has(r[4])) times.set(r[0], [...(times.get(r[0]) ?? []), ms(r[1])]);
    let near = 0;
    let far = 0;
    const seen = new Map(customers.rows.map((r) => [r[0], ms(r[1])]));
    for (const o of orders.values()) {
      if (o.at - (seen.get(o.customer) as number) < 40 * DAY) continue;
      for (const x of times.get(o.customer) ?? []) {
        if (x < o.at && x >= o.at - 3 * DAY) near++;
        else if (x < o.at - 30 * DAY && x >= o.at - 33 * DAY) far++;
      }
    }
    assert.ok(near > 1.5 * far, `events in the 3 days before orders ${near}, 30-33 days before ${far}`);
  });

  it('stops purchases at churn, and browsing fades after it', () => {
    const t = truth.col;
    let churned = 0;
    let soon = 0;
    let late = 0;
    const eventsBy = new Map<string, number[]>();
    for (const r of events.rows) eventsBy.set(r[0], [...(eventsBy.get(r[0]) ?? []), ms(r[1])]);
    const purchaseTimes = new Map<string, number[]>();
    for (const r of events.rows) if (r[2] === 'purchase') purchaseTimes.set(r[0], [...(purchaseTimes.get(r[0]) ?? []), ms(r[1])]);
    for (const r of truth.rows) {
      assert.equal(r[t.churned] === 'true', r[t.churned_at] !== '');
      if (r[t.churned] !== 'true') continue;
      churned++;
      const at = ms(r[t.churned_at]);
      for (const o of ordersByCustomer.get(r[0]) ?? []) assert.ok(o.at <= at, `customer ${r[0]} ordered after churning`);
      for (const p of purchaseTimes.get(r[0]) ?? []) assert.ok(p <= at);
      if (at > ms(END) - 120 * DAY) continue;
      for (const x of eventsBy.get(r[0]) ?? []) {
        if (x > at && x <= at + 30 * DAY) soon++;
        else if (x > at + 60 * DAY && x <= at + 90 * DAY) late++;
      }
    }
    assert.ok(churned > 500 && churned < 4500, `churned ${churned}`);
    assert.ok(soon > 0 && soon > 2 * late, `events 0-30 days after churn ${soon}, 60-90 days after ${late}`);
  });

  it('makes low-rating customers spend less later than high-rating ones', () => {
    const c = reviews.col;
    const later = { low: [] as number[], high: [] as number[] };
    const firstReview = new Set<string>();
    for (const r of reviews.rows) {
      const customer = r[c.customer_id];
      if (firstReview.has(customer)) continue;
      firstReview.add(customer);
      const o = orders.get(r[c.order_id]) as Order;
      const after = (ordersByCustomer.get(customer) ?? []).filter((x) => x.at > o.at).reduce((a, x) => a + x.value, 0);
      const rating = Number(r[c.rating]);
      if (rating <= 2) later.low.push(after);
      if (rating >= 4) later.high.push(after);
    }
    assert.ok(later.low.length > 50 && later.high.length > 200);
    const low = mean(later.low);
    const high = mean(later.high);
    assert.ok(low < 0.8 * high, `later spend after a 1-2 star review ${low}, after 4-5 stars ${high}`);
    const again = (xs: number[]) => xs.filter((x) => x > 0).length / xs.length;
    assert.ok(again(later.low) < again(later.high), `buy again after 1-2 stars ${again(later.low)}, after 4-5 stars ${again(later.high)}`);
  });

  it('writes review text that carries the rating', () => {
    const negative = /disappointed|not recommend|poor|not worth|broke|terrible|returned|forever|nothing like|overpriced|cheap and flimsy|never replied|damaged|wrong|refund|avoid|waste/i;
    const c = reviews.col;
    const share = (ratings: string[]) => {
      const rows = reviews.rows.filter((r) => ratings.includes(r[c.rating]));
      return rows.filter((r) => negative.test(r[c.text])).length / rows.length;
    };
    assert.ok(share(['1', '2']) > 0.95, `negative words in 1-2 star reviews ${share(['1', '2'])}`);
    assert.ok(share(['5']) < 0.05, `negative words in 5 star reviews ${share(['5'])}`);
    const counts = [1, 2, 3, 4, 5].map((k) => reviews.rows.filter((r) => r[c.rating] === String(k)).length);
    assert.ok(counts[4] > counts[3] && counts[4] > counts[0], `J-shaped ratings ${counts}`);
  });

  it('shows seasonality: more orders per day in Nov/Dec than in Sep/Oct', () => {
    let novDec = 0;
    let sepOct = 0;
    for (const o of orders.values()) {
      const m = new Date(o.at).getUTCMonth();
      if (m === 10 || m === 11) novDec++;
      if (m === 8 || m === 9) sepOct++;
    }
    // Nov+Dec have 61 days, Sep+Oct 61 days: compare counts directly.
    assert.ok(novDec > 1.25 * sepOct, `Nov/Dec ${novDec} orders, Sep/Oct ${sepOct}`);
    assert.ok(novDec / orders.size > 2 / 12, 'Nov/Dec hold more than their share of the year');
    assert.equal(manifest.dateRange.start, START);
    assert.equal(manifest.dateRange.end, END);
  });
});
