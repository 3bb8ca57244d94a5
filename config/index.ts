/**
 * The only module that reads the environment. Everything else receives an AppConfig.
 */
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');

export const POOLS = ['orchestration', 'cpu', 'gpu'] as const;
export type Pool = (typeof POOLS)[number];

export interface TemporalSettings {
  /** Address of an existing cluster (TEMPORAL_ADDRESS); when unset, `cvp dev` runs a local dev server. */
  address?: string;
  namespace: string;
  /** Explicit path of the `temporal` CLI (TEMPORAL_CLI_PATH). */
  cliPath?: string;
  devServer: { ip: string; port: number; uiPort: number; dbFile: string };
}

export interface AppConfig {
  dataDir: string;
  /** PostgreSQL connection string; when unset an embedded PGlite database under dataDir is used. */
  databaseUrl?: string;
  pgliteDir: string;
  toolsDir: string;
  artifactsDir: string;
  temporal: TemporalSettings;
  /** Prefix of the three task queue names (`<prefix>orchestration`, `<prefix>cpu`, `<prefix>gpu`). */
  taskQueuePrefix: string;
  /** Built-in demo transactions (a real CDNOW sample shipped with the repository). */
  demoFile: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}=${JSON.stringify(value)} is invalid: expected ${expected}`);
    this.name = 'ConfigError';
  }
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > 65535) throw new ConfigError(name, raw, 'a port number');
  return n;
}

/** Builds the configuration from environment variables, with defaults that run on a laptop. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = path.resolve(env.CVP_DATA_DIR || path.join(REPO_ROOT, '.data'));
  const logLevel = (env.CVP_LOG_LEVEL || 'info') as AppConfig['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError('CVP_LOG_LEVEL', logLevel, 'debug | info | warn | error');
  }
  const prefix = env.CVP_TASK_QUEUE_PREFIX ?? 'cvp-';
  if (!/^[A-Za-z0-9._-]*$/.test(prefix)) throw new ConfigError('CVP_TASK_QUEUE_PREFIX', prefix, 'letters, digits, . _ -');
  return {
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDir: path.join(dataDir, 'pglite'),
    toolsDir: path.resolve(env.CVP_TOOLS_DIR || path.join(REPO_ROOT, '.tools')),
    artifactsDir: path.join(dataDir, 'artifacts'),
    temporal: {
      address: env.TEMPORAL_ADDRESS || undefined,
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      cliPath: env.TEMPORAL_CLI_PATH || undefined,
      devServer: {
        ip: env.CVP_TEMPORAL_IP || '127.0.0.1',
        port: intVar(env, 'CVP_TEMPORAL_PORT', 7233),
        uiPort: intVar(env, 'CVP_TEMPORAL_UI_PORT', 8233),
        dbFile: path.join(dataDir, 'temporal.sqlite'),
      },
    },
    taskQueuePrefix: prefix,
    demoFile: path.resolve(env.CVP_DEMO_FILE || path.join(REPO_ROOT, 'data', 'demo', 'CDNOW_sample.txt')),
    logLevel,
  };
}
