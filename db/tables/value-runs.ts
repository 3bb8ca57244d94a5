import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/** One value run: models fitted on a calibration period ending at the cutoff, scored over a horizon. */
export interface ValueRunsTable {
  /** The run id is the id of the workflow that produced it. */
  id: string;
  dataset: string;
  cutoff: string;
  horizon_weeks: number;
  holdout_end: string;
  primary_model: string;
  tier_cut: ColumnType<{ high: number; mid: number; low: number }, string, string>;
  status: 'running' | 'done' | 'failed';
  customers: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type ValueRun = Selectable<ValueRunsTable>;
export type NewValueRun = Insertable<ValueRunsTable>;
export type ValueRunUpdate = Updateable<ValueRunsTable>;
