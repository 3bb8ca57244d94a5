/**
 * One real Temporal dev server for the whole test run (the `temporal` CLI, started by us and awaited
 * with `operator cluster health`, since createLocal's 5 s deadline is missed on loaded machines).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig, type AppConfig } from '../../config';
import { freePort, startDevServer, type DevServer } from '../../workers/dev-server';
import { ensureTemporalCli } from '../../workers/temporal-cli';

export interface TestServer {
  address: string;
  namespace: string;
  server: DevServer;
  client: Client;
  /** A worker connection (one per test run is enough). */
  nativeConnection: NativeConnection;
}

let shared: Promise<TestServer> | undefined;

/** The shared dev server, started on first use. */
export function getTestServer(): Promise<TestServer> {
  shared ??= (async () => {
    const config = loadConfig();
    const cli = ensureTemporalCli({ cliPath: config.temporal.cliPath, toolsDir: config.toolsDir });
    if (!cli) throw new Error('tests need the temporal CLI: run `npm install` (cvp setup) first');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-temporal-'));
    const port = await freePort();
    const server = await startDevServer({
      cli: cli.path,
      ip: '127.0.0.1',
      port,
      uiPort: await freePort(),
      dbFile: path.join(dir, 'temporal.sqlite'),
      namespace: 'default',
      headless: true,
      logFile: path.join(dir, 'server.log'),
      startTimeoutMs: 120_000,
    });
    const connection = await Connection.connect({ address: server.address });
    const nativeConnection = await NativeConnection.connect({ address: server.address });
    return { address: server.address, namespace: 'default', server, client: new Client({ connection, namespace: 'default' }), nativeConnection };
  })();
  return shared;
}

/** Stops the shared server if a test started it. */
export async function stopTestServer(): Promise<void> {
  if (!shared) return;
  const s = await shared.catch(() => undefined);
  shared = undefined;
  if (!s) return;
  await s.nativeConnection.close().catch(() => undefined);
  await s.client.connection.close().catch(() => undefined);
  await s.server.stop();
}

/** A config whose task queues are unique to one test, pointing at the shared server. */
export function testConfig(server: TestServer, overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({ ...process.env, CVP_TASK_QUEUE_PREFIX: `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}-` });
  return { ...base, temporal: { ...base.temporal, address: server.address, namespace: server.namespace }, ...overrides };
}
