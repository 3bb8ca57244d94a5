/** Cleaning for the value models: a customer's purchases on one day merge into one transaction. */
import { sql } from 'kysely';
import type { ActivityDeps } from './deps';

export interface CleanResult {
  dataset: string;
  rawRows: number;
  customerDays: number;
  customers: number;
}

export function createCleaningActivities({ db }: ActivityDeps) {
  return {
    /** Rebuilds customer_days for a dataset from all its ingested lines (set-based, idempotent). */
    async mergeSameDayPurchases({ dataset }: { dataset: string }): Promise<CleanResult> {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('customer_days').where('dataset', '=', dataset).execute();
        await sql`
          insert into customer_days (dataset, customer_id, day, quantity, amount, source_rows)
          select dataset, customer_id, occurred_on, sum(quantity), sum(amount), count(*)
          from raw_transactions where dataset = ${dataset}
          group by dataset, customer_id, occurred_on`.execute(trx);
        const r = await sql<CleanResult>`
          select ${dataset}::text as dataset,
                 coalesce(sum(source_rows), 0)::int as "rawRows",
                 count(*)::int as "customerDays",
                 count(distinct customer_id)::int as customers
          from customer_days where dataset = ${dataset}`.execute(trx);
        return r.rows[0];
      });
    },
  };
}

export type CleaningActivities = ReturnType<typeof createCleaningActivities>;
