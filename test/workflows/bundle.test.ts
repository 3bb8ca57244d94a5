/** The workflow bundle: builds without a server, and workflows stay free of I/O modules. */
import assert from 'node:assert/strict';
import { workflowBundle } from '../../workers/pools';

const FORBIDDEN = ['node_modules/pg/', 'node_modules/kysely/', 'node_modules/@tensorflow/', 'node_modules/@electric-sql/', '/activities/ingestion', '/db/connect'];

describe('workflow bundle', function () {
  this.timeout(120_000);

  it('builds and contains no database, TensorFlow or activity implementation code', async () => {
    const { code } = await workflowBundle();
    assert.ok(code.length > 10_000);
    for (const mod of FORBIDDEN) assert.ok(!code.includes(mod), `workflow bundle includes ${mod}`);
    for (const wf of ['pipelineWorkflow', 'valueRunWorkflow', 'ingestWorkflow']) assert.ok(code.includes(wf), `bundle exports ${wf}`);
  });
});
