/** Activity stubs routed to the cpu and gpu pools; the queue prefix comes from the workflow's own queue. */
import { proxyActivities, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { CpuActivities, GpuActivities } from '../activities';
import { prefixFromOrchestrationQueue, taskQueueFor } from '../domain/queues';

const retry = { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s', maximumAttempts: 10 } as const;

/** Short SQL/IO activities on the cpu pool. */
export function cpuActivities(options: Partial<ActivityOptions> = {}) {
  const prefix = prefixFromOrchestrationQueue(workflowInfo().taskQueue);
  return proxyActivities<CpuActivities>({ taskQueue: taskQueueFor(prefix, 'cpu'), startToCloseTimeout: '30 minutes', heartbeatTimeout: '30s', retry, ...options });
}

/** Model work (fits, scoring) on the gpu pool, heartbeating so a lost worker is noticed within seconds. */
export function gpuActivities(options: Partial<ActivityOptions> = {}) {
  const prefix = prefixFromOrchestrationQueue(workflowInfo().taskQueue);
  return proxyActivities<GpuActivities>({ taskQueue: taskQueueFor(prefix, 'gpu'), startToCloseTimeout: '2 hours', heartbeatTimeout: '10s', retry, ...options });
}
