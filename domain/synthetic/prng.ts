/**
 * Seeded pseudo-random numbers for the synthetic generator: sfc32 (Chris Doty-Humphrey's Small Fast
 * Counting generator, 128-bit state, 32-bit output) plus the samplers the model draws from.
 * Every stream is derived from (seed, stream id, index), so each customer has its own independent
 * streams and changing one option (e.g. browsing depth) does not reshuffle unrelated draws.
 */

const TWO_32 = 4294967296;

/** A 32-bit avalanche mix (the splitmix32 / murmur3 finaliser); used only to derive stream states. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Named streams, so that one purpose never shares draws with another. */
export const STREAMS = {
  catalogue: 1,
  arrivals: 2,
  life: 3,
  browse: 4,
  pilotArrivals: 5,
  pilotLife: 6,
  pilotBrowse: 7,
} as const;
export type StreamName = keyof typeof STREAMS;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** Second normal deviate of the last polar-method pair (NaN when none is cached). */
  private spare = Number.NaN;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Discard the first outputs so that similar seeds diverge (the reference implementation does 12).
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** The stream for (seed, stream, index); seed is any non-negative safe integer. */
  static stream(seed: number, stream: StreamName, index = 0): Rng {
    const lo = seed >>> 0;
    const hi = Math.floor(seed / TWO_32) >>> 0;
    let h = mix32(lo ^ mix32(hi ^ 0x5eed));
    h = mix32(h ^ Math.imul(STREAMS[stream], 0x27d4eb2f));
    h = mix32(h ^ (index >>> 0));
    h = mix32(h ^ Math.floor(index / TWO_32));
    const a = mix32(h);
    const b = mix32(a ^ 0x68e31da4);
    const c = mix32(b ^ 0xb5297a4d);
    return new Rng(a, b, c, 1);
  }

  /** The next raw 32-bit output, as an unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1): never exactly 0 or 1, so logs and powers are safe. */
  next(): number {
    return (this.nextU32() + 0.5) / TWO_32;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -Math.log(this.next()) * mean;
  }

  /** Standard normal, Marsaglia's polar method (pairs; the second is cached). */
  normal(): number {
    if (this.spare === this.spare) {
      const s = this.spare;
      this.spare = Number.NaN;
      return s;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }

  /** Lognormal: exp(N(mu, sigma^2)). */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Gamma(shape, scale) by Marsaglia-Tsang (2000); shape < 1 via the U^(1/shape) boost. Mean shape*scale. */
  gamma(shape: number, scale: number): number {
    if (shape < 1) return this.gamma(shape + 1, scale) * Math.pow(this.next(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Poisson with the given mean: Knuth's product method below 30, a rounded normal approximation above. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Geometric count of failures before the first success, with the given mean (0, 1, 2, ...). */
  geometric(mean: number): number {
    if (mean <= 0) return 0;
    return Math.floor(Math.log(this.next()) / Math.log(mean / (1 + mean)));
  }

  /** An index drawn with probability proportional to the increments of a cumulative weight table. */
  pick(cumulative: Float64Array): number {
    const n = cumulative.length;
    const target = this.next() * cumulative[n - 1];
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Running sums of weights, for Rng.pick. */
export function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i];
    out[i] = sum;
  }
  return out;
}
