/**
 * Special functions for the BTYD likelihoods: log-gamma, log-beta, digamma and the Gauss
 * hypergeometric function 2F1 on the real line z < 1, using the standard transformations
 * (Pfaff for z < 0, Euler when c - a - b < 0, the 1 - z connection formulas near z = 1,
 * including the logarithmic case of integer c - a - b; Abramowitz & Stegun 15.3.3-15.3.12).
 */

export class SpecialFunctionError extends Error {
  readonly code = 'SPECIAL_FUNCTION_DOMAIN';
  constructor(fn: string, input: Record<string, number>, why: string) {
    super(`${fn}(${JSON.stringify(input)}): ${why}`);
    this.name = 'SpecialFunctionError';
  }
}

const EPS = 2.220446049250313e-16;
const LN_SQRT_2PI = 0.9189385332046728;
const MAX_SERIES_TERMS = 200_000;

/** sin(pi x), accurate for large |x| and exactly 0 at integers. */
function sinPi(x: number): number {
  const r = x - 2 * Math.floor(x / 2); // in [0, 2)
  if (r === 0 || r === 1) return 0;
  return Math.sin(Math.PI * r);
}

function isNonPositiveInteger(x: number): boolean {
  return x <= 0 && Number.isInteger(x);
}

/** Natural log of |Gamma(x)|; +Infinity at the poles 0, -1, -2, ... */
export function lnGamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return Infinity;
  if (x === 1 || x === 2) return 0;
  if (x < 0.5) {
    if (Number.isInteger(x)) return Infinity;
    return Math.log(Math.PI / Math.abs(sinPi(x))) - lnGamma(1 - x);
  }
  // shift to x >= 10, then Stirling's series (error < 1e-16 there)
  let shift = 0;
  let prod = 1;
  while (x < 10) {
    prod *= x;
    x += 1;
    if (prod > 1e280) {
      shift += Math.log(prod);
      prod = 1;
    }
  }
  shift += Math.log(prod);
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 / 12 +
      inv2 * (-1 / 360 + inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 * (1 / 156)))))));
  return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + series - shift;
}

/** Sign of Gamma(x): +1 or -1, and 0 at the poles (where 1/Gamma is 0). */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  if (Number.isInteger(x)) return 0;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** Natural log of the beta function B(a, b) for a, b > 0. */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new SpecialFunctionError('lnBeta', { a, b }, 'a and b must be positive');
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** Gamma(x) for real x; overflows to Infinity past x = 171.6 and is NaN at the poles. */
export function gamma(x: number): number {
  const s = gammaSign(x);
  return s === 0 ? NaN : s * Math.exp(lnGamma(x));
}

/** Digamma psi(x) = d/dx ln Gamma(x); NaN at the poles. */
export function digamma(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= 0) {
    if (Number.isInteger(x)) return NaN;
    // reflection: psi(x) = psi(1 - x) - pi / tan(pi x)
    const r = x - Math.floor(x);
    return digamma(1 - x) - Math.PI / Math.tan(Math.PI * r);
  }
  let acc = 0;
  while (x < 12) {
    acc -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const tail = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return acc + Math.log(x) - 0.5 / x - tail;
}

