/** Workflow ids and run ids built from business keys, so that starting the same work twice is a no-op. */
import { createHash } from 'node:crypto';

/** Short stable hash of a JSON-able value (sorted keys). */
export function stableHash(value: unknown, length = 12): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, length);
}

/** JSON with object keys sorted, so equal inputs hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const workflowIds = {
  data: (dataset: string, settings: unknown) => `data/${dataset}/${stableHash(settings)}`,
  valueRun: (dataset: string, settings: unknown) => `value-run/${dataset}/${stableHash(settings)}`,
  pipeline: (dataset: string, settings: unknown) => `pipeline/${dataset}/${stableHash(settings)}`,
} as const;
