/**
 * The whole slice through a real Temporal dev server and a real database: CDNOW sample -> ingest ->
 * clean -> calibration -> BG/NBD, Pareto/NBD, Gamma-Gamma -> scores -> tiers, persisted.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { evaluateRun } from '../../client/commands/evaluate';
import { renderTierReport } from '../../client/commands/report';
import { startPipeline } from '../../client/start';
import { startPools, type StartedPools } from '../../workers/pools';
import type { PipelineResult } from '../../workflows/pipeline.workflow';
import { createTestDb, type TestDb } from '../helpers/db';
import { getTestServer, testConfig } from '../helpers/temporal';

/** Published maximum-likelihood estimates on CDNOW_sample (Fader, Hardie & Lee 2005). */
const PUBLISHED = {
  bgnbd: { params: { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 }, logLik: -9582.43 },
  'pareto-nbd': { params: { r: 0.5533, alpha: 10.5777, s: 0.6062, beta: 11.6687 }, logLik: -9594.98 },
  'gamma-gamma': { params: { p: 6.2496, q: 3.7442, gamma: 15.4435 }, logLik: -4055.92 },
} as const;

for (const kind of ['postgres', 'pglite'] as const) {
  if (kind === 'postgres' && !process.env.DATABASE_URL) continue;
  describe(`pipeline on the embedded CDNOW sample (${kind})`, function () {
    this.timeout(300_000);
    let db: TestDb;
    let pools: StartedPools;
    let result: PipelineResult;

    before(async () => {
      const server = await getTestServer();
      db = await createTestDb({ kind });
      const config = testConfig(server);
      pools = await startPools({ config, connection: server.nativeConnection, db: db.db, bulk: db.bulk, pools: ['orchestration', 'cpu', 'gpu'] });
      const handle = await startPipeline(server.client, config, {});
      result = await handle.result();
    });

    after(async () => {
      await pools?.shutdown();
      await db?.drop();
    });

    it('ingests every line of the sample and reconciles the counts', async () => {
      const [batch] = result.ingested;
      assert.equal(batch.rowsRead, 6919);
      assert.equal(batch.accepted + batch.rejected + batch.duplicates, batch.rowsRead);
      assert.equal(batch.accepted, 6919);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from order_lines`.execute(db.db);
      assert.equal(rows[0].n, 6919);
    });

    it('merges same-day purchases and keeps all 2,357 customers', async () => {
      assert.equal(result.cleaned.customers, 2357);
      assert.equal(result.cleaned.lines, 6919);
      assert.ok(result.cleaned.customerDays < 6919);
      assert.equal(result.run.customers, 2357);
    });

    it('reproduces the published maximum-likelihood fits within 1%', async () => {
      const fits = await db.db.selectFrom('model_fits').selectAll().where('run_id', '=', result.run.runId).execute();
      assert.equal(fits.length, 3);
      for (const fit of fits) {
        const ref = PUBLISHED[fit.model as keyof typeof PUBLISHED];
        for (const [name, value] of Object.entries(ref.params)) {
          const got = fit.params[name];
          assert.ok(Math.abs(got / value - 1) < 0.01, `${fit.model}.${name}: ${got} vs published ${value}`);
        }
        assert.ok(Math.abs(fit.log_lik / ref.logLik - 1) < 0.01, `${fit.model} LL ${fit.log_lik} vs ${ref.logLik}`);
      }
      assert.equal(fits.find((f) => f.model === 'gamma-gamma')?.n, 946);
    });

    it('tiers customers 20/30/50 by predicted value, and the high tier holds most of the realised value', async () => {
      const tiers = Object.fromEntries(result.run.tiers.map((t) => [t.tier, t]));
      assert.equal(tiers.high.customers, Math.round(0.2 * 2357));
      assert.equal(tiers.high.customers + tiers.mid.customers + tiers.low.customers, 2357);
      assert.ok(tiers.high.predictedValue > tiers.mid.predictedValue && tiers.mid.predictedValue > tiers.low.predictedValue);
      assert.ok((tiers.high.actualShare ?? 0) > 0.6, `high tier holds ${tiers.high.actualShare} of holdout revenue`);
      const scores = await sql<{ n: number; models: number }>`select count(*)::int as n, count(distinct model)::int as models from customer_scores where run_id = ${result.run.runId}`.execute(db.db);
      assert.deepEqual(scores.rows[0], { n: 3 * 2357, models: 3 });
    });

    it('evaluates the holdout as in the EVALUATION.md reference table (within 2%)', async () => {
      const ev = await evaluateRun(db.db, result.run.runId);
      const close = (got: number, want: number, what: string) => assert.ok(Math.abs(got / want - 1) <= 0.02, `${what}: ${got} vs reference ${want}`);
      const reference = {
        'bgnbd-gg': { sumPredicted: 1653, sumActual: 1882, mae: 0.785, rmse: 1.608, spearman: 0.449, normalizedGini: 0.663, auc: 0.773 },
        'pareto-nbd-gg': { sumPredicted: 1666, sumActual: 1882, mae: 0.755, rmse: 1.603, spearman: 0.46, normalizedGini: 0.673, auc: 0.779 },
      } as const;
      for (const [model, ref] of Object.entries(reference)) {
        for (const [k, v] of Object.entries(ref)) close(ev.transactions[model as keyof typeof reference][k as keyof typeof ref], v, `${model} transactions ${k}`);
      }
      const rev = ev.revenue['pareto-nbd-gg'];
      for (const [k, v] of Object.entries({ sumPredicted: 60400, sumActual: 71000, mae: 29.5, rmse: 72.2, spearman: 0.445, normalizedGini: 0.659 })) close(rev[k as keyof typeof rev] as number, v, `Pareto/NBD x GG revenue ${k}`);
      close(ev.transactions.naive.bias, 0.557, 'naive bias');
      close(ev.transactions.naive.mae, 1.024, 'naive MAE');
    });

    it('prints the tier table from the database', async () => {
      const text = await renderTierReport(db.db, {});
      assert.match(text, /high\s+471\s+\$[\d,.]+\s+\$[\d,.]+/);
      assert.match(text, /total\s+2357/);
    });

    it('a second start with the same input changes nothing', async () => {
      const server = await getTestServer();
      const before = await sql<{ n: number }>`select (select count(*) from customer_scores) + (select count(*) from order_lines) + (select count(*) from customer_summaries) as n`.execute(db.db);
      const again = await (await startPipeline(server.client, testConfig(server, { taskQueuePrefix: pools.workers[0].taskQueue.replace(/orchestration$/, '') }), {})).result() as PipelineResult;
      assert.equal(again.ingested[0].alreadyIngested, true);
      const after = await sql<{ n: number }>`select (select count(*) from customer_scores) + (select count(*) from order_lines) + (select count(*) from customer_summaries) as n`.execute(db.db);
      assert.deepEqual(after.rows, before.rows);
    });
  });
}
