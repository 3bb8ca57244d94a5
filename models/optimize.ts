/**
 * Nelder–Mead minimiser on unconstrained parameters, async and resumable: it yields to the event
 * loop between iterations (so an activity can heartbeat), reports a JSON-serialisable state after
 * every iteration, and continues from such a state exactly as if it had never stopped. Convergence
 * is confirmed by restarting from the optimum found until a restart no longer improves it.
 */

/** Everything needed to continue a minimisation; plain JSON (finite numbers only). */
export interface NelderMeadState {
  version: 1;
  /** n + 1 vertices, sorted by value (best first). */
  simplex: number[][];
  values: number[];
  /** Iterations completed, over all restarts. */
  iteration: number;
  evaluations: number;
  /** Restarts begun so far. */
  restarts: number;
  /** Best value at the end of the previous round; null before the first restart. */
  previousRoundValue: number | null;
  /** True once the minimisation has finished (converged or out of iterations). */
  done: boolean;
  converged: boolean;
}

export interface MinimizeOptions {
  /** Iterations over all rounds before giving up (default 5000). */
  maxIterations?: number;
  /** Relative spread of the simplex values that counts as converged (default 1e-10). */
  tolerance?: number;
  /** Largest coordinate distance from the best vertex that counts as converged (default 1e-7). */
  xTolerance?: number;
  /** Edge length of the initial and restart simplex (default 0.2). */
  initialStep?: number;
  /** Restarts from the optimum to confirm convergence (default 3; stops early when one does not improve). */
  maxRestarts?: number;
  /** Continue from a state reported by onIteration (x0 is then ignored). */
  resume?: NelderMeadState;
  /** Called after each iteration with a copy of the state (await-ed). */
  onIteration?: (state: NelderMeadState) => void | Promise<void>;
  /** Yield to the event loop every this many iterations (default 1). */
  yieldEvery?: number;
  /** Abort between iterations; minimize then rejects with OptimizationAbortedError carrying the last state. */
  signal?: AbortSignal;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  state: NelderMeadState;
}

export class OptimizationInputError extends Error {
  readonly code = 'OPTIMIZATION_INPUT_INVALID';
  constructor(input: unknown, why: string) {
    super(`optimisation input ${JSON.stringify(input)} is invalid: ${why}`);
    this.name = 'OptimizationInputError';
  }
}

export class OptimizationAbortedError extends Error {
  readonly code = 'OPTIMIZATION_ABORTED';
  constructor(readonly state: NelderMeadState) {
    super(`optimisation aborted after iteration ${state.iteration} (best value ${state.values[0]})`);
    this.name = 'OptimizationAbortedError';
  }
}

/** Value used in place of NaN / Infinity, so that the state stays valid JSON. */
export const INFEASIBLE = Number.MAX_VALUE;

const RHO = 1;
const CHI = 2;
const GAMMA = 0.5;
const SIGMA = 0.5;

type Objective = (x: readonly number[]) => number;

function safeEval(f: Objective, x: readonly number[]): number {
  const v = f(x);
  return Number.isFinite(v) ? v : INFEASIBLE;
}

function copyState(s: NelderMeadState): NelderMeadState {
  return { ...s, simplex: s.simplex.map((v) => v.slice()), values: s.values.slice() };
}

function sortSimplex(s: NelderMeadState): void {
  const order = s.values.map((_, i) => i).sort((i, j) => s.values[i] - s.values[j] || i - j);
  s.simplex = order.map((i) => s.simplex[i]);
  s.values = order.map((i) => s.values[i]);
}

function buildSimplex(f: Objective, x0: readonly number[], step: number, s: Pick<NelderMeadState, 'evaluations'>) {
  const simplex = [x0.slice()];
  for (let i = 0; i < x0.length; i++) {
    const v = x0.slice();
    v[i] += step;
    simplex.push(v);
  }
  const values = simplex.map((v) => safeEval(f, v));
  s.evaluations += simplex.length;
  return { simplex, values };
}

function validateState(state: NelderMeadState, n: number | null): void {
  const dim = state.simplex[0]?.length ?? 0;
  const ok =
    state.version === 1 &&
    dim > 0 &&
    (n === null || dim === n) &&
    state.simplex.length === dim + 1 &&
    state.values.length === dim + 1 &&
    state.simplex.every((v) => v.length === dim && v.every(Number.isFinite)) &&
    state.values.every((v) => typeof v === 'number' && !Number.isNaN(v));
  if (!ok) throw new OptimizationInputError({ iteration: state.iteration, dim }, 'resume state is malformed');
}

