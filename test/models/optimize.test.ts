import assert from 'node:assert/strict';
import { type NelderMeadState, OptimizationAbortedError, OptimizationInputError, minimize } from '../../models/optimize';

const rosenbrock = (x: readonly number[]) => (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2;
const quadratic = (x: readonly number[]) => x.reduce((s, v, i) => s + (i + 1) * (v - i) ** 2, 0);

describe('Nelder–Mead minimiser', () => {
  it('finds the minimum of the Rosenbrock function', async () => {
    const r = await minimize(rosenbrock, [-1.2, 1], { tolerance: 1e-14, xTolerance: 1e-9 });
    assert.ok(r.converged);
    assert.ok(Math.abs(r.x[0] - 1) < 1e-6 && Math.abs(r.x[1] - 1) < 1e-6, `x = ${r.x}`);
    assert.ok(r.value < 1e-12);
  });

  it('finds the minimum of a 5-dimensional quadratic', async () => {
    const r = await minimize(quadratic, [3, 3, 3, 3, 3], { tolerance: 1e-14, xTolerance: 1e-9 });
    r.x.forEach((v, i) => assert.ok(Math.abs(v - i) < 1e-6, `x[${i}] = ${v}`));
    assert.ok(r.state.restarts >= 1, 'convergence is confirmed by at least one restart');
  });

  it('treats NaN / Infinity as infeasible and keeps the state JSON-safe', async () => {
    const f = (x: readonly number[]) => (x[0] < 0 ? NaN : (x[0] - 2) ** 2 + (x[1] + 1) ** 2);
    const states: string[] = [];
    const r = await minimize(f, [0.05, 0], { initialStep: -0.5, onIteration: (s) => void states.push(JSON.stringify(s)) });
    assert.ok(Math.abs(r.x[0] - 2) < 1e-5 && Math.abs(r.x[1] + 1) < 1e-5);
    assert.ok(states.length > 0);
    for (const s of states) {
      const parsed = JSON.parse(s) as NelderMeadState;
      assert.ok(parsed.values.every((v) => typeof v === 'number'), 'no infeasible value serialises to null');
    }
  });

  it('stops at maxIterations without claiming convergence', async () => {
    const r = await minimize(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    assert.equal(r.iterations, 10);
    assert.equal(r.converged, false);
  });

  it('yields to the event loop while it runs', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const slow = (x: readonly number[]) => {
      const until = Date.now() + 0.2;
      while (Date.now() < until);
      return rosenbrock(x);
    };
    await minimize(slow, [-1.2, 1], { maxIterations: 300 });
    clearInterval(timer);
    assert.ok(ticks > 5, `timer fired ${ticks} times during the minimisation`);
  });

  it('resumes from a JSON state saved before an abort and reaches the identical optimum', async () => {
    const full = await minimize(rosenbrock, [-1.2, 1], { tolerance: 1e-14, xTolerance: 1e-9 });

    const controller = new AbortController();
    let saved = '';
    const interrupted = minimize(rosenbrock, [-1.2, 1], {
      tolerance: 1e-14,
      xTolerance: 1e-9,
      signal: controller.signal,
      onIteration: (s) => {
        saved = JSON.stringify(s); // what an activity would heartbeat
        if (s.iteration === 40) controller.abort();
      },
    });
    await assert.rejects(interrupted, (e: unknown) => {
      assert.ok(e instanceof OptimizationAbortedError);
      assert.equal(e.code, 'OPTIMIZATION_ABORTED');
      assert.equal(e.state.iteration, 40);
      return true;
    });

    const state = JSON.parse(saved) as NelderMeadState;
    assert.equal(state.iteration, 40);
    const resumed = await minimize(rosenbrock, [99, 99], { tolerance: 1e-14, xTolerance: 1e-9, resume: state });
    assert.deepEqual(resumed.x, full.x);
    assert.equal(resumed.value, full.value);
    assert.equal(resumed.iterations, full.iterations);
    assert.equal(resumed.evaluations, full.evaluations);
  });

  it('rejects a malformed resume state and non-finite starting points', async () => {
    const bad = { version: 1, simplex: [[0, 0]], values: [1], iteration: 0 } as unknown as NelderMeadState;
    await assert.rejects(minimize(rosenbrock, [0, 0], { resume: bad }), OptimizationInputError);
    await assert.rejects(minimize(rosenbrock, [NaN, 0]), OptimizationInputError);
  });
});
