/** The cleaning rules of domain/cleaning.ts as set-based SQL over one dataset; each returns rows affected. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { EXCLUDING_FLAGS, NON_PRODUCT_CODES, OUTLIER_MADS, SESSION_GAP_MINUTES, type CleaningRule } from '../../domain/cleaning';
import type { Database } from '../database';

type Db = Kysely<Database> | Transaction<Database>;

async function affected(q: Promise<{ numAffectedRows?: bigint }>): Promise<number> {
  return Number((await q).numAffectedRows ?? 0n);
}

/** Order context: aliases -> real customers, and lines take customer and time from their order. */
export async function resolveOrderContext(db: Db, dataset: string): Promise<number> {
  let n = await affected(sql`update orders o set customer_id = a.customer_id from customer_aliases a
    where o.dataset = ${dataset} and a.dataset = ${dataset} and a.alias = o.customer_id and o.customer_id <> a.customer_id`.execute(db));
  n += await affected(sql`update order_lines l set customer_id = a.customer_id from customer_aliases a
    where l.dataset = ${dataset} and a.dataset = ${dataset} and a.alias = l.customer_id and l.customer_id <> a.customer_id`.execute(db));
  n += await affected(sql`update order_lines l set customer_id = coalesce(l.customer_id, o.customer_id), ordered_at = coalesce(l.ordered_at, o.ordered_at)
    from orders o where l.dataset = ${dataset} and o.dataset = ${dataset} and o.order_id = l.order_id
      and ((l.customer_id is null and o.customer_id is not null) or (l.ordered_at is null))`.execute(db));
  n += await affected(sql`update reviews r set customer_id = o.customer_id from orders o
    where r.dataset = ${dataset} and o.dataset = ${dataset} and o.order_id = r.order_id and r.customer_id is distinct from o.customer_id and o.customer_id is not null`.execute(db));
  return n;
}

/**
 * Dataset-wide line rules. Row-local flags (no_customer, zero_price, negative_price, non_product) are set
 * when rows are stored (db/staging.ts); this resets and re-applies the rest, touching only the rows
 * concerned: lines whose customer was resolved, cancellations, outliers and other currencies.
 */
export async function flagOrderLines(db: Db, dataset: string): Promise<Record<string, number>> {
  const excl = sql`${sql.val([...EXCLUDING_FLAGS])}::text[]`;
  const ruleFlags = sql`array['outlier', 'unmatched_cancellation', 'other_currency']::text[]`;
  // Lines whose customer came from their order (or an alias) since they were stored.
  await sql`update order_lines set flags = array_remove(flags, 'no_customer'),
      amount_clean = case when is_cancellation or array_remove(flags, 'no_customer') && ${excl} then 0 else amount end
    where dataset = ${dataset} and customer_id is not null and 'no_customer' = any(flags)`.execute(db);
  // Forget the previous run of the rules below.
  await sql`update order_lines set reverses_line_key = null,
      flags = array_remove(array_remove(array_remove(flags, 'outlier'), 'unmatched_cancellation'), 'other_currency'),
      amount_clean = case when is_cancellation then 0
                          when array_remove(array_remove(array_remove(flags, 'outlier'), 'unmatched_cancellation'), 'other_currency') && ${excl} then 0
                          else amount end
    where dataset = ${dataset} and (flags && ${ruleFlags} or reverses_line_key is not null)`.execute(db);

  const mainCurrency = sql`(select currency from order_lines where dataset = ${dataset} group by currency order by count(*) desc limit 1)`;
  await sql`update order_lines set flags = flags || array['other_currency']::text[], amount_clean = 0
    where dataset = ${dataset} and currency <> ${mainCurrency}`.execute(db);

  // Cancellation netting: the latest earlier (or same-time) purchase of the same customer and product. Set-based:
  // within (customer, product), ordered by time with purchases first, grp counts the purchases so far, so a
  // cancellation's group starts with the purchase it reverses (grp 0: none before it, left unmatched).
  await sql`
    update order_lines c set reverses_line_key = m.key, amount_clean = case when c.flags && ${excl} then 0 else c.amount end
    from (
      select order_id, line_key, key from (
        select g.order_id, g.line_key, g.is_cancellation,
               first_value(case when not g.is_cancellation then g.order_id || '/' || g.line_key end)
                 over (partition by g.customer_id, g.product_id, g.grp order by g.ordered_at, g.is_cancellation, g.line_no) as key
        from (
          select l.order_id, l.line_key, l.is_cancellation, l.customer_id, l.product_id, l.ordered_at, l.line_no,
                 count(*) filter (where not l.is_cancellation)
                   over (partition by l.customer_id, l.product_id order by l.ordered_at, l.is_cancellation, l.line_no rows unbounded preceding) as grp
          from order_lines l
          where l.dataset = ${dataset} and l.customer_id is not null
            and (l.customer_id, l.product_id) in (select customer_id, product_id from order_lines where dataset = ${dataset} and is_cancellation and customer_id is not null)
        ) g
      ) t
      where t.is_cancellation and t.key is not null
    ) m
    where c.dataset = ${dataset} and c.order_id = m.order_id and c.line_key = m.line_key`.execute(db);
  await sql`update order_lines set flags = flags || array['unmatched_cancellation']::text[], amount_clean = 0
    where dataset = ${dataset} and is_cancellation and reverses_line_key is null`.execute(db);

  // Robust outlier cap on log amounts of purchases.
  const cap = await sql<{ cap: number | null }>`
    with l as (select ln(amount) as v from order_lines where dataset = ${dataset} and not is_cancellation and amount > 0),
         m as (select percentile_cont(0.5) within group (order by v) as med from l),
         d as (select percentile_cont(0.5) within group (order by abs(l.v - m.med)) as mad from l, m)
    select exp(m.med + ${OUTLIER_MADS} * 1.4826 * d.mad) as cap from m, d`.execute(db);
  const capValue = cap.rows[0]?.cap;
  if (capValue !== null && capValue !== undefined && Number.isFinite(capValue)) {
    await sql`update order_lines set flags = flags || array['outlier']::text[], amount_clean = case when flags && ${excl} then 0 else ${capValue}::float8 end
      where dataset = ${dataset} and not is_cancellation and amount > ${capValue}::float8`.execute(db);
  }

  const counts = await sql<{ flag: string; n: number }>`
    select f as flag, count(*)::int as n from order_lines, unnest(flags) f where dataset = ${dataset} group by f
    union all select 'matched_cancellation', count(*)::int from order_lines where dataset = ${dataset} and reverses_line_key is not null`.execute(db);
  return { ...Object.fromEntries(counts.rows.map((r) => [r.flag, r.n])), ...(capValue ? { outlier_cap: capValue } : {}) };
}

