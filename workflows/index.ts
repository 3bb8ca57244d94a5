/** Every workflow type the orchestration pool runs (the exported names are the workflow types). */
export { ingestWorkflow } from './ingest.workflow';
export { dataWorkflow } from './data.workflow';
export { valueRunWorkflow } from './value-run.workflow';
export { pipelineWorkflow } from './pipeline.workflow';
