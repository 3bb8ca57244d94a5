/**
 * A worker process SIGKILLed in the middle of a maximum-likelihood fit: a new worker resumes the fit
 * from its last heartbeat, the run completes, and no row is duplicated.
 */
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { startPipeline, missingPools } from '../../client/start';
import type { FitCheckpoint } from '../../activities/fitting';
import type { PipelineResult } from '../../workflows/pipeline.workflow';
import { createTestDb, sharedData, type TestDb } from '../helpers/db';
import { spawnCvp, waitFor, type Spawned } from '../helpers/processes';
import { getTestServer, testConfig } from '../helpers/temporal';

const describePg = process.env.DATABASE_URL ? describe : describe.skip;

describePg('killing the worker during the fit (CDNOW master, 23,570 customers) @slow', function () {
  this.timeout(600_000);
  let db: TestDb;
  const workers: Spawned[] = [];

  after(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await db?.drop();
  });

  it('resumes from the heartbeated optimiser state and completes with no duplicate rows', async () => {
    const server = await getTestServer();
    db = await createTestDb({ kind: 'postgres' });
    const config = testConfig(server);
    const env = { DATABASE_URL: db.url, TEMPORAL_ADDRESS: server.address, CVP_TASK_QUEUE_PREFIX: config.taskQueuePrefix };
    const startWorker = async () => {
      const w = spawnCvp(['worker', '--pool', 'all'], env);
      workers.push(w);
      await waitFor('the worker to poll every pool', async () => (await missingPools(server.client, config)).length === 0 || (w.child.exitCode !== null && Promise.reject(new Error(`worker exited: ${w.output()}`))), 120_000, 250);
      return w;
    };

    const first = await startWorker();
    const handle = await startPipeline(server.client, config, { dataset: 'cdnow-master', files: [sharedData('cdnow', 'CDNOW_master.txt')] });
    const runHandle = server.client.workflow.getHandle(`${handle.workflowId}/value-run`);

    // Wait until a fit has heartbeated its optimiser state, then kill the worker without warning.
    const checkpoint = await waitFor('a fit heartbeat', async () => {
      const d = await runHandle.describe().catch(() => undefined);
      const pending = d?.raw.pendingActivities?.find((a) => a.activityType?.name === 'fitModel' && a.heartbeatDetails?.payloads?.length);
      if (!pending) return undefined;
      const payload = pending.heartbeatDetails!.payloads![0];
      return JSON.parse(Buffer.from(payload.data!).toString()) as FitCheckpoint;
    }, 240_000, 50);
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
      select (select count(*) from order_lines)::int as raw,
             (select count(*) from rejected_rows)::int as rejected,
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
