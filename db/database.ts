/** The database schema as Kysely sees it: one entry per table. */
import type { CleaningRulesTable } from './tables/cleaning-rules';
import type { CustomerAliasesTable } from './tables/customer-aliases';
import type { CustomerDaysTable } from './tables/customer-days';
import type { CustomerScoresTable } from './tables/customer-scores';
import type { CustomerSummariesTable } from './tables/customer-summaries';
import type { CustomersTable } from './tables/customers';
import type { CustomerActivityTable, ProductPopularityTable, SessionsTable } from './tables/derived';
import type { DuplicateLinesTable } from './tables/duplicate-lines';
import type { EventsTable } from './tables/events';
import type { IngestBatchesTable } from './tables/ingest-batches';
import type { ModelFitsTable } from './tables/model-fits';
import type { OrderLinesTable } from './tables/order-lines';
import type { OrdersTable } from './tables/orders';
import type { PaymentsTable } from './tables/payments';
import type { ProductsTable } from './tables/products';
import type { RejectedRowsTable } from './tables/rejected-rows';
import type { ReviewsTable } from './tables/reviews';
import type { ValueRunsTable } from './tables/value-runs';

export interface Database {
  ingest_batches: IngestBatchesTable;
  rejected_rows: RejectedRowsTable;
  duplicate_lines: DuplicateLinesTable;
  customers: CustomersTable;
  customer_aliases: CustomerAliasesTable;
  products: ProductsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  payments: PaymentsTable;
  events: EventsTable;
  reviews: ReviewsTable;
  cleaning_rules: CleaningRulesTable;
  customer_activity: CustomerActivityTable;
  product_popularity: ProductPopularityTable;
  sessions: SessionsTable;
  customer_days: CustomerDaysTable;
  value_runs: ValueRunsTable;
  customer_summaries: CustomerSummariesTable;
  model_fits: ModelFitsTable;
  customer_scores: CustomerScoresTable;
}
