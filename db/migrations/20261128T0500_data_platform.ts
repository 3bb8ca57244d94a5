/**
 * Frozen: the data platform. Core tables for customers, products, orders and lines, payments, browsing
 * events and reviews (each row keeps its batch and file line for lineage; no index on them, so bulk loads
 * maintain only the business key and the customer/time index), unlogged staging tables that
 * COPY fills, duplicate lines, per-rule cleaning counts, and the derived activity / popularity / session
 * tables. raw_transactions is replaced by order_lines.
 */
import { sql, type Kysely } from 'kysely';

type Col = [name: string, type: string, notNull?: boolean];

const lineage: Col[] = [
  ['batch_id', 'integer', true],
  ['line_no', 'integer', true],
];

/** Columns per record kind, shared by the core table and its staging table. */
export const KIND_COLUMNS: Record<string, Col[]> = {
  customer: [['customer_id', 'text', true], ['first_seen', 'timestamptz'], ['country', 'text'], ['city', 'text'], ['region', 'text'], ['time_zone', 'text'], ['consent_email', 'boolean'], ['consent_sms', 'boolean'], ['consent_push', 'boolean']],
  customer_alias: [['alias', 'text', true], ['customer_id', 'text', true], ['country', 'text'], ['city', 'text'], ['region', 'text']],
  product: [['product_id', 'text', true], ['title', 'text'], ['description', 'text'], ['category', 'text'], ['price', 'double precision'], ['currency', 'text']],
  order: [['order_id', 'text', true], ['customer_id', 'text'], ['ordered_at', 'timestamptz', true], ['status', 'text']],
  order_line: [
    ['order_id', 'text', true], ['source_line_no', 'integer'], ['customer_id', 'text'], ['ordered_at', 'timestamptz'], ['product_id', 'text'], ['product_title', 'text'],
    ['category', 'text'], ['quantity', 'double precision', true], ['unit_price', 'double precision', true], ['amount', 'double precision', true], ['currency', 'text', true],
    ['is_cancellation', 'boolean', true], ['country', 'text'], ['freight', 'double precision'],
  ],
  payment: [['order_id', 'text', true], ['sequence', 'integer', true], ['method', 'text'], ['installments', 'integer'], ['amount', 'double precision', true], ['currency', 'text', true]],
  event: [['customer_id', 'text', true], ['occurred_at', 'timestamptz', true], ['type', 'text', true], ['product_id', 'text'], ['category_id', 'text'], ['category', 'text'], ['brand', 'text'], ['price', 'double precision'], ['currency', 'text'], ['session_id', 'text'], ['query', 'text']],
  review: [['review_id', 'text', true], ['order_id', 'text'], ['customer_id', 'text'], ['product_id', 'text'], ['rating', 'integer', true], ['title', 'text'], ['text', 'text'], ['language', 'text'], ['created_at', 'timestamptz', true]],
};

