/** Starting the project's workflows from the CLI, with ids from business keys and search attributes. */
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { AppConfig } from '../config';
import { workflowIds } from '../domain/ids';
import { taskQueueFor } from '../domain/queues';
import { SA } from '../domain/search-attributes';
import type { DataWorkflowInput } from '../workflows/data.workflow';
import type { PipelineInput } from '../workflows/pipeline.workflow';
import { VALUE_RUN_DEFAULTS } from '../workflows/value-run.workflow';

/** Starts (or attaches to the running) pipeline for this input; the same input gives the same workflow id. */
export async function startPipeline(client: Client, config: AppConfig, input: PipelineInput): Promise<WorkflowHandle> {
  const dataset = input.dataset ?? VALUE_RUN_DEFAULTS.dataset;
  const cutoff = input.cutoff ?? VALUE_RUN_DEFAULTS.cutoff;
  return client.workflow.start('pipelineWorkflow', {
    taskQueue: taskQueueFor(config.taskQueuePrefix, 'orchestration'),
    workflowId: workflowIds.pipeline(dataset, input),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `Value pipeline for ${dataset} at cutoff ${cutoff}`,
    staticDetails: `Input:\n\n\`\`\`json\n${JSON.stringify(input, null, 2)}\n\`\`\``,
    typedSearchAttributes: [
      { key: SA.dataset, value: dataset },
      { key: SA.runKind, value: 'pipeline' },
      { key: SA.model, value: input.primaryModel ?? VALUE_RUN_DEFAULTS.primaryModel },
      { key: SA.cutoff, value: new Date(`${cutoff}T00:00:00Z`) },
    ],
  });
}

/** Starts (or attaches to) the data workflow: ingest the files, then clean the dataset. */
export async function startData(client: Client, config: AppConfig, input: DataWorkflowInput): Promise<WorkflowHandle> {
  const dataset = input.dataset ?? 'cdnow-demo';
  return client.workflow.start('dataWorkflow', {
    taskQueue: taskQueueFor(config.taskQueuePrefix, 'orchestration'),
    workflowId: workflowIds.data(dataset, input),
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `Ingest ${input.files?.length ?? 0} file(s) into ${dataset}${input.clean === false ? '' : ' and clean'}`,
    typedSearchAttributes: [
      { key: SA.dataset, value: dataset },
      { key: SA.runKind, value: 'ingest' },
    ],
  });
}

/** Checks that some worker polls each of the project's task queues, so a started workflow will progress. */
export async function missingPools(client: Client, config: AppConfig): Promise<string[]> {
  const missing: string[] = [];
  for (const pool of ['orchestration', 'cpu', 'gpu'] as const) {
    const name = taskQueueFor(config.taskQueuePrefix, pool);
    const type = pool === 'orchestration' ? 1 : 2; // TASK_QUEUE_TYPE_WORKFLOW / _ACTIVITY
    const res = await client.workflowService.describeTaskQueue({ namespace: config.temporal.namespace, taskQueue: { name }, taskQueueType: type });
    if (!res.pollers?.length) missing.push(pool);
  }
  return missing;
}
