/**
 * Every real data set in ../shared/data ingested and cleaned into a real database through the activities,
 * with the counts of its SOURCE.md reproduced and read = accepted + rejected + duplicates for every file.
 */
import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { sql } from 'kysely';
import { createCleaningActivities, type CleanResult } from '../../activities/cleaning';
import { createIngestionActivities, type IngestResult } from '../../activities/ingestion';
import { createTestDb, sharedData, type TestDb } from '../helpers/db';

describe('real data sets: ingest, reconcile, clean @slow', function () {
  this.timeout(600_000);
  let db: TestDb;
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const acts = () => {
    const deps = { db: db.db, bulk: db.bulk, builtinFiles: {} };
    return { ...createIngestionActivities(deps), ...createCleaningActivities(deps) };
  };
  const ingest = async (dataset: string, source: string, file: string) => {
    const r = (await env.run(acts().ingestFile, { dataset, source, file })) as IngestResult;
    assert.equal(r.rowsRead, r.accepted + r.rejected + r.duplicates, `${file} reconciles`);
    return r;
  };
  const clean = (dataset: string) => env.run(acts().cleanDataset, { dataset }) as Promise<CleanResult>;
  const one = async <T>(q: { execute(db: unknown): Promise<{ rows: T[] }> }) => (await q.execute(db.db)).rows[0];

  before(async () => {
    db = await createTestDb();
  });
  after(async () => db?.drop());

  it('UCI Online Retail: 541,909 lines, 25,900 invoices, 4,372 customers, 5,268 exact duplicates, cancellations netted', async () => {
    const r = await ingest('retail', 'online-retail', sharedData('online_retail_uci', 'onlineretail.csv.gz'));
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [541909, 536641, 0, 5268]);
    const c = await one(sql<Record<string, number>>`
      select count(distinct order_id)::int as invoices, count(distinct customer_id)::int as customers,
             count(*) filter (where order_id like 'C%')::int as c_lines, count(*) filter (where customer_id is null)::int as no_customer,
             round(sum(quantity * unit_price)::numeric, 2)::float8 as value
      from order_lines where dataset = 'retail'`);
    // The file's 9,288 "C" lines and 135,080 lines without CustomerID include 37 and 43 exact duplicates.
    assert.deepEqual(c, { invoices: 25900, customers: 4372, c_lines: 9251, no_customer: 135037, value: 9726006.95 });

    const cleaned = await clean('retail');
    assert.equal(cleaned.lines, 536641);
    assert.equal(cleaned.flags.no_customer, 135037, 'lines without customer kept, flagged');
    assert.equal(cleaned.flags.matched_cancellation + cleaned.flags.unmatched_cancellation, 10587, 'every cancellation is matched or flagged');
    assert.ok(cleaned.flags.matched_cancellation > 7000);
    assert.ok(cleaned.flags.outlier > 0 && cleaned.flags.outlier < 100, `a few outliers capped: ${cleaned.flags.outlier}`);
    // The 80,995-unit order and its cancellation: capped, then netted away entirely.
    const big = await one(sql<{ amount: number; amount_clean: number; flags: string[] }>`select amount, amount_clean, flags from order_lines where dataset = 'retail' and quantity = 80995`);
    assert.ok(big.flags.includes('outlier') && big.amount_clean < big.amount);
    const day = await one(sql<{ n: number }>`select count(*)::int as n from customer_days where dataset = 'retail' and customer_id = '16446' and day = '2011-12-09'`);
    assert.equal(day.n, 0, 'a purchase fully reversed by its cancellation is not a transaction');
    assert.equal(cleaned.activity.customers, 4372);
    assert.equal(cleaned.activity.products, 4070);
    const rules = await db.db.selectFrom('cleaning_rules').select(['rule', 'affected']).where('dataset', '=', 'retail').execute();
    assert.ok(rules.length >= 9, 'every rule records its count');
  });

  it('REES46 events: the cut-off last line is rejected with its reason, sessions and funnel derived', async () => {
    const r = await ingest('rees46', 'rees46-events', sharedData('rees46_2019oct_head', '2019-Oct.csv'));
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [17435, 17429, 1, 5]);
    const rej = await db.db.selectFrom('rejected_rows').select(['line_no', 'reason']).where('batch_id', '=', r.batchId).executeTakeFirstOrThrow();
    assert.equal(rej.line_no, 17436);
    assert.match(rej.reason, /2019-Oct\.csv:17436: truncated last line/);
    const cleaned = await clean('rees46');
    assert.deepEqual(cleaned.activity, { customers: 4504, products: 6493, sessions: 5066 });
    const funnel = await one(sql<Record<string, number>>`select sum(views)::int as views, sum(carts)::int as carts, sum(purchase_events)::int as purchases from product_popularity where dataset = 'rees46'`);
    assert.deepEqual(funnel, { views: 17051, carts: 164, purchases: 214 });
  });

  it('Taobao UserBehavior: 84,475 events of 815 users, sessions inferred from 30-minute gaps', async () => {
    const r = await ingest('taobao', 'taobao-events', sharedData('taobao_userbehavior_head', 'UserBehavior.csv'));
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [84476, 84475, 1, 0]);
    const cleaned = await clean('taobao');
    assert.equal(cleaned.activity.customers, 815);
    const s = await one(sql<{ n: number; inferred: number; events: number }>`select count(*)::int as n, count(*) filter (where inferred)::int as inferred, sum(events)::int as events from sessions where dataset = 'taobao'`);
    assert.equal(s.n, s.inferred);
    assert.equal(s.events, 84475, 'every event is in exactly one session');
    const types = await one(sql<Record<string, number>>`select count(*) filter (where type = 'view')::int as view, count(*) filter (where type = 'cart')::int as cart, count(*) filter (where type = 'favourite')::int as favourite, count(*) filter (where type = 'purchase')::int as purchase from events where dataset = 'taobao'`);
    assert.deepEqual(types, { view: 75872, cart: 4497, favourite: 2356, purchase: 1750 });
  });

  it('Olist: six tables in any order, joined by cleaning to real customers (customer_unique_id)', async () => {
    const dir = (f: string) => sharedData('olist', f);
    const files: [string, string, number][] = [
      ['olist-order-items', 'olist_order_items_dataset.csv', 17071],
      ['olist-orders', 'olist_orders_dataset.csv', 15000],
      ['olist-customers', 'olist_customers_dataset.csv', 15000],
      ['olist-payments', 'olist_order_payments_dataset.csv', 15733],
      ['olist-products', 'olist_products_dataset.csv', 32951],
      ['olist-reviews', 'olist_order_reviews_dataset.csv', 14944],
    ];
    for (const [source, file, rows] of files) {
      const r = await ingest('olist', source, dir(file));
      assert.equal(r.rowsRead, rows, file);
      assert.equal(r.rejected, 0, file);
    }
    const reviews = await one(sql<{ n: number; text: number; multiline: number }>`select count(*)::int as n, count(text)::int as text, count(*) filter (where text like ${'%\n%'})::int as multiline from reviews where dataset = 'olist'`);
    assert.equal(reviews.n, 14924, '20 review ids repeat across orders: stored once, counted as duplicates');
    assert.ok(reviews.multiline > 0, 'comments keep their embedded newlines');
    const cleaned = await clean('olist');
    const c = await one(sql<Record<string, number>>`
      select count(distinct customer_id)::int as customers, count(*) filter (where customer_id is null)::int as unresolved, count(*) filter (where ordered_at is null)::int as untimed
      from order_lines where dataset = 'olist'`);
    assert.deepEqual(c, { customers: c.customers, unresolved: 0, untimed: 0 });
    assert.ok(c.customers <= 14904 && c.customers > 14000, `${c.customers} real customers`);
    const repeat = await one(sql<{ n: number }>`select count(*)::int as n from (select customer_id from orders where dataset = 'olist' group by customer_id having count(*) > 1) t`);
    assert.equal(repeat.n, 93, 'customers with more than one order, as SOURCE.md says');
    const reviewed = await one(sql<{ n: number }>`select count(*)::int as n from reviews where dataset = 'olist' and customer_id is null`);
    assert.equal(reviewed.n, 0, 'every review reaches its customer through its order');
    assert.ok(cleaned.customers > 14000);
    const english = await one(sql<{ n: number }>`select count(*)::int as n from products where dataset = 'olist' and category = 'health_beauty'`);
    assert.ok(english.n > 0, 'categories translated to English');
  });
});