function roundConverged(s: NelderMeadState, tol: number, xTol: number): boolean {
  const best = s.values[0];
  const fSpread = s.values[s.values.length - 1] - best;
  if (!(fSpread <= tol * (1 + Math.abs(best)))) return false;
  const x0 = s.simplex[0];
  for (let i = 1; i < s.simplex.length; i++) {
    for (let j = 0; j < x0.length; j++) if (Math.abs(s.simplex[i][j] - x0[j]) > xTol) return false;
  }
  return true;
}

/** One Nelder–Mead step on a sorted simplex (mutates s). */
function step(f: Objective, s: NelderMeadState): void {
  const n = s.simplex.length - 1;
  const worst = s.simplex[n];
  const centroid = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += s.simplex[i][j] / n;
  const along = (t: number) => centroid.map((c, j) => c + t * (c - worst[j]));
  const evaluate = (x: number[]) => {
    s.evaluations += 1;
    return safeEval(f, x);
  };
  const replaceWorst = (x: number[], v: number) => {
    s.simplex[n] = x;
    s.values[n] = v;
  };

  const xr = along(RHO);
  const fr = evaluate(xr);
  if (fr < s.values[0]) {
    const xe = along(RHO * CHI);
    const fe = evaluate(xe);
    if (fe < fr) replaceWorst(xe, fe);
    else replaceWorst(xr, fr);
  } else if (fr < s.values[n - 1]) {
    replaceWorst(xr, fr);
  } else {
    const outside = fr < s.values[n];
    const xc = along(outside ? RHO * GAMMA : -GAMMA);
    const fc = evaluate(xc);
    if (outside ? fc <= fr : fc < s.values[n]) replaceWorst(xc, fc);
    else {
      const best = s.simplex[0];
      for (let i = 1; i <= n; i++) {
        s.simplex[i] = best.map((b, j) => b + SIGMA * (s.simplex[i][j] - b));
        s.values[i] = evaluate(s.simplex[i]);
      }
    }
  }
  sortSimplex(s);
}

/** Minimises f from x0 with Nelder–Mead plus confirming restarts; async, abortable and resumable. */
export async function minimize(f: Objective, x0: readonly number[], options: MinimizeOptions = {}): Promise<MinimizeResult> {
  const maxIterations = options.maxIterations ?? 5000;
  const tol = options.tolerance ?? 1e-10;
  const xTol = options.xTolerance ?? 1e-7;
  const initialStep = options.initialStep ?? 0.2;
  const maxRestarts = options.maxRestarts ?? 3;
  const yieldEvery = Math.max(1, Math.floor(options.yieldEvery ?? 1));

  let s: NelderMeadState;
  if (options.resume !== undefined) {
    validateState(options.resume, null);
    s = copyState(options.resume);
  } else {
    if (x0.length === 0 || !x0.every(Number.isFinite)) throw new OptimizationInputError(x0, 'x0 must be finite numbers');
    s = {
      version: 1,
      simplex: [],
      values: [],
      iteration: 0,
      evaluations: 0,
      restarts: 0,
      previousRoundValue: null,
      done: false,
      converged: false,
    };
    Object.assign(s, buildSimplex(f, x0, initialStep, s));
    sortSimplex(s);
  }

  const stopIfAborted = () => {
    if (options.signal?.aborted) throw new OptimizationAbortedError(copyState(s));
  };
  stopIfAborted();
  while (!s.done) {
    if (s.iteration >= maxIterations) {
      s.done = true;
      break;
    }
    step(f, s);
    s.iteration += 1;
    if (roundConverged(s, tol, xTol)) {
      const best = s.values[0];
      const improved = s.previousRoundValue === null || s.previousRoundValue - best > tol * (1 + Math.abs(best));
      if (improved && s.restarts < maxRestarts) {
        s.previousRoundValue = best;
        s.restarts += 1;
        Object.assign(s, buildSimplex(f, s.simplex[0], initialStep, s));
        sortSimplex(s);
      } else {
        s.done = true;
        s.converged = true;
      }
    }
    if (options.onIteration) await options.onIteration(copyState(s));
    if (s.iteration % yieldEvery === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    if (!s.done) stopIfAborted();
  }
  return {
    x: s.simplex[0].slice(),
    value: s.values[0],
    iterations: s.iteration,
    evaluations: s.evaluations,
    converged: s.converged,
    state: copyState(s),
  };
}
