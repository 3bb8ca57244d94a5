/** `cvp report`: the tier table of a run (the latest by default). */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { getRun, latestRun, tierTable, type TierRow } from '../../db/repositories/reports';
import { VALUE_MODELS, isValueModel } from '../../domain/value-models';
import { money, pct, table } from '../format';

export class RunNotFoundError extends Error {
  readonly code = 'RUN_NOT_FOUND';
  constructor(what: string) {
    super(`no finished value run ${what}: run the pipeline first (npm start, or cvp run)`);
    this.name = 'RunNotFoundError';
  }
}

/** Renders the tier table of a run. */
export async function renderTierReport(db: Kysely<Database>, opts: { runId?: string; dataset?: string; model?: string }): Promise<string> {
  const run = opts.runId ? await getRun(db, opts.runId) : await latestRun(db, opts.dataset);
  if (!run) throw new RunNotFoundError(opts.runId ? `with id ${opts.runId}` : opts.dataset ? `for dataset ${opts.dataset}` : 'yet');
  const model = opts.model ?? run.primary_model;
  const rows = await tierTable(db, run.id, model);
  return formatTierTable(
    { runId: run.id, dataset: run.dataset, cutoff: run.cutoff, horizonWeeks: run.horizon_weeks, holdoutEnd: run.holdout_end, model, tierCut: run.tier_cut },
    rows,
  );
}

export interface TierTableMeta {
  runId: string;
  dataset: string;
  cutoff: string;
  horizonWeeks: number;
  holdoutEnd: string;
  model: string;
  tierCut: { high: number; mid: number; low: number };
}

/** The tier table as text. */
export function formatTierTable(meta: TierTableMeta, rows: TierRow[]): string {
  const label = isValueModel(meta.model) ? VALUE_MODELS[meta.model].label : meta.model;
  const sum = (f: (r: (typeof rows)[number]) => number | null) => rows.reduce((a, r) => a + (f(r) ?? 0), 0);
  const hasActual = rows.some((r) => r.actualValue !== null);
  const body = rows.map((r) => [r.tier, String(r.customers), money(r.predictedValue), hasActual ? money(r.actualValue) : '-', pct(r.actualShare)]);
  body.push(['total', String(sum((r) => r.customers)), money(sum((r) => r.predictedValue)), hasActual ? money(sum((r) => r.actualValue)) : '-', hasActual ? '100.0%' : '-']);
  const cut = meta.tierCut;
  return [
    `Value tiers: run ${meta.runId}`,
    `  dataset ${meta.dataset}, cutoff ${meta.cutoff}, horizon ${meta.horizonWeeks} weeks (to ${meta.holdoutEnd}), model ${label}, cut ${cut.high}/${cut.mid}/${cut.low}`,
    '',
    table(['tier', 'customers', 'predicted value', 'actual value', 'share of actual'], body),
  ].join('\n');
}
