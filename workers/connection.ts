/** Connections to Temporal: an existing cluster from TEMPORAL_* variables (envconfig), else the local dev server. */
import { Client, Connection } from '@temporalio/client';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from '../config';

export interface TemporalTarget {
  address: string;
  namespace: string;
}

export class TemporalUnreachableError extends Error {
  readonly code = 'TEMPORAL_UNREACHABLE';
  constructor(address: string, cause: unknown) {
    super(`cannot reach the Temporal server at ${address}: ${cause instanceof Error ? cause.message.split('\n')[0] : String(cause)}`);
    this.name = 'TemporalUnreachableError';
  }
}

/** Where to connect: TEMPORAL_ADDRESS (with the other TEMPORAL_* settings) or the dev server of this config. */
export function temporalTarget(config: AppConfig): TemporalTarget {
  const d = config.temporal.devServer;
  return { address: config.temporal.address ?? `${d.ip}:${d.port}`, namespace: config.temporal.namespace };
}

function connectOptions(config: AppConfig, target: TemporalTarget) {
  if (!config.temporal.address) return { address: target.address };
  const { connectionOptions } = loadClientConnectConfig();
  return { ...connectionOptions, address: target.address };
}

/** A client for starting and querying workflows. */
export async function connectClient(config: AppConfig, target = temporalTarget(config)): Promise<Client> {
  try {
    const connection = await Connection.connect({ ...connectOptions(config, target), connectTimeout: '10s' });
    return new Client({ connection, namespace: target.namespace });
  } catch (err) {
    throw new TemporalUnreachableError(target.address, err);
  }
}

/** A native connection for workers. */
export async function connectWorker(config: AppConfig, target = temporalTarget(config)): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(connectOptions(config, target));
  } catch (err) {
    throw new TemporalUnreachableError(target.address, err);
  }
}
