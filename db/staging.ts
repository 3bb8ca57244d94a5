/**
 * Staging of canonical records: which unlogged stage table and columns each record kind is COPY'd into,
 * and the set-based merge from stage to core table that removes business-key duplicates.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { CanonicalRecord, RecordKind } from '../domain/ingest/records';
import { NON_PRODUCT_CODES } from '../domain/cleaning';
import { copyValue } from './bulk';
import type { Database } from './database';

interface KindSpec {
  core: string;
  stage: string;
  /** Stage/core columns after (batch_id, line_no), and the record field each comes from. */
  columns: readonly (readonly [column: string, field: string])[];
  /** Core-only columns computed at merge time (SQL over the stage row `s`): keys and row-local cleaning flags. */
  computed?: readonly (readonly [column: string, expression: string])[];
  /** What "the same row" means, for the duplicate reason. */
  businessKey: string;
  /** The core table's key columns after dataset (stage or computed columns). */
  keyColumns: readonly string[];
}

const NON_PRODUCT_ARRAY = `array[${NON_PRODUCT_CODES.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ')}]::text[]`;

/** Flags that depend on the row alone, set when it is stored (the dataset-wide rules run in cleaning). */
const ROW_FLAGS = `array_remove(array[
  case when s.customer_id is null then 'no_customer' end,
  case when s.unit_price = 0 and not s.is_cancellation then 'zero_price' end,
  case when s.unit_price < 0 then 'negative_price' end,
  case when s.product_id = any(${NON_PRODUCT_ARRAY}) then 'non_product' end
]::text[], null)`;

export const KINDS: Record<RecordKind, KindSpec> = {
  customer: {
    core: 'customers', stage: 'stage_customers', businessKey: 'customer id', keyColumns: ['customer_id'],
    columns: [['customer_id', 'customerId'], ['first_seen', 'firstSeen'], ['country', 'country'], ['city', 'city'], ['region', 'region'], ['time_zone', 'timeZone'], ['consent_email', 'consentEmail'], ['consent_sms', 'consentSms'], ['consent_push', 'consentPush']],
  },
  customer_alias: {
    core: 'customer_aliases', stage: 'stage_customer_aliases', businessKey: 'alias', keyColumns: ['alias'],
    columns: [['alias', 'alias'], ['customer_id', 'customerId'], ['country', 'country'], ['city', 'city'], ['region', 'region']],
  },
  product: {
    core: 'products', stage: 'stage_products', businessKey: 'product id', keyColumns: ['product_id'],
    columns: [['product_id', 'productId'], ['title', 'title'], ['description', 'description'], ['category', 'category'], ['price', 'price'], ['currency', 'currency']],
  },
  order: {
    core: 'orders', stage: 'stage_orders', businessKey: 'order id', keyColumns: ['order_id'],
    columns: [['order_id', 'orderId'], ['customer_id', 'customerId'], ['ordered_at', 'orderedAt'], ['status', 'status']],
  },
  order_line: {
    core: 'order_lines', stage: 'stage_order_lines', businessKey: 'order, position (or identical product, quantity, price, time, customer)', keyColumns: ['order_id', 'line_key'],
    columns: [
      ['order_id', 'orderId'], ['source_line_no', 'lineNo'], ['customer_id', 'customerId'], ['ordered_at', 'orderedAt'], ['product_id', 'productId'], ['product_title', 'productTitle'],
      ['category', 'category'], ['quantity', 'quantity'], ['unit_price', 'unitPrice'], ['amount', 'amount'], ['currency', 'currency'], ['is_cancellation', 'isCancellation'],
      ['country', 'country'], ['freight', 'freight'],
    ],
    computed: [
      ['line_key', `coalesce(s.source_line_no::text, left(md5(concat_ws('|', s.product_id, s.quantity, s.unit_price, s.ordered_at, s.customer_id, s.product_title, s.is_cancellation)), 16))`],
      ['flags', ROW_FLAGS],
      // Cancellations start unvalued: cleaning values them once they are matched to the purchase they reverse.
      ['amount_clean', `case when s.is_cancellation or s.customer_id is null or s.unit_price < 0 or s.product_id = any(${NON_PRODUCT_ARRAY}) then 0 else s.amount end`],
    ],
  },
  payment: {
    core: 'payments', stage: 'stage_payments', businessKey: 'order and payment sequence', keyColumns: ['order_id', 'sequence'],
    columns: [['order_id', 'orderId'], ['sequence', 'sequence'], ['method', 'method'], ['installments', 'installments'], ['amount', 'amount'], ['currency', 'currency']],
  },
  event: {
    core: 'events', stage: 'stage_events', businessKey: 'customer, time, type, product, session and query', keyColumns: ['event_key'],
    columns: [['customer_id', 'customerId'], ['occurred_at', 'occurredAt'], ['type', 'type'], ['product_id', 'productId'], ['category_id', 'categoryId'], ['category', 'category'], ['brand', 'brand'], ['price', 'price'], ['currency', 'currency'], ['session_id', 'sessionId'], ['query', 'query']],
    computed: [['event_key', `md5(concat_ws('|', s.customer_id, s.occurred_at, s.type, s.product_id, s.session_id, s.query))`]],
  },
  review: {
    core: 'reviews', stage: 'stage_reviews', businessKey: 'review id', keyColumns: ['review_id'],
    columns: [['review_id', 'reviewId'], ['order_id', 'orderId'], ['customer_id', 'customerId'], ['product_id', 'productId'], ['rating', 'rating'], ['title', 'title'], ['text', 'text'], ['language', 'language'], ['created_at', 'createdAt']],
  },
};

