/** Options of the synthetic generator: their defaults, validation and the resolved form the manifest records. */
import { SECONDS_PER_DAY } from './calendar';
import { defaultCatalogueSize } from './catalogue';

/** Progress reported while generating (every `progressEvery` customers and at the end). */
export interface GenerateProgress {
  customers: number;
  total: number;
  events: number;
}

export interface GenerateOptions {
  /** Folder the files are written to (created if missing). */
  outDir: string;
  /** Number of customers (arrivals over the period). */
  customers: number;
  /** Start of the observation window (inclusive): 'YYYY-MM-DD' (UTC midnight), an ISO time or a Date. Default 2022-01-01. */
  start?: string | Date;
  /** End of the window (exclusive). Default 2024-01-01. */
  end?: string | Date;
  /** PRNG seed, a non-negative safe integer. Default 1. */
  seed?: number;
  /** Write `.csv.gz` instead of `.csv`. */
  gzip?: boolean;
  /** zlib level 1..9 when gzip is on. Default 1: about 3.7x faster than 6 for files about a third larger. */
  gzipLevel?: number;
  /** Approximate mean events per customer; calibrates the browsing depth on a pilot sample. Default: the model's own depth. */
  eventsPerCustomer?: number;
  /** Catalogue size. Default clamp(customers / 20, 100, 50,000). */
  products?: number;
  /** Days after `end` over which each customer's true future orders and spend are simulated (truth.csv only). Default 365. */
  horizonDays?: number;
  /** ISO-4217 code on every order line. Default EUR. */
  currency?: string;
  onProgress?: (progress: GenerateProgress) => void;
  /** Customers between progress reports. Default 10,000. */
  progressEvery?: number;
}

/** The options as used, without the output folder (so equal runs in different folders have equal manifests). */
export interface ResolvedOptions {
  customers: number;
  products: number;
  seed: number;
  start: string;
  end: string;
  gzip: boolean;
  gzipLevel: number | null;
  eventsPerCustomer: number | null;
  horizonDays: number;
  currency: string;
}

export const DEFAULTS = { start: '2022-01-01', end: '2024-01-01', seed: 1, gzipLevel: 1, horizonDays: 365, currency: 'EUR', progressEvery: 10_000 } as const;

export class SyntheticOptionsError extends Error {
  readonly code = 'SYNTHETIC_OPTIONS_INVALID';
  constructor(option: string, value: unknown, why: string) {
    super(`synthetic option ${option}=${JSON.stringify(value)} is invalid: ${why}`);
    this.name = 'SyntheticOptionsError';
  }
}

/** Epoch seconds of a date option: 'YYYY-MM-DD' is UTC midnight; other strings must parse as ISO times. */
export function parseTime(option: string, value: string | Date): number {
  const ms = value instanceof Date ? value.getTime() : /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new SyntheticOptionsError(option, value, 'expected YYYY-MM-DD or an ISO-8601 time');
  return Math.floor(ms / 1000);
}

const isoSeconds = (sec: number) => `${new Date(sec * 1000).toISOString().slice(0, 19)}Z`;

/** Validates options and fills defaults; returns the resolved options and the window in epoch seconds. */
export function resolveOptions(o: GenerateOptions): { resolved: ResolvedOptions; startSec: number; endSec: number; progressEvery: number } {
  if (!o.outDir) throw new SyntheticOptionsError('outDir', o.outDir, 'an output folder is required');
  if (!Number.isSafeInteger(o.customers) || o.customers < 1) throw new SyntheticOptionsError('customers', o.customers, 'expected a positive integer');
  const seed = o.seed ?? DEFAULTS.seed;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new SyntheticOptionsError('seed', seed, 'expected a non-negative safe integer');
  const startSec = parseTime('start', o.start ?? DEFAULTS.start);
  const endSec = parseTime('end', o.end ?? DEFAULTS.end);
  if (endSec - startSec < SECONDS_PER_DAY) throw new SyntheticOptionsError('end', o.end, 'must be at least one day after start');
  const products = o.products ?? defaultCatalogueSize(o.customers);
  if (!Number.isSafeInteger(products) || products < 10) throw new SyntheticOptionsError('products', products, 'expected an integer >= 10 (one per category)');
  const epc = o.eventsPerCustomer ?? null;
  if (epc !== null && !(Number.isFinite(epc) && epc > 0)) throw new SyntheticOptionsError('eventsPerCustomer', epc, 'expected a positive number');
  const horizonDays = o.horizonDays ?? DEFAULTS.horizonDays;
  if (!(Number.isFinite(horizonDays) && horizonDays >= 0)) throw new SyntheticOptionsError('horizonDays', horizonDays, 'expected a number >= 0');
  const currency = o.currency ?? DEFAULTS.currency;
  if (!/^[A-Z]{3}$/.test(currency)) throw new SyntheticOptionsError('currency', currency, 'expected an ISO-4217 code such as EUR');
  const gzip = o.gzip ?? false;
  const gzipLevel = o.gzipLevel ?? DEFAULTS.gzipLevel;
  if (!Number.isInteger(gzipLevel) || gzipLevel < 1 || gzipLevel > 9) throw new SyntheticOptionsError('gzipLevel', gzipLevel, 'expected an integer 1..9');
  const progressEvery = o.progressEvery ?? DEFAULTS.progressEvery;
  if (!Number.isSafeInteger(progressEvery) || progressEvery < 1) throw new SyntheticOptionsError('progressEvery', progressEvery, 'expected a positive integer');
  return {
    resolved: { customers: o.customers, products, seed, start: isoSeconds(startSec), end: isoSeconds(endSec), gzip, gzipLevel: gzip ? gzipLevel : null, eventsPerCustomer: epc, horizonDays, currency },
    startSec,
    endSec,
    progressEvery,
  };
}
