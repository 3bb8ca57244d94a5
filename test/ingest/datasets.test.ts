/** Every real data set in ../shared/data reads through its built-in mapping with the counts its SOURCE.md states. */
import assert from 'node:assert/strict';
import { readSource } from '../../domain/ingest/reader';
import type { EventRecord, OrderLineRecord, ReviewRecord } from '../../domain/ingest/records';
import { countBy, dataFile, readAll } from './helpers';

describe('ingest: real data sets', function () {
  this.timeout(60_000);

  it('Online Retail: 541,909 lines, none rejected, cancellations, missing customers and money as published', async () => {
    let rows = 0;
    let rejected = 0;
    let linesRead = 0;
    let cInvoiceLines = 0;
    let cancellations = 0;
    let noCustomer = 0;
    let microSum = 0;
    const customers = new Set<string>();
    const invoices = new Set<string>();
    let first: OrderLineRecord | null = null;
    let summer: { raw: string; orderedAt: string | null | undefined } | null = null;
    for await (const batch of readSource(dataFile('online_retail_uci/onlineretail.csv.gz'), 'online-retail')) {
      rows += batch.rows.length;
      rejected += batch.rejected.length;
      linesRead = batch.linesRead;
      for (const { record, raw } of batch.rows) {
        const r = record as OrderLineRecord;
        first ??= r;
        if (r.orderId.startsWith('C')) {
          cInvoiceLines++;
          assert.equal(r.isCancellation, true);
        }
        if (r.isCancellation) cancellations++;
        if (r.customerId == null) noCustomer++;
        else customers.add(r.customerId);
        invoices.add(r.orderId);
        microSum += Math.round(r.amount * 1e6);
        if (!summer && raw.includes(',2011-07-01 ')) summer = { raw, orderedAt: r.orderedAt };
      }
    }
    assert.equal(rows, 541_909);
    assert.equal(rejected, 0);
    assert.equal(linesRead, rows + rejected);
    assert.equal(cInvoiceLines, 9_288);
    // The mapping also flags the 1,336 stock adjustments (negative quantity, no customer, price 0) as cancellations.
    assert.equal(cancellations, 9_288 + 1_336);
    assert.equal(noCustomer, 135_080);
    assert.equal(customers.size, 4_372);
    assert.equal(invoices.size, 25_900);
    assert.equal(Math.round(microSum / 1e4), 974_774_793, `sum of amounts ${microSum / 1e6}`);
    assert.deepEqual(first, {
      kind: 'order_line',
      orderId: '536365',
      lineNo: null,
      customerId: '17850',
      orderedAt: '2010-12-01T08:26:00Z',
      productId: '85123A',
      productTitle: 'WHITE HANGING HEART T-LIGHT HOLDER',
      category: null,
      quantity: 6,
      unitPrice: 2.55,
      amount: 15.3,
      currency: 'GBP',
      isCancellation: false,
      country: 'United Kingdom',
      freight: null,
    });
    // Naive UK times: British Summer Time is UTC+1.
    assert.ok(summer);
    const hour = Number(/,2011-07-01 (\d\d):/.exec(summer.raw)![1]);
    assert.equal(summer.orderedAt!.slice(0, 13), `2011-07-01T${String(hour - 1).padStart(2, '0')}`);
  });

  it('CDNOW master: 69,659 lines from 23,570 customers, $2,500,315.63; sample: 6,919 lines from 2,357 of them', async () => {
    const master = await readAll(dataFile('cdnow/CDNOW_master.txt'), 'cdnow');
    assert.equal(master.rows.length, 69_659);
    assert.equal(master.rejected.length, 0);
    const lines = master.rows.map((r) => r.record as OrderLineRecord);
    const masterIds = new Set(lines.map((r) => r.customerId));
    assert.equal(masterIds.size, 23_570);
    assert.equal(Math.round(lines.reduce((s, r) => s + r.amount * 100, 0)), 250_031_563);
    assert.equal(lines.filter((r) => r.amount === 0).length, 80);
    assert.equal(new Set(lines.map((r) => r.orderId)).size, lines.length, 'derived order ids are unique');
    assert.deepEqual([lines[0].orderId, lines[0].orderedAt, lines[0].customerId], ['00001-19970101-2', '1997-01-01T00:00:00Z', '00001']);
    assert.equal(master.rows[0].lineNo, 2, 'line 1 is the header');

    const sample = await readAll(dataFile('cdnow/CDNOW_sample.txt'), 'cdnow');
    assert.equal(sample.rows.length, 6_919);
    assert.equal(sample.rejected.length, 0);
    const sampleIds = new Set(sample.rows.map((r) => (r.record as OrderLineRecord).customerId));
    assert.equal(sampleIds.size, 2_357);
    for (const id of sampleIds) assert.ok(masterIds.has(id), `sample customer ${id} is a master id`);
  });

  it('REES46: 17,434 events and the cut-off last line rejected as truncated', async () => {
    const res = await readAll(dataFile('rees46_2019oct_head/2019-Oct.csv'), 'rees46-events');
    assert.equal(res.rows.length, 17_434);
    assert.equal(res.rejected.length, 1);
    assert.equal(res.linesRead, 17_435);
    assert.match(res.rejected[0].reason, /^2019-Oct\.csv:17436: truncated last line/);
    const events = res.rows.map((r) => r.record as EventRecord);
    // SOURCE.md's 17,056 views include the cut-off last line, a view.
    assert.deepEqual(Object.fromEntries(countBy(events, (e) => e.type)), { view: 17_055, cart: 165, purchase: 214 });
    assert.match(res.rejected[0].raw, /^2019-10-01 02:50:00 UTC,view,/);
    // 4,505 users with the cut-off line's user, who has no other event.
    assert.equal(new Set(events.map((e) => e.customerId)).size, 4_504);
    assert.equal(new Set(events.map((e) => e.sessionId)).size, 5_066);
    assert.equal(events[0].occurredAt, '2019-10-01T00:00:00Z');
    assert.equal(events.at(-1)!.occurredAt, '2019-10-01T02:50:00Z');
    assert.equal(events[0].currency, 'USD');
  });

  it('Taobao: 84,475 events from 815 users and the cut-off last line rejected', async () => {
    const res = await readAll(dataFile('taobao_userbehavior_head/UserBehavior.csv'), 'taobao-events');
    assert.equal(res.rows.length, 84_475);
    assert.equal(res.rejected.length, 1);
    assert.match(res.rejected[0].reason, /^UserBehavior\.csv:84476: truncated last line .*4 of 5 columns/);
    assert.equal(res.rejected[0].raw, '100370,1968385,1875258,pv');
    const events = res.rows.map((r) => r.record as EventRecord);
    assert.equal(new Set(events.map((e) => e.customerId)).size, 815);
    // SOURCE.md's 75,873 pv include the cut-off last line.
    assert.deepEqual(Object.fromEntries(countBy(events, (e) => e.type)), { view: 75_872, cart: 4_497, favourite: 2_356, purchase: 1_750 });
    assert.equal(new Set(events.filter((e) => e.type === 'purchase').map((e) => e.customerId)).size, 559);
    assert.equal(events[0].occurredAt, new Date(1511544070 * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('Olist: orders, items, payments, customers, products and reviews with the published counts', async () => {
    const orders = await readAll(dataFile('olist/olist_orders_dataset.csv'), 'olist-orders');
    assert.deepEqual([orders.rows.length, orders.rejected.length], [15_000, 0]);
    // Sao Paulo had no DST in June 2018: UTC-3.
    assert.equal((orders.rows[0].record as { orderedAt: string }).orderedAt, '2018-06-12T23:07:44Z');

    const items = await readAll(dataFile('olist/olist_order_items_dataset.csv'), 'olist-order-items');
    assert.deepEqual([items.rows.length, items.rejected.length], [17_071, 0]);
    const payments = await readAll(dataFile('olist/olist_order_payments_dataset.csv'), 'olist-payments');
    assert.deepEqual([payments.rows.length, payments.rejected.length], [15_733, 0]);

    const customers = await readAll(dataFile('olist/olist_customers_dataset.csv'), 'olist-customers');
    assert.deepEqual([customers.rows.length, customers.rejected.length], [15_000, 0]);
    assert.equal(new Set(customers.rows.map((r) => (r.record as { customerId: string }).customerId)).size, 14_904);

    const products = await readAll(dataFile('olist/olist_products_dataset.csv'), 'olist-products');
    assert.deepEqual([products.rows.length, products.rejected.length], [32_951, 0]);
    const categories = countBy(products.rows, (r) => (r.record as { category: string | null }).category);
    assert.equal(categories.get('perfumaria'), undefined, 'Portuguese names are translated');
    assert.ok((categories.get('perfumery') ?? 0) > 0);
    assert.ok((categories.get(null) ?? 0) > 0, 'products without a category keep null');

    const reviews = await readAll(dataFile('olist/olist_order_reviews_dataset.csv'), 'olist-reviews');
    assert.deepEqual([reviews.rows.length, reviews.rejected.length], [14_944, 0]);
    const rs = reviews.rows.map((r) => r.record as ReviewRecord);
    // 6,176 comments are non-empty; 4 of them are only whitespace ('\n', '\n\n', ' ', ' ') and trim to null.
    assert.equal(rs.filter((r) => r.text).length, 6_176 - 4);
    assert.equal(rs.filter((r) => r.title).length, 1_746);
    assert.deepEqual(Object.fromEntries(countBy(rs, (r) => r.rating)), { 1: 1_701, 2: 478, 3: 1_281, 4: 2_887, 5: 8_597 });
    const multiLine = reviews.rows.find((r) => (r.record as ReviewRecord).text?.includes('\n'));
    assert.ok(multiLine, 'a comment keeps its embedded newline');
    assert.ok(multiLine.raw.includes('\n'));
    const next = reviews.rows[reviews.rows.indexOf(multiLine) + 1];
    assert.ok(next.lineNo > multiLine.lineNo + 1, 'the next row starts on a later physical line');
    assert.ok(reviews.lastLine > reviews.rows.length + 1);
  });
});