const CORE_TABLE: Record<string, string> = {
  customer: 'customers', customer_alias: 'customer_aliases', product: 'products', order: 'orders',
  order_line: 'order_lines', payment: 'payments', event: 'events', review: 'reviews',
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ingest_batches').addColumn('mapping', 'text').execute();
  await db.schema.alterTable('ingest_batches').addColumn('record_kind', 'text').execute();
  await db.schema.alterTable('ingest_batches').addColumn('last_line', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('ingest_batches').addColumn('staged', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('ingest_batches').addColumn('bytes', 'bigint').execute();
  // Set in the merge's transaction: the batch's rows are in core and its counts are final.
  await db.schema.alterTable('ingest_batches').addColumn('merged', 'boolean', (c) => c.notNull().defaultTo(false)).execute();

  for (const [kind, cols] of Object.entries(KIND_COLUMNS)) {
    // Staging: unlogged, no keys or indexes (it only holds batches in flight), filled by COPY and emptied by the merge.
    let stage = db.schema.createTable(`stage_${CORE_TABLE[kind]}`).modifyFront(sql`unlogged`);
    for (const [name, type] of [...lineage, ...cols]) stage = stage.addColumn(name, sql.raw(type));
    await stage.execute();

    let core = db.schema.createTable(CORE_TABLE[kind]).addColumn('dataset', 'text', (c) => c.notNull());
    for (const [name, type, notNull] of [...cols, ...lineage]) core = core.addColumn(name, sql.raw(type), (c) => (notNull ? c.notNull() : c));
    if (kind === 'order_line') {
      core = core
        .addColumn('line_key', 'text', (c) => c.notNull())
        .addColumn('flags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
        .addColumn('amount_clean', 'double precision')
        .addColumn('reverses_line_key', 'text');
    }
    if (kind === 'event') core = core.addColumn('event_key', 'text', (c) => c.notNull());
    const pk: Record<string, string[]> = {
      customer: ['dataset', 'customer_id'], customer_alias: ['dataset', 'alias'], product: ['dataset', 'product_id'], order: ['dataset', 'order_id'],
      order_line: ['dataset', 'order_id', 'line_key'], payment: ['dataset', 'order_id', 'sequence'], event: ['dataset', 'event_key'], review: ['dataset', 'review_id'],
    };
    core = core.addPrimaryKeyConstraint(`${CORE_TABLE[kind]}_pk`, pk[kind] as any);
    await core.execute();
  }
  // No secondary indexes on the big tables: cleaning and features are set-based scans of a dataset, and
  // every index costs the bulk merge (a per-customer lookup path can add one when it needs it).

  await db.schema
    .createTable('duplicate_lines')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('ingest_batches.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('duplicate_lines_pk', ['batch_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('cleaning_rules')
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('affected', 'integer', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('cleaning_rules_pk', ['dataset', 'rule'])
    .execute();

  await db.schema
    .createTable('customer_activity')
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('first_order_at', 'timestamptz')
    .addColumn('last_order_at', 'timestamptz')
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addColumn('net_spend', 'double precision', (c) => c.notNull())
    .addColumn('cancelled_amount', 'double precision', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addColumn('carts', 'integer', (c) => c.notNull())
    .addColumn('favourites', 'integer', (c) => c.notNull())
    .addColumn('purchase_events', 'integer', (c) => c.notNull())
    .addColumn('sessions', 'integer', (c) => c.notNull())
    .addColumn('last_event_at', 'timestamptz')
    .addColumn('reviews', 'integer', (c) => c.notNull())
    .addColumn('mean_rating', 'double precision')
    .addPrimaryKeyConstraint('customer_activity_pk', ['dataset', 'customer_id'])
    .execute();

  await db.schema
    .createTable('product_popularity')
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addColumn('carts', 'integer', (c) => c.notNull())
    .addColumn('favourites', 'integer', (c) => c.notNull())
    .addColumn('purchase_events', 'integer', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('revenue', 'double precision', (c) => c.notNull())
    .addColumn('customers', 'integer', (c) => c.notNull())
    .addColumn('view_to_purchase', 'double precision')
    .addPrimaryKeyConstraint('product_popularity_pk', ['dataset', 'product_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz', (c) => c.notNull())
    .addColumn('events', 'integer', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    .addColumn('carts', 'integer', (c) => c.notNull())
    .addColumn('purchases', 'integer', (c) => c.notNull())
    .addColumn('inferred', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('sessions_pk', ['dataset', 'session_id'])
    .execute();

  await db.schema.dropTable('raw_transactions').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['sessions', 'product_popularity', 'customer_activity', 'cleaning_rules', 'duplicate_lines']) await db.schema.dropTable(t).execute();
  for (const t of Object.values(CORE_TABLE)) {
    await db.schema.dropTable(t).execute();
    await db.schema.dropTable(`stage_${t}`).execute();
  }
  for (const c of ['merged', 'bytes', 'staged', 'last_line', 'record_kind', 'mapping']) await db.schema.alterTable('ingest_batches').dropColumn(c).execute();
  await db.schema
    .createTable('raw_transactions')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('ingest_batches.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'date', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('raw_transactions_pk', ['batch_id', 'line_no'])
    .execute();
  await db.schema.createIndex('raw_transactions_dataset').on('raw_transactions').columns(['dataset', 'customer_id']).execute();
}
