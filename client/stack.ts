/**
 * The local stack `cvp dev` runs: a Temporal dev server (unless TEMPORAL_ADDRESS points at a cluster),
 * the migrated database, and the workers of all three pools in this process.
 */
import path from 'node:path';
import fs from 'node:fs';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import type { NativeConnection } from '@temporalio/worker';
import type { AppConfig, Pool } from '../config';
import { openDatabase, type DbHandle } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { SA } from '../domain/search-attributes';
import { connectClient, connectWorker, temporalTarget, type TemporalTarget } from '../workers/connection';
import { startDevServer } from '../workers/dev-server';
import { startPools, type StartedPools } from '../workers/pools';
import { ensureTemporalCli } from '../workers/temporal-cli';

export interface TemporalServerHandle {
  target: TemporalTarget;
  uiUrl?: string;
  /** How the server was obtained, for the log. */
  how: string;
  stop(): Promise<void>;
}

/** Starts a dev server with the CLI we find or install, else with the Temporal SDK's own download. */
export async function startLocalTemporal(config: AppConfig, opts: { headless?: boolean; log: (l: string) => void }): Promise<TemporalServerHandle> {
  const d = config.temporal.devServer;
  fs.mkdirSync(config.dataDir, { recursive: true });
  const cli = ensureTemporalCli({ cliPath: config.temporal.cliPath, toolsDir: config.toolsDir, log: opts.log });
  if (cli) {
    const server = await startDevServer({
      cli: cli.path,
      ip: d.ip,
      port: d.port,
      uiPort: d.uiPort,
      dbFile: d.dbFile,
      namespace: config.temporal.namespace,
      headless: opts.headless,
      logFile: path.join(config.dataDir, 'temporal-server.log'),
    });
    return { target: { address: server.address, namespace: config.temporal.namespace }, uiUrl: server.uiUrl, how: `temporal CLI from ${cli.from} (${cli.path})`, stop: server.stop };
  }
  const env = await TestWorkflowEnvironment.createLocal({
    server: { ip: d.ip, port: d.port, ui: !opts.headless, uiPort: opts.headless ? undefined : d.uiPort, dbFilename: d.dbFile, namespace: config.temporal.namespace, searchAttributes: Object.values(SA) },
  });
  return { target: { address: env.address, namespace: config.temporal.namespace }, uiUrl: opts.headless ? undefined : `http://${d.ip}:${d.uiPort}`, how: 'the Temporal SDK download', stop: () => env.teardown() };
}

export interface Stack {
  config: AppConfig;
  server?: TemporalServerHandle;
  target: TemporalTarget;
  uiUrl?: string;
  /** Absent when the stack was started without a database (opts.db false). */
  db?: DbHandle;
  client: Client;
  workerConnection?: NativeConnection;
  pools?: StartedPools;
  stop(): Promise<void>;
}

/** Brings up what the CLI needs: server (optional), database (migrated), client, and workers (optional). */
export async function startStack(
  config: AppConfig,
  opts: { server: boolean; db?: boolean; pools: readonly Pool[]; headless?: boolean; requireGpu?: boolean; log: (l: string) => void },
): Promise<Stack> {
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    let server: TemporalServerHandle | undefined;
    let target = temporalTarget(config);
    if (opts.server && !config.temporal.address) {
      server = await startLocalTemporal(config, opts);
      cleanups.push(server.stop);
      target = server.target;
      opts.log(`Temporal dev server at ${target.address} (${server.how})`);
    }
    let db: DbHandle | undefined;
    if (opts.db !== false || opts.pools.length) {
      db = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: config.pgliteDir });
      cleanups.push(db.close);
      await migrateToLatest(db.db);
    }
    const client = await connectClient(config, target);
    cleanups.push(() => client.connection.close());
    let pools: StartedPools | undefined;
    let workerConnection: NativeConnection | undefined;
    if (opts.pools.length) {
      workerConnection = await connectWorker(config, target);
      cleanups.push(() => workerConnection!.close());
      pools = await startPools({ config, connection: workerConnection, db: db!.db, bulk: db!.bulk, pools: opts.pools, requireGpu: opts.requireGpu, log: opts.log });
      cleanups.push(pools.shutdown);
    }
    return { config, server, target, uiUrl: server?.uiUrl, db, client, workerConnection, pools, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
