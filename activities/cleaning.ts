/** Cleaning a dataset: the rules of domain/cleaning.ts, applied set-based in one transaction, counted per rule. */
import { Context } from '@temporalio/activity';
import { sql } from 'kysely';
import { flagOrderLines, rebuildCustomerDays, rebuildDerived, recordRule, resolveOrderContext } from '../db/repositories/cleaning';
import type { ActivityDeps } from './deps';

export interface CleanResult {
  dataset: string;
  /** Order lines in the dataset. */
  lines: number;
  /** Lines by flag (no_customer, zero_price, outlier, ...) and matched cancellations. */
  flags: Record<string, number>;
  /** Customer-days after same-day merging and netting (the value models' transactions). */
  customerDays: number;
  /** Customers with at least one valued purchase day. */
  customers: number;
  activity: { customers: number; products: number; sessions: number };
}

export function createCleaningActivities({ db }: ActivityDeps) {
  return {
    /** Applies every cleaning rule to a dataset and rebuilds its derived tables (idempotent). */
    async cleanDataset({ dataset }: { dataset: string }): Promise<CleanResult> {
      const ctx = Context.current();
      return db.transaction().execute(async (trx) => {
        ctx.heartbeat('resolve-order-context');
        await recordRule(trx, dataset, 'resolve-order-context', await resolveOrderContext(trx, dataset));
        ctx.heartbeat('flags');
        const flags = await flagOrderLines(trx, dataset);
        const ruleOf: Record<string, Parameters<typeof recordRule>[2]> = {
          no_customer: 'missing-customer', zero_price: 'zero-price', negative_price: 'negative-price', non_product: 'non-product',
          outlier: 'outlier-amount', other_currency: 'currency',
        };
        for (const [flag, rule] of Object.entries(ruleOf)) await recordRule(trx, dataset, rule, flags[flag] ?? 0);
        await recordRule(trx, dataset, 'cancellation-netting', flags.matched_cancellation ?? 0, { unmatched: flags.unmatched_cancellation ?? 0 });
        ctx.heartbeat('same-day-merge');
        const customerDays = await rebuildCustomerDays(trx, dataset);
        await recordRule(trx, dataset, 'same-day-merge', customerDays);
        ctx.heartbeat('derived-tables');
        const activity = await rebuildDerived(trx, dataset);
        await recordRule(trx, dataset, 'derived-tables', activity.customers + activity.products + activity.sessions, activity);
        const r = await sql<{ lines: number; customers: number }>`
          select (select count(*) from order_lines where dataset = ${dataset})::int as lines,
                 (select count(distinct customer_id) from customer_days where dataset = ${dataset})::int as customers`.execute(trx);
        return { dataset, lines: r.rows[0].lines, flags, customerDays, customers: r.rows[0].customers, activity };
      });
    },
  };
}

export type CleaningActivities = ReturnType<typeof createCleaningActivities>;
