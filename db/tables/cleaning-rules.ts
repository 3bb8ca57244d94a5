import type { ColumnType, Selectable } from 'kysely';

/** How many rows one cleaning rule touched in a dataset, the last time it ran. */
export interface CleaningRulesTable {
  dataset: string;
  rule: string;
  affected: number;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  applied_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
export type CleaningRule = Selectable<CleaningRulesTable>;
