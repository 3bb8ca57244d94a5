/** Frozen: the tables of the walking skeleton (ingest -> clean -> calibration -> fits -> scores). */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ingest_batches')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_path', 'text', (c) => c.notNull())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done')`))
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addUniqueConstraint('ingest_batches_dataset_checksum', ['dataset', 'checksum'])
    .execute();

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

  await db.schema
    .createTable('rejected_rows')
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('ingest_batches.id').onDelete('cascade'))
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rejected_rows_pk', ['batch_id', 'line_no'])
    .execute();

  await db.schema
    .createTable('customer_days')
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('quantity', 'double precision', (c) => c.notNull())
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addColumn('source_rows', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('customer_days_pk', ['dataset', 'customer_id', 'day'])
    .execute();

  await db.schema
    .createTable('value_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dataset', 'text', (c) => c.notNull())
    .addColumn('cutoff', 'date', (c) => c.notNull())
    .addColumn('horizon_weeks', 'double precision', (c) => c.notNull())
    .addColumn('holdout_end', 'date', (c) => c.notNull())
    .addColumn('primary_model', 'text', (c) => c.notNull())
    .addColumn('tier_cut', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'done', 'failed')`))
    .addColumn('customers', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('customer_summaries')
    .addColumn('run_id', 'text', (c) => c.notNull().references('value_runs.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('first_purchase', 'date', (c) => c.notNull())
    .addColumn('x', 'integer', (c) => c.notNull())
    .addColumn('t_x', 'double precision', (c) => c.notNull())
    .addColumn('t_cal', 'double precision', (c) => c.notNull())
    .addColumn('monetary', 'double precision', (c) => c.notNull())
    .addColumn('holdout_transactions', 'integer')
    .addColumn('holdout_value', 'double precision')
    .addPrimaryKeyConstraint('customer_summaries_pk', ['run_id', 'customer_id'])
    .execute();

  await db.schema
    .createTable('model_fits')
    .addColumn('run_id', 'text', (c) => c.notNull().references('value_runs.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('params', 'jsonb', (c) => c.notNull())
    .addColumn('log_lik', 'double precision', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('iterations', 'integer', (c) => c.notNull())
    .addColumn('converged', 'boolean', (c) => c.notNull())
    .addColumn('seconds', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_fits_pk', ['run_id', 'model'])
    .execute();

  await db.schema
    .createTable('customer_scores')
    .addColumn('run_id', 'text', (c) => c.notNull().references('value_runs.id').onDelete('cascade'))
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull())
    .addColumn('expected_transactions', 'double precision', (c) => c.notNull())
    .addColumn('p_alive', 'double precision')
    .addColumn('expected_spend', 'double precision', (c) => c.notNull())
    .addColumn('predicted_value', 'double precision', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull().check(sql`tier in ('high', 'mid', 'low')`))
    .addPrimaryKeyConstraint('customer_scores_pk', ['run_id', 'model', 'customer_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['customer_scores', 'model_fits', 'customer_summaries', 'value_runs', 'customer_days', 'rejected_rows', 'raw_transactions', 'ingest_batches']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
