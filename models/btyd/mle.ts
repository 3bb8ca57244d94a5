/** Maximum-likelihood fitting shared by the BTYD models: Nelder–Mead on the logs of the parameters. */
import { minimize } from '../optimize';
import { SpecialFunctionError } from '../special';
import { type FitOptions, type FitResult, fromLogSpace, toLogSpace } from './types';

/** Maximises logLik over positive parameters named `names`, starting at `initial` (or options.initial / options.resume). */
export async function maximizeLikelihood<N extends string>(
  names: readonly N[],
  logLik: (params: Record<N, number>) => number,
  initial: Record<N, number>,
  customers: number,
  options: FitOptions<Record<N, number>> = {},
): Promise<FitResult<Record<N, number>>> {
  const start = options.initial ?? initial;
  const objective = (z: readonly number[]) => {
    try {
      return -logLik(fromLogSpace(names, z));
    } catch (e) {
      // a special function that cannot be evaluated accurately there makes the point infeasible, not the fit fail
      if (e instanceof SpecialFunctionError) return Infinity;
      throw e;
    }
  };
  const result = await minimize(objective, toLogSpace(names, start), {
    maxIterations: options.maxIterations,
    tolerance: options.tolerance,
    xTolerance: options.xTolerance,
    maxRestarts: options.maxRestarts,
    resume: options.resume,
    onIteration: options.onIteration,
    yieldEvery: options.yieldEvery,
    signal: options.signal,
  });
  return {
    params: fromLogSpace(names, result.x),
    logLik: -result.value,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    customers,
    state: result.state,
  };
}
