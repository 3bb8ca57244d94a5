/**
 * Recorded histories of real runs replay against today's workflow code: a change that would break
 * running workflows (non-determinism) fails here. Re-record with test/fixtures/record-histories.ts
 * only for deliberate, patched() changes.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../workers/pools';

const DIR = path.join(__dirname, '../fixtures/histories');

describe('replaying recorded workflow histories', function () {
  this.timeout(120_000);

  const index: { file: string; workflowId: string; workflowType: string }[] = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8'));

  it('has a recorded history of every workflow type', () => {
    assert.deepEqual(index.map((h) => h.workflowType).sort(), ['dataWorkflow', 'ingestWorkflow', 'pipelineWorkflow', 'valueRunWorkflow']);
  });

  for (const { file, workflowId, workflowType } of index) {
    it(`${workflowType} replays ${file} deterministically`, async () => {
      const history = JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
      assert.ok(history.events.length > 5);
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId);
    });
  }
});
