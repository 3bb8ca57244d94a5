import assert from 'node:assert/strict';
import { assignTiers, parseTierCut } from '../../domain/tiers';
import { prefixFromOrchestrationQueue, taskQueueFor } from '../../domain/queues';
import { canonicalJson, stableHash, workflowIds } from '../../domain/ids';

describe('tiers', () => {
  it('cuts 20/30/50 by predicted value, ties broken by customer id', () => {
    const customers = Array.from({ length: 10 }, (_, i) => ({ customerId: `c${9 - i}`, predictedValue: i < 5 ? i : 4 }));
    const tiered = assignTiers(customers);
    assert.deepEqual(tiered.filter((t) => t.tier === 'high').map((t) => t.customerId), ['c0', 'c1']);
    assert.deepEqual(tiered.map((t) => t.tier), ['high', 'high', 'mid', 'mid', 'mid', 'low', 'low', 'low', 'low', 'low']);
    assert.deepEqual(tiered.map((t) => t.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('accepts other cuts and rejects ones that do not sum to 100', () => {
    assert.deepEqual(parseTierCut('10,40,50'), { high: 10, mid: 40, low: 50 });
    assert.deepEqual(parseTierCut({ high: 5, mid: 45 }), { high: 5, mid: 45, low: 50 });
    assert.throws(() => parseTierCut('10,10'), /expected three percentages/);
    assert.throws(() => parseTierCut('-10,60,50'), /high must be a non-negative number/);
  });
});

describe('queues and ids', () => {
  it('derives the pool queues from the orchestration queue', () => {
    const q = taskQueueFor('cvp-', 'orchestration');
    assert.equal(q, 'cvp-orchestration');
    assert.equal(taskQueueFor(prefixFromOrchestrationQueue(q), 'gpu'), 'cvp-gpu');
  });

  it('builds the same workflow id for the same input, whatever the key order', () => {
    assert.equal(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] }), '{"a":[2,{"c":4,"d":3}],"b":1}');
    assert.equal(workflowIds.pipeline('x', { cutoff: '1997-09-30', horizonWeeks: 39 }), workflowIds.pipeline('x', { horizonWeeks: 39, cutoff: '1997-09-30' }));
    assert.notEqual(stableHash({ a: 1 }), stableHash({ a: 2 }));
  });
});
