import type { ColumnType, Insertable, Selectable } from 'kysely';

/** A model fitted by maximum likelihood in a run: its parameters and log-likelihood. */
export interface ModelFitsTable {
  run_id: string;
  model: string;
  params: ColumnType<Record<string, number>, string, string>;
  log_lik: number;
  n: number;
  iterations: number;
  converged: boolean;
  seconds: number;
}
export type ModelFit = Selectable<ModelFitsTable>;
export type NewModelFit = Insertable<ModelFitsTable>;