/** The COPY column list of a kind's stage table. */
export function stageColumns(kind: RecordKind): string[] {
  return ['batch_id', 'line_no', ...KINDS[kind].columns.map(([c]) => c)];
}

type RowEncoder = (batchId: number, lineNo: number, record: Record<string, unknown>, value: typeof copyValue) => string;
const encoders = new Map<RecordKind, RowEncoder>();

/** A row encoder compiled per kind (one string expression, no loop over fields): the hot path of COPY. */
function encoderFor(kind: RecordKind): RowEncoder {
  let enc = encoders.get(kind);
  if (!enc) {
    const parts = KINDS[kind].columns.map(([, f]) => `v(r[${JSON.stringify(f)}])`).join(" + '\\t' + ");
    enc = new Function('b', 'l', 'r', 'v', `return b + '\\t' + l + '\\t' + ${parts} + '\\n';`) as RowEncoder;
    encoders.set(kind, enc);
  }
  return enc;
}

/** COPY text for a batch of records of one kind (one line per record). */
export function encodeStageRows(kind: RecordKind, batchId: number, rows: readonly { lineNo: number; record: CanonicalRecord }[]): string {
  const enc = encoderFor(kind);
  const out: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = enc(batchId, rows[i].lineNo, rows[i].record as unknown as Record<string, unknown>, copyValue);
  return out.join('');
}

/** Deletes staged rows of a batch past a line (a retry re-stages them). */
export async function discardStagedAfter(db: Kysely<Database>, kind: RecordKind, batchId: number, lastLine: number): Promise<void> {
  await sql`delete from ${sql.table(KINDS[kind].stage)} where batch_id = ${batchId} and line_no > ${lastLine}`.execute(db);
}

/**
 * Moves a batch from stage to core in one transaction. Rows whose business key already exists (in core,
 * or on an earlier line of the batch) are recorded in duplicate_lines instead; deduplication happens in the
 * SELECT (window + anti-join), so the insert is a plain, index-ordered bulk insert.
 */
export async function mergeStagedBatch(db: Kysely<Database>, kind: RecordKind, dataset: string, batchId: number): Promise<{ inserted: number; duplicates: number }> {
  const spec = KINDS[kind];
  const cols = spec.columns.map(([c]) => c);
  const computed = spec.computed ?? [];
  const target = [...cols, 'batch_id', 'line_no', ...computed.map(([c]) => c)];
  const keys = spec.keyColumns;
  const withComputed = [sql.raw('s.*'), ...computed.map(([c, e]) => sql`${sql.raw(e)} as ${sql.ref(c)}`)];
  const sameKey = sql.join(keys.map((k) => sql`c.${sql.ref(k)} = src.${sql.ref(k)}`), sql` and `);
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    // Fresh statistics on the staged rows, else the planner expects one row and picks nested loops (quadratic).
    await sql`analyze ${sql.table(spec.stage)}`.execute(trx);
    const res = await sql<{ inserted: number; duplicates: number }>`
      with src as (
        select * from (
          select x.*, row_number() over (partition by ${sql.join(keys.map((k) => sql.ref(`x.${k}`)))} order by x.line_no) as rn
          from (select ${sql.join(withComputed)} from ${sql.table(spec.stage)} s where s.batch_id = ${batchId}) x
        ) y where rn = 1
      ), ins as (
        insert into ${sql.table(spec.core)} (dataset, ${sql.join(target.map((c) => sql.ref(c)))})
        select ${dataset}, ${sql.join(target.map((c) => sql.ref(`src.${c}`)))} from src
        where not exists (select 1 from ${sql.table(spec.core)} c where c.dataset = ${dataset} and ${sameKey})
        order by ${sql.join(keys.map((k) => sql.ref(`src.${k}`)))}
        returning line_no
      ), dup as (
        insert into duplicate_lines (batch_id, line_no, reason)
        select s.batch_id, s.line_no, ${`duplicate ${kind.replace('_', ' ')}: same ${spec.businessKey} as a row already stored`}
        from ${sql.table(spec.stage)} s
        where s.batch_id = ${batchId} and not exists (select 1 from ins where ins.line_no = s.line_no)
        on conflict do nothing
        returning line_no
      )
      select (select count(*) from ins)::int as inserted, (select count(*) from dup)::int as duplicates`.execute(trx);
    await sql`delete from ${sql.table(spec.stage)} where batch_id = ${batchId}`.execute(trx);
    const { inserted, duplicates } = res.rows[0];
    await trx.updateTable('ingest_batches').set({ merged: true, accepted: inserted, duplicates }).where('id', '=', batchId).execute();
    return res.rows[0];
  });
}