/** customer_days: net purchases per customer and UTC day, cancellations netted on the day they reverse. */
export async function rebuildCustomerDays(db: Db, dataset: string): Promise<number> {
  await sql`delete from customer_days where dataset = ${dataset}`.execute(db);
  return affected(sql`
    insert into customer_days (dataset, customer_id, day, quantity, amount, source_rows)
    select ${dataset}, customer_id, day, sum(quantity), sum(amount_clean), count(*)::int
    from (
      select p.customer_id, (p.ordered_at at time zone 'UTC')::date as day, p.quantity, p.amount_clean, false as reversal
      from order_lines p
      where p.dataset = ${dataset} and not p.is_cancellation and p.customer_id is not null and p.ordered_at is not null
        and not (p.flags && ${sql.val([...EXCLUDING_FLAGS])}::text[])
      union all
      select c.customer_id, (p.ordered_at at time zone 'UTC')::date, c.quantity, c.amount_clean, true
      from order_lines c join order_lines p on p.dataset = c.dataset and p.order_id || '/' || p.line_key = c.reverses_line_key
      where c.dataset = ${dataset} and c.is_cancellation and not (p.flags && ${sql.val([...EXCLUDING_FLAGS])}::text[])
    ) t
    group by customer_id, day
    having bool_or(not reversal) and (sum(amount_clean) > 0 or not bool_or(reversal))`.execute(db));
}