/** log(exp(u) + exp(v)) without overflow. */
export function logAddExp(u: number, v: number): number {
  if (u === -Infinity) return v;
  if (v === -Infinity) return u;
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/** log(exp(u) - exp(v)) for u >= v (-Infinity when equal). */
export function logSubExp(u: number, v: number): number {
  if (v === -Infinity) return u;
  if (v > u) return NaN;
  if (v === u) return -Infinity;
  return u + Math.log(-Math.expm1(v - u));
}

/** A real number as sign * exp(log), so that huge prefactors and series can be combined. */
interface SignedLog {
  sign: number;
  log: number;
}

interface SeriesResult {
  sum: number;
  relError: number;
  converged: boolean;
}

/** The defining power series sum_n (a)_n (b)_n / ((c)_n n!) z^n, with a rounding-error estimate. */
function powerSeries(a: number, b: number, c: number, z: number, maxTerms = MAX_SERIES_TERMS): SeriesResult {
  let term = 1;
  let sum = 1;
  let maxAbs = 1;
  // past this index no Pochhammer factor can change sign or be small by accident
  const settled = Math.max(0, -a, -b, -c) + 2;
  const az = Math.abs(z);
  for (let n = 0; n < maxTerms; n++) {
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    term *= ratio;
    sum += term;
    const at = Math.abs(term);
    if (at > maxAbs) maxAbs = at;
    if (!Number.isFinite(sum)) return { sum, relError: Infinity, converged: false };
    if (term === 0) return { sum, relError: (EPS * maxAbs) / Math.abs(sum), converged: true };
    if (n >= settled) {
      const rho = Math.max(Math.abs(ratio), az);
      if (rho < 1 && at / (1 - rho) <= EPS * Math.abs(sum)) {
        const relError = (EPS * (maxAbs * Math.sqrt(n + 1))) / Math.abs(sum);
        return { sum, relError, converged: true };
      }
    }
  }
  return { sum, relError: Infinity, converged: false };
}

/** Product of Gamma(num_i) / product of Gamma(den_j), as a signed log (sign 0 when a denominator is at a pole). */
function gammaRatio(num: readonly number[], den: readonly number[]): SignedLog {
  let sign = 1;
  let log = 0;
  for (const x of den) {
    const s = gammaSign(x);
    if (s === 0) return { sign: 0, log: -Infinity };
    sign *= s;
    log -= lnGamma(x);
  }
  for (const x of num) {
    const s = gammaSign(x);
    if (s === 0) return { sign: NaN, log: Infinity };
    sign *= s;
    log += lnGamma(x);
  }
  return { sign, log };
}

function toSignedLog(v: number): SignedLog {
  return { sign: Math.sign(v), log: Math.log(Math.abs(v)) };
}

function addSignedLog(p: SignedLog, q: SignedLog): SignedLog {
  if (p.sign === 0) return q;
  if (q.sign === 0) return p;
  if (p.sign === q.sign) return { sign: p.sign, log: logAddExp(p.log, q.log) };
  if (p.log >= q.log) return { sign: p.sign, log: logSubExp(p.log, q.log) };
  return { sign: q.sign, log: logSubExp(q.log, p.log) };
}

/** 1 - z connection formula (A&S 15.3.6) for non-integer d = c - a - b; s = 1 - z. */
function connection(a: number, b: number, c: number, s: number): { value: SignedLog; relError: number } {
  const d = c - a - b;
  const lns = Math.log(s);
  const c1 = gammaRatio([c, d], [c - a, c - b]);
  const c2 = gammaRatio([c, -d], [a, b]);
  const f1 = c1.sign === 0 ? { sum: 0, relError: 0, converged: true } : powerSeries(a, b, 1 - d, s);
  const f2 = c2.sign === 0 ? { sum: 0, relError: 0, converged: true } : powerSeries(c - a, c - b, 1 + d, s);
  const t1: SignedLog = c1.sign === 0 ? c1 : { sign: c1.sign * Math.sign(f1.sum), log: c1.log + Math.log(Math.abs(f1.sum)) };
  const t2: SignedLog =
    c2.sign === 0 ? c2 : { sign: c2.sign * Math.sign(f2.sum), log: c2.log + d * lns + Math.log(Math.abs(f2.sum)) };
  const value = addSignedLog(t1, t2);
  const big = Math.max(t1.log, t2.log);
  // cancellation between the two parts costs about exp(big - |value|) in relative accuracy
  const relError =
    f1.converged && f2.converged ? (Math.exp(big - value.log) * (EPS * 8 + f1.relError + f2.relError)) : Infinity;
  return { value, relError };
}

/** 1 - z expansion when c - a - b is an integer: the digamma series of A&S 15.3.10-15.3.12. */
function connectionLogCase(a: number, b: number, c: number, s: number): number {
  const id = Math.round(c - a - b);
  const [e, d1, d2, aid] = id >= 0 ? [id, id, 0, id] : [-id, 0, id, -id];
  const ax = Math.log(s);
  let y = (digamma(1) + digamma(1 + e) - digamma(a + d1) - digamma(b + d1) - ax) / Math.exp(lnGamma(e + 1));
  let p = ((a + d1) * (b + d1) * s) / Math.exp(lnGamma(e + 2));
  let q = 0;
  for (let t = 1; t < MAX_SERIES_TERMS; t++) {
    const r = digamma(1 + t) + digamma(1 + t + e) - digamma(a + t + d1) - digamma(b + t + d1) - ax;
    q = p * r;
    y += q;
    if (y !== 0 && Math.abs(q / y) <= EPS && Math.abs(p) <= EPS * Math.abs(y)) break;
    p *= (s * (a + t + d1)) / (t + 1);
    p *= (b + t + d1) / (t + 1 + e);
  }
  if (id === 0) {
    const g = gammaRatio([c], [a, b]);
    return g.sign === 0 ? 0 : y * g.sign * Math.exp(g.log);
  }
  let y1 = 1;
  let pp = 1;
  for (let i = 1, t = 0; i < aid; i++, t++) {
    pp *= (s * (a + t + d2) * (b + t + d2)) / (1 - e + t);
    pp /= t + 1;
    y1 += pp;
  }
  const g1 = gammaRatio([e, c], [a + d1, b + d1]);
  y1 *= g1.sign === 0 ? 0 : g1.sign * Math.exp(g1.log);
  const g2 = gammaRatio([c], [a + d2, b + d2]);
  y *= g2.sign === 0 ? 0 : g2.sign * Math.exp(g2.log);
  if (aid % 2 === 1) y = -y;
  const sid = Math.pow(s, id);
  if (id > 0) y *= sid;
  else y1 *= sid;
  return y + y1;
}

interface Estimate {
  value: SignedLog;
  relError: number;
}

const ACCEPT = 1e-12;
const REJECT = 1e-8;

function fromSeries(r: SeriesResult, logPrefactor = 0): Estimate {
  const v = toSignedLog(r.sum);
  return { value: { sign: v.sign, log: v.log + logPrefactor }, relError: r.converged ? r.relError : Infinity };
}

/** The more accurate of two estimates (the first when neither has a finite error). */
function better(best: Estimate, e: Estimate): Estimate {
  return e.relError < best.relError ? e : best;
}

const DIRECT = 0;
const EULER = 1;
const CONNECTION = 2;

/** One way to evaluate 2F1 on (0, 1); plain switch rather than closures, as this is the likelihoods' hot path. */
function unitMethod(method: number, a: number, b: number, c: number, z: number, s: number, cap: number): Estimate {
  const d = c - a - b;
  switch (method) {
    case DIRECT:
      return fromSeries(powerSeries(a, b, c, z, cap));
    case EULER:
      // Euler: F(a,b;c;z) = (1-z)^(c-a-b) F(c-a,c-b;c;z) converges at z = 1 when c - a - b < 0
      return fromSeries(powerSeries(c - a, c - b, c, z, cap), d * Math.log(s));
    default: {
      if (Math.abs(d - Math.round(d)) < 1e-12) {
        const v = connectionLogCase(a, b, c, s);
        return { value: toSignedLog(v), relError: Number.isFinite(v) ? 1e-13 : Infinity };
      }
      return connection(a, b, c, s);
    }
  }
}

/** 2F1 for 0 < z < 1 (s = 1 - z, passed exactly by callers that know it) with no terminating parameter. */
function hyp2f1UnitInterval(a: number, b: number, c: number, z: number, s = 1 - z): Estimate {
  const d = c - a - b;
  const first = d < 0 ? EULER : DIRECT;
  const second = d < 0 ? DIRECT : EULER;
  const quick = z <= 0.9 ? MAX_SERIES_TERMS : 5000;
  let best = unitMethod(first, a, b, c, z, s, quick);
  if (best.relError <= ACCEPT) return best;
  best = better(best, unitMethod(second, a, b, c, z, s, quick));
  if (best.relError <= ACCEPT) return best;
  if (z > 0.5) {
    best = better(best, unitMethod(CONNECTION, a, b, c, z, s, 0));
    if (best.relError <= ACCEPT) return best;
  }
  if (quick < MAX_SERIES_TERMS) best = better(best, unitMethod(first, a, b, c, z, s, MAX_SERIES_TERMS));
  return best;
}

function polynomialEstimate(p: number, q: number, c: number, z: number, logPrefactor = 0): Estimate {
  let term = 1;
  let sum = 1;
  let maxAbs = 1;
  for (let n = 0; n < -p; n++) {
    term *= (((p + n) * (q + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    maxAbs = Math.max(maxAbs, Math.abs(term));
  }
  const v = toSignedLog(sum);
  return { value: { sign: v.sign, log: v.log + logPrefactor }, relError: (EPS * maxAbs * Math.sqrt(1 - p)) / Math.abs(sum) };
}

function exact(value: SignedLog): Estimate {
  return { value, relError: 0 };
}

/** (1-z)^-p F(p, q; c; w) with w = z/(z-1): one side of Pfaff's transformation for z < 0. */
function pfaff(p: number, q: number, c: number, z: number): Estimate {
  const w = z / (z - 1);
  const inner = isNonPositiveInteger(q) ? polynomialEstimate(q, p, c, w) : hyp2f1UnitInterval(p, q, c, w, 1 / (1 - z));
  return { value: { sign: inner.value.sign, log: inner.value.log - p * Math.log1p(-z) }, relError: inner.relError };
}

function hyp2f1Estimate(a: number, b: number, c: number, z: number): Estimate {
  if (!(Number.isFinite(a) && Number.isFinite(b) && Number.isFinite(c) && Number.isFinite(z))) {
    throw new SpecialFunctionError('hyp2f1', { a, b, c, z }, 'arguments must be finite');
  }
  if (z > 1) throw new SpecialFunctionError('hyp2f1', { a, b, c, z }, 'z > 1 is on the branch cut');
  if (a === 0 || b === 0 || z === 0) return exact({ sign: 1, log: 0 });
  const aTerm = isNonPositiveInteger(a);
  const bTerm = isNonPositiveInteger(b);
  if (isNonPositiveInteger(c) && !((aTerm && a > c) || (bTerm && b > c))) {
    throw new SpecialFunctionError('hyp2f1', { a, b, c, z }, 'c is a non-positive integer');
  }
  if (b === c) return exact({ sign: 1, log: -a * Math.log1p(-z) });
  if (a === c) return exact({ sign: 1, log: -b * Math.log1p(-z) });
  if (aTerm || bTerm) {
    const [p, q] = aTerm && (!bTerm || a >= b) ? [a, b] : [b, a];
    const direct = polynomialEstimate(p, q, c, z);
    if (z >= 0 || direct.relError <= ACCEPT) return direct;
    // Pfaff keeps the polynomial and maps z < 0 into (0, 1)
    return better(direct, polynomialEstimate(p, c - q, c, z / (z - 1), -p * Math.log1p(-z)));
  }
  if (z === 1) {
    if (c - a - b <= 0) throw new SpecialFunctionError('hyp2f1', { a, b, c, z }, 'diverges at z = 1 when c - a - b <= 0');
    return exact(gammaRatio([c, c - a - b], [c - a, c - b]));
  }
  if (z > 0) return hyp2f1UnitInterval(a, b, c, z);
  // Pfaff: F(a,b;c;z) = (1-z)^-a F(a, c-b; c; z/(z-1)) = (1-z)^-b F(c-a, b; c; z/(z-1))
  const aFirst = c - b >= 0 || c - b >= c - a;
  let best = aFirst ? pfaff(a, c - b, c, z) : pfaff(b, c - a, c, z);
  if (best.relError <= ACCEPT) return best;
  best = better(best, aFirst ? pfaff(b, c - a, c, z) : pfaff(a, c - b, c, z));
  if (best.relError <= ACCEPT || z <= -0.5) return best;
  return better(best, fromSeries(powerSeries(a, b, c, z)));
}

function hyp2f1Signed(a: number, b: number, c: number, z: number): SignedLog {
  const e = hyp2f1Estimate(a, b, c, z);
  if (!(e.relError <= REJECT)) {
    throw new SpecialFunctionError('hyp2f1', { a, b, c, z }, `cannot reach 1e-8 relative accuracy (estimate ${e.relError})`);
  }
  return e.value;
}

/** Gauss hypergeometric function 2F1(a, b; c; z) for real arguments and z <= 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const r = hyp2f1Signed(a, b, c, z);
  return r.sign === 0 ? 0 : r.sign * Math.exp(r.log);
}

/** ln 2F1(a, b; c; z) for a positive 2F1 value; stays finite where 2F1 itself would overflow. */
export function lnHyp2f1(a: number, b: number, c: number, z: number): number {
  const r = hyp2f1Signed(a, b, c, z);
  if (!(r.sign > 0)) throw new SpecialFunctionError('lnHyp2f1', { a, b, c, z }, `2F1 is not positive (sign ${r.sign})`);
  return r.log;
}
