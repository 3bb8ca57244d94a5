/**
 * A worker process SIGKILLed in the middle of an ingest and of a maximum-likelihood fit: a new worker
 * resumes from the last heartbeat, the work completes, and no row is lost or duplicated.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { WorkflowHandle } from '@temporalio/client';
import { startData, startPipeline, missingPools } from '../../client/start';
import type { FitCheckpoint } from '../../activities/fitting';
import type { IngestProgress } from '../../activities/ingestion';
import type { DataWorkflowResult } from '../../workflows/data.workflow';
import type { PipelineResult } from '../../workflows/pipeline.workflow';
import { createTestDb, sharedData, type TestDb } from '../helpers/db';
import { spawnCvp, waitFor, type Spawned } from '../helpers/processes';
import { getTestServer, testConfig } from '../helpers/temporal';

// Skipped only without DATABASE_URL: the killed and restarted workers are separate processes, and PGlite
// (the database used without DATABASE_URL) can be opened by one process only. .ci/run always sets it.
const describePg = process.env.DATABASE_URL ? describe : describe.skip;

/** Pending activity of a workflow whose heartbeat details satisfy a predicate, decoded from JSON. */
async function heartbeatOf<T>(handle: WorkflowHandle, activity: string, ok: (d: T) => boolean): Promise<T | undefined> {
  const d = await handle.describe().catch(() => undefined);
  for (const a of d?.raw.pendingActivities ?? []) {
    const payload = a.heartbeatDetails?.payloads?.[0];
    if (a.activityType?.name !== activity || !payload?.data) continue;
    const details = JSON.parse(Buffer.from(payload.data).toString()) as T;
    if (ok(details)) return details;
  }
  return undefined;
}

describePg('killing the worker process (SIGKILL) in the middle of work @slow', function () {
  this.timeout(600_000);
  let db: TestDb;
  const workers: Spawned[] = [];
  let startWorker: () => Promise<Spawned>;
  let server: Awaited<ReturnType<typeof getTestServer>>;
  let config: ReturnType<typeof testConfig>;

  before(async () => {
    server = await getTestServer();
    db = await createTestDb({ kind: 'postgres' });
    config = testConfig(server);
    const env = { DATABASE_URL: db.url, TEMPORAL_ADDRESS: server.address, CVP_TASK_QUEUE_PREFIX: config.taskQueuePrefix };
    startWorker = async () => {
      const w = spawnCvp(['worker', '--pool', 'all'], env);
      workers.push(w);
      await waitFor('the worker to poll every pool', async () => (await missingPools(server.client, config)).length === 0 || (w.child.exitCode !== null && Promise.reject(new Error(`worker exited: ${w.output()}`))), 120_000, 250);
      return w;
    };
  });

  // Each test starts from no worker, so the one it kills is the only one polling.
  afterEach(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });

  after(async () => db?.drop());

  it('during an ingest (Online Retail): resumes from the heartbeated line, no gaps, no duplicates', async () => {
    const first = await startWorker();
    const handle = await startData(server.client, config, { dataset: 'retail', source: 'online-retail', files: [sharedData('online_retail_uci', 'onlineretail.csv.gz')], clean: false });
    const ingest = server.client.workflow.getHandle(`${handle.workflowId}/ingest-0`);
    const beat = await waitFor('an ingest heartbeat past line 0', () => heartbeatOf<IngestProgress>(ingest, 'ingestFile', (d) => d.lastLine > 0), 240_000, 50);
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok(beat.lastLine < 541910, `killed after line ${beat.lastLine}`);

    await startWorker();
    const result = (await handle.result()) as DataWorkflowResult;
    const [r] = result.ingested;
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [541909, 536641, 0, 5268]);
    const history = await ingest.fetchHistory();
    assert.ok(history.events?.some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1), 'the ingest was retried after the kill');
    const counts = await sql<Record<string, number>>`
      select (select count(*) from order_lines where dataset = 'retail')::int as lines,
             (select count(*) from duplicate_lines)::int as duplicates,
             (select count(distinct order_id) from order_lines where dataset = 'retail')::int as invoices,
             (select count(*) from stage_order_lines)::int as staged`.execute(db.db);
    assert.deepEqual(counts.rows[0], { lines: 536641, duplicates: 5268, invoices: 25900, staged: 0 });
    // Same rows as an uninterrupted ingest: the kept line numbers are exactly those of the file minus its duplicates.
    const lines = await sql<{ min: number; max: number; n: number }>`select min(line_no)::int as min, max(line_no)::int as max, count(distinct line_no)::int as n from order_lines where dataset = 'retail'`.execute(db.db);
    assert.deepEqual(lines.rows[0], { min: 2, max: 541910, n: 536641 });
  });

  it('during a fit (CDNOW master, 23,570 customers): resumes from the heartbeated optimiser state, no duplicate rows', async () => {
    const first = await startWorker();
    const handle = await startPipeline(server.client, config, { dataset: 'cdnow-master', files: [sharedData('cdnow', 'CDNOW_master.txt')] });
    const runHandle = server.client.workflow.getHandle(`${handle.workflowId}/value-run`);

    // Wait until a fit has heartbeated its optimiser state, then kill the worker without warning.
    const checkpoint = await waitFor('a fit heartbeat', () => heartbeatOf<FitCheckpoint>(runHandle, 'fitModel', (d) => d.state.iteration >= 1), 240_000, 50);
    first.child.kill('SIGKILL');
    await first.exited;
    assert.ok(checkpoint.state.iteration >= 1);

    await startWorker();
    const result = (await handle.result()) as PipelineResult;

    // The fit really was retried on the new worker.
    const history = await runHandle.fetchHistory();
    const retried = history.events?.some((e) => (e.activityTaskStartedEventAttributes?.attempt ?? 1) > 1);
    assert.ok(retried, 'a fit activity was retried after the kill');

    const counts = await sql<Record<string, number>>`
      select (select count(*) from order_lines where dataset = 'cdnow-master')::int as raw,
             (select count(*) from rejected_rows r join ingest_batches b on b.id = r.batch_id where b.dataset = 'cdnow-master')::int as rejected,
             (select count(*) from customer_summaries)::int as summaries,
             (select count(distinct customer_id) from customer_summaries)::int as customers,
             (select count(*) from model_fits)::int as fits,
             (select count(*) from customer_scores)::int as scores`.execute(db.db);
    assert.deepEqual(counts.rows[0], { raw: 69659, rejected: 0, summaries: 23570, customers: 23570, fits: 3, scores: 3 * 23570 });
    assert.equal(result.run.customers, 23570);
    const fits = await db.db.selectFrom('model_fits').select(['model', 'converged', 'log_lik']).execute();
    for (const f of fits) assert.ok(f.converged && Number.isFinite(f.log_lik), `${f.model} converged`);
  });
});
