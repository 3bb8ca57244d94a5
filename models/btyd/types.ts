/** Shared types of the BTYD models: RFM inputs, compressed datasets, fit options and results. */
import type { MinimizeOptions, NelderMeadState } from '../optimize';

/** One customer's calibration summary: repeat transactions x, recency tx, age T (same time unit). */
export interface RfmRow {
  x: number;
  tx: number;
  T: number;
}

/** Identical (x, tx, T) rows grouped, each with the number of customers it stands for. */
export interface CompressedRfm {
  readonly kind: 'rfm';
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** Number of customers (sum of weights). */
  readonly customers: number;
}

export type RfmData = readonly RfmRow[] | CompressedRfm;

/** Parameters of any model as a name -> value record (what callers store and pass around). */
export type ParamRecord = Readonly<Record<string, number>>;

/** Options of every fit: optimiser settings passed through, plus an optional starting point. */
export interface FitOptions<P extends ParamRecord = ParamRecord>
  extends Pick<MinimizeOptions, 'maxIterations' | 'tolerance' | 'xTolerance' | 'maxRestarts' | 'resume' | 'onIteration' | 'yieldEvery' | 'signal'> {
  initial?: P;
}

export interface FitResult<P extends ParamRecord = ParamRecord> {
  params: P;
  logLik: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Customers the fit used. */
  customers: number;
  /** Final optimiser state (log-parameter space). */
  state: NelderMeadState;
}

export class ModelInputError extends Error {
  readonly code = 'BTYD_INPUT_INVALID';
  constructor(input: unknown, why: string) {
    super(`BTYD model input ${JSON.stringify(input)} is invalid: ${why}`);
    this.name = 'ModelInputError';
  }
}

function validRow(r: RfmRow): boolean {
  return Number.isInteger(r.x) && r.x >= 0 && r.tx >= 0 && r.T >= r.tx && Number.isFinite(r.T) && (r.x > 0 || r.tx === 0);
}

/** Groups identical (x, tx, T) rows with a weight count, which makes likelihood evaluations much cheaper. */
export function compressRfm(rows: readonly RfmRow[]): CompressedRfm {
  const index = new Map<string, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const weight: number[] = [];
  for (const r of rows) {
    if (!validRow(r)) throw new ModelInputError(r, 'need integer x >= 0, 0 <= tx <= T, and tx = 0 when x = 0');
    const key = `${r.x}|${r.tx}|${r.T}`;
    const at = index.get(key);
    if (at !== undefined) weight[at] += 1;
    else {
      index.set(key, x.length);
      x.push(r.x);
      tx.push(r.tx);
      T.push(r.T);
      weight.push(1);
    }
  }
  return {
    kind: 'rfm',
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    weight: Float64Array.from(weight),
    customers: rows.length,
  };
}

/** The data as a compressed dataset (compressing plain rows). */
export function asCompressed(data: RfmData): CompressedRfm {
  return 'kind' in data && (data as CompressedRfm).kind === 'rfm' ? (data as CompressedRfm) : compressRfm(data as readonly RfmRow[]);
}

/** Checks that a record holds exactly the model's positive, finite parameters and returns it typed. */
export function checkParams<N extends string>(model: string, names: readonly N[], params: ParamRecord): Record<N, number> {
  const out = {} as Record<N, number>;
  for (const name of names) {
    const v = params[name];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new ModelInputError({ model, params }, `parameter ${name} must be a positive finite number`);
    }
    out[name] = v;
  }
  return out;
}

/** Parameters from the optimiser's log space. */
export function fromLogSpace<N extends string>(names: readonly N[], z: readonly number[]): Record<N, number> {
  const out = {} as Record<N, number>;
  names.forEach((name, i) => {
    out[name] = Math.exp(z[i]);
  });
  return out;
}

/** Parameters into the optimiser's log space. */
export function toLogSpace<N extends string>(names: readonly N[], params: Record<N, number>): number[] {
  return names.map((name) => Math.log(params[name]));
}
