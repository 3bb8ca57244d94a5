/** Task queue naming shared by workers (which poll them) and workflows (which route activities). */
import type { Pool } from '../config';

export const ORCHESTRATION_SUFFIX = 'orchestration';

/** The task queue of a pool for a given prefix, e.g. `cvp-` + `gpu`. */
export function taskQueueFor(prefix: string, pool: Pool): string {
  return `${prefix}${pool}`;
}

/** Recovers the prefix from the orchestration queue a workflow runs on, so workflows need no configuration. */
export function prefixFromOrchestrationQueue(taskQueue: string): string {
  return taskQueue.endsWith(ORCHESTRATION_SUFFIX) ? taskQueue.slice(0, -ORCHESTRATION_SUFFIX.length) : `${taskQueue}-`;
}
