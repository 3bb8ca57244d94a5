/**
 * The three worker pools: orchestration (workflows), cpu (I/O, SQL, statistics) and gpu (models).
 * `all` runs them in one process (a laptop); production runs each as many processes against a cluster.
 */
import os from 'node:os';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Duration } from '@temporalio/common';
import type { Kysely } from 'kysely';
import { createCpuActivities, createGpuActivities } from '../activities';
import type { AppConfig, Pool } from '../config';
import type { BulkLoader } from '../db/bulk';
import type { Database } from '../db/database';
import { taskQueueFor } from '../domain/queues';
import { GpuRequiredError, initTensorflow, type BackendChoice } from '../models/backend';

export interface PoolSettings {
  /** Activity slots (cpu and gpu pools). */
  maxConcurrentActivityTaskExecutions?: number;
  /** Workflow task slots (orchestration pool). */
  maxConcurrentWorkflowTaskExecutions?: number;
  /** How long running activities get to finish after a shutdown signal. */
  shutdownGraceTime: Duration;
}

/** Per-pool concurrency: many cheap workflow tasks, a few SQL/IO activities, one or two heavy model tasks. */
export const POOL_SETTINGS: Record<Pool, PoolSettings> = {
  orchestration: { maxConcurrentWorkflowTaskExecutions: 50, shutdownGraceTime: '10s' },
  cpu: { maxConcurrentActivityTaskExecutions: 4, shutdownGraceTime: '30s' },
  gpu: { maxConcurrentActivityTaskExecutions: 2, shutdownGraceTime: '60s' },
};

export interface StartedPools {
  workers: { pool: Pool; identity: string; taskQueue: string }[];
  backend?: BackendChoice;
  /** Resolves when every worker has stopped. */
  running: Promise<void>;
  shutdown(): Promise<void>;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** The workflow code bundle, built once per process. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quiet });
  return bundle;
}

export interface StartPoolsOptions {
  config: AppConfig;
  connection: NativeConnection;
  db: Kysely<Database>;
  /** COPY into the same database (DbHandle.bulk). */
  bulk: BulkLoader;
  pools: readonly Pool[];
  requireGpu?: boolean;
  log?: (line: string) => void;
}

/** Creates and runs the workers of the requested pools. */
export async function startPools(opts: StartPoolsOptions): Promise<StartedPools> {
  const { config, connection, db, bulk, pools } = opts;
  const log = opts.log ?? (() => undefined);
  const host = `${os.hostname()}/${process.pid}`;
  const deps = { db, bulk, builtinFiles: { 'cdnow-sample': config.demoFile } };
  const workers: Worker[] = [];
  const info: StartedPools['workers'] = [];
  let backend: BackendChoice | undefined;

  for (const pool of pools) {
    const taskQueue = taskQueueFor(config.taskQueuePrefix, pool);
    const settings = POOL_SETTINGS[pool];
    let identity = `${pool}@${host}`;
    const common = {
      connection,
      namespace: config.temporal.namespace,
      taskQueue,
      ...(settings.maxConcurrentActivityTaskExecutions ? { maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivityTaskExecutions } : {}),
      ...(settings.maxConcurrentWorkflowTaskExecutions ? { maxConcurrentWorkflowTaskExecutions: settings.maxConcurrentWorkflowTaskExecutions } : {}),
      shutdownGraceTime: settings.shutdownGraceTime,
      // Heartbeats carry resume points and progress (shown in the UI): send them every few seconds, not at 80% of the timeout.
      maxHeartbeatThrottleInterval: '2s' as Duration,
    };
    let worker: Worker;
    if (pool === 'orchestration') {
      worker = await Worker.create({ ...common, identity, workflowBundle: await workflowBundle() });
    } else if (pool === 'cpu') {
      worker = await Worker.create({ ...common, identity, activities: createCpuActivities(deps) });
    } else {
      const { choice } = await initTensorflow();
      backend = choice;
      if (opts.requireGpu && !choice.gpu) throw new GpuRequiredError(choice);
      identity = `${identity}/tfjs-${choice.name}`;
      log(`gpu pool: TensorFlow.js backend ${choice.name}${choice.skipped.length ? ` (passed over: ${choice.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')})` : ''}`);
      worker = await Worker.create({ ...common, identity, activities: createGpuActivities(deps) });
    }
    workers.push(worker);
    info.push({ pool, identity, taskQueue });
    log(`worker ${identity} polling ${taskQueue}`);
  }
  const running = Promise.all(workers.map((w) => w.run())).then(() => undefined);
  return {
    workers: info,
    backend,
    running,
    shutdown: async () => {
      for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
      await running;
    },
  };
}
