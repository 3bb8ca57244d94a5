import assert from 'node:assert/strict';
import { BACKEND_ORDER, GpuRequiredError, initTensorflow } from '../../models/backend';

describe('TensorFlow.js backend selection', function () {
  this.timeout(60_000);

  it('takes the best backend that starts, says why the better ones were passed over, and computes', async () => {
    const { tf, choice } = await initTensorflow();
    assert.equal(tf.getBackend(), choice.name === 'tensorflow-gpu' ? 'tensorflow' : choice.name);
    const idx = BACKEND_ORDER.indexOf(choice.name);
    assert.deepEqual(choice.skipped.map((s) => s.name), BACKEND_ORDER.slice(0, idx));
    for (const s of choice.skipped) assert.ok(s.reason.length > 0);
    const out = await tf.matMul(tf.tensor2d([[1, 2], [3, 4]]), tf.tensor2d([[5], [6]])).data();
    assert.deepEqual(Array.from(out), [17, 39]);
    if (!choice.gpu) assert.match(new GpuRequiredError(choice).message, /no GPU backend is available \(chose/);
  });
});
