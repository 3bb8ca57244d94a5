/** Runs the real `cvp` CLI as a child process (for worker-kill and CLI tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const CVP_BIN = path.resolve(__dirname, '../../bin/cvp.cjs');

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node bin/cvp.cjs ...args` with extra environment variables; collects its output. */
export function spawnCvp(args: string[], env: Record<string, string | undefined>): Spawned {
  const child = spawn(process.execPath, [CVP_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { child, output: () => out, exited };
}

/** Runs `cvp ...args` to completion. */
export async function runCvp(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number | null; output: string }> {
  const p = spawnCvp(args, env);
  const { code } = await p.exited;
  return { code, output: p.output() };
}

/** Polls until the predicate holds or the timeout passes. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