/** Rebuilds customer_activity, product_popularity and sessions for the dataset. */
export async function rebuildDerived(db: Db, dataset: string): Promise<{ customers: number; products: number; sessions: number }> {
  await sql`delete from sessions where dataset = ${dataset}`.execute(db);
  const sessions = await affected(sql`
    insert into sessions (dataset, session_id, customer_id, started_at, ended_at, events, views, carts, purchases, inferred)
    select ${dataset}, session_id, min(customer_id), min(occurred_at), max(occurred_at), count(*)::int,
           count(*) filter (where type = 'view')::int, count(*) filter (where type = 'cart')::int, count(*) filter (where type = 'purchase')::int,
           bool_or(inferred)
    from (
      select e.customer_id, e.occurred_at, e.type, e.session_id is null as inferred,
             coalesce(e.session_id, e.customer_id || '#' || sum(case when e.prev is null or e.occurred_at - e.prev > ${sql.raw(`interval '${SESSION_GAP_MINUTES} minutes'`)} then 1 else 0 end)
               over (partition by e.customer_id order by e.occurred_at, e.line_no)) as session_id
      from (select *, lag(occurred_at) over (partition by customer_id order by occurred_at, line_no) as prev from events where dataset = ${dataset}) e
    ) s
    group by session_id`.execute(db));

  await sql`delete from customer_activity where dataset = ${dataset}`.execute(db);
  const customers = await affected(sql`
    insert into customer_activity (dataset, customer_id, first_order_at, last_order_at, orders, lines, net_spend, cancelled_amount,
                                   views, carts, favourites, purchase_events, sessions, last_event_at, reviews, mean_rating)
    select ${dataset}, c.customer_id, o.first_order_at, o.last_order_at, coalesce(o.orders, 0), coalesce(o.lines, 0), coalesce(o.net_spend, 0), coalesce(o.cancelled, 0),
           coalesce(e.views, 0), coalesce(e.carts, 0), coalesce(e.favourites, 0), coalesce(e.purchases, 0), coalesce(s.sessions, 0), e.last_event_at,
           coalesce(r.reviews, 0), r.mean_rating
    from (
      select customer_id from order_lines where dataset = ${dataset} and customer_id is not null
      union select customer_id from events where dataset = ${dataset}
      union select customer_id from reviews where dataset = ${dataset} and customer_id is not null
    ) c
    left join (
      select customer_id, min(ordered_at) as first_order_at, max(ordered_at) as last_order_at, count(distinct order_id)::int as orders, count(*)::int as lines,
             sum(amount_clean) as net_spend, -sum(case when is_cancellation then amount_clean else 0 end) as cancelled
      from order_lines where dataset = ${dataset} and customer_id is not null group by customer_id
    ) o on o.customer_id = c.customer_id
    left join (
      select customer_id, count(*) filter (where type = 'view')::int as views, count(*) filter (where type = 'cart')::int as carts,
             count(*) filter (where type = 'favourite')::int as favourites, count(*) filter (where type = 'purchase')::int as purchases, max(occurred_at) as last_event_at
      from events where dataset = ${dataset} group by customer_id
    ) e on e.customer_id = c.customer_id
    left join (select customer_id, count(*)::int as sessions from sessions where dataset = ${dataset} group by customer_id) s on s.customer_id = c.customer_id
    left join (select customer_id, count(*)::int as reviews, avg(rating)::float8 as mean_rating from reviews where dataset = ${dataset} and customer_id is not null group by customer_id) r
      on r.customer_id = c.customer_id`.execute(db));

  await sql`delete from product_popularity where dataset = ${dataset}`.execute(db);
  const products = await affected(sql`
    insert into product_popularity (dataset, product_id, views, carts, favourites, purchase_events, orders, quantity, revenue, customers, view_to_purchase)
    select ${dataset}, p.product_id, coalesce(e.views, 0), coalesce(e.carts, 0), coalesce(e.favourites, 0), coalesce(e.purchases, 0),
           coalesce(o.orders, 0), coalesce(o.quantity, 0), coalesce(o.revenue, 0), coalesce(o.customers, 0),
           case when coalesce(e.views, 0) > 0 then coalesce(e.purchases, 0)::float8 / e.views end
    from (
      select product_id from order_lines where dataset = ${dataset} and product_id is not null
      union select product_id from events where dataset = ${dataset} and product_id is not null
    ) p
    left join (
      select product_id, count(distinct order_id) filter (where not is_cancellation)::int as orders, sum(quantity) as quantity, sum(amount) as revenue,
             count(distinct customer_id)::int as customers
      from order_lines where dataset = ${dataset} and product_id is not null and not ('non_product' = any(flags)) group by product_id
    ) o on o.product_id = p.product_id
    left join (
      select product_id, count(*) filter (where type = 'view')::int as views, count(*) filter (where type = 'cart')::int as carts,
             count(*) filter (where type = 'favourite')::int as favourites, count(*) filter (where type = 'purchase')::int as purchases
      from events where dataset = ${dataset} and product_id is not null group by product_id
    ) e on e.product_id = p.product_id`.execute(db));
  return { customers, products, sessions };
}

/** Records how many rows a rule touched. */
export async function recordRule(db: Db, dataset: string, rule: CleaningRule, affectedRows: number, details: Record<string, unknown> = {}): Promise<void> {
  await db
    .insertInto('cleaning_rules')
    .values({ dataset, rule, affected: affectedRows, details: JSON.stringify(details) })
    .onConflict((oc) => oc.columns(['dataset', 'rule']).doUpdateSet({ affected: affectedRows, details: JSON.stringify(details), applied_at: new Date() }))
    .execute();
}
