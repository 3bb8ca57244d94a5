/**
 * Runs a persistent Temporal dev server (the real `temporal server start-dev`, SQLite file under the data
 * directory). Started by us rather than by the SDK's createLocal, whose 5 s start deadline a loaded
 * 2-core machine can miss; we wait for `operator cluster health` instead.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { SEARCH_ATTRIBUTE_TYPES } from '../domain/search-attributes';

const execFileAsync = promisify(execFile);

export interface DevServerOptions {
  cli: string;
  ip: string;
  port: number;
  uiPort: number;
  dbFile: string;
  namespace: string;
  headless?: boolean;
  /** Where the server's own output goes. */
  logFile?: string;
  startTimeoutMs?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export class DevServerError extends Error {
  readonly code = 'TEMPORAL_DEV_SERVER';
  constructor(message: string) {
    super(message);
    this.name = 'DevServerError';
  }
}

/** Resolves true when something accepts TCP connections on host:port. */
export function portInUse(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Finds a free TCP port on the host (for tests that need their own server). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(cli: string, address: string): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync(cli, ['operator', 'cluster', 'health', '--address', address], { timeout: 5000 });
    return /SERVING/.test(stdout);
  } catch {
    return false;
  }
}

/** Registers the project's search attributes on an existing namespace; existing ones are left alone. */
export async function registerSearchAttributes(cli: string, address: string, namespace: string): Promise<string[]> {
  const { stdout } = await execFileAsync(cli, ['operator', 'search-attribute', 'list', '--address', address, '--namespace', namespace, '-o', 'json']);
  const existing = new Set<string>(stdout.match(/"(Cvp[A-Za-z]+)"/g)?.map((s) => s.slice(1, -1)) ?? []);
  const added: string[] = [];
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) {
    if (existing.has(name)) continue;
    await execFileAsync(cli, ['operator', 'search-attribute', 'create', '--name', name, '--type', type, '--address', address, '--namespace', namespace, '--yes']);
    added.push(name);
  }
  return added;
}

/** Starts the dev server and waits until it is healthy and the search attributes exist. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const address = `${opts.ip}:${opts.port}`;
  if (await portInUse(opts.ip, opts.port)) {
    throw new DevServerError(`port ${address} is already in use: another Temporal server is running there (set TEMPORAL_ADDRESS=${address} to use it, or CVP_TEMPORAL_PORT to pick another port)`);
  }
  fs.mkdirSync(path.dirname(opts.dbFile), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--db-filename', opts.dbFile,
    '--ip', opts.ip,
    '--port', String(opts.port),
    '--namespace', opts.namespace,
    '--log-level', 'warn',
    '--http-port', String(await freePort(opts.ip)),
    '--metrics-port', String(await freePort(opts.ip)),
  ];
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTE_TYPES)) args.push('--search-attribute', `${name}=${type}`);

  const out = opts.logFile ? fs.openSync(opts.logFile, 'a') : 'ignore';
  const child = spawn(opts.cli, args, { stdio: ['ignore', out, out], detached: false });
  let exited: string | undefined;
  child.once('exit', (code, signal) => { exited = `exited with ${signal ?? code}`; });

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  while (!(await healthy(opts.cli, address))) {
    if (exited) throw new DevServerError(`the Temporal dev server ${exited}${opts.logFile ? `; see ${opts.logFile}` : ''}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new DevServerError(`the Temporal dev server did not become healthy at ${address} within ${opts.startTimeoutMs ?? 60_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await registerSearchAttributes(opts.cli, address, opts.namespace);

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const done = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(t);
  };
  return { address, uiUrl: opts.headless ? undefined : `http://${opts.ip === '0.0.0.0' ? 'localhost' : opts.ip}:${opts.uiPort}`, process: child, stop };
}
