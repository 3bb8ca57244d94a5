/**
 * The synthetic data generator: customers are simulated one at a time (life, then clickstream) and
 * streamed to CSV files with backpressure, so memory does not grow with the customer count. Same seed
 * and options give byte-identical files. The model is documented in MODEL (model.ts) and README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVENT_TYPES, type EventType } from '../ingest/records';
import { BrowsingSimulator } from './browsing';
import { ArrivalSampler, IsoFormatter, Seasonality, SECONDS_PER_DAY } from './calendar';
import { buildCatalogue } from './catalogue';
import { simulateLife, type World } from './customer';
import { CsvSink } from './csv';
import { MODEL } from './model';
import { resolveOptions, type GenerateOptions, type ResolvedOptions } from './options';
import { Rng } from './prng';
import { FILE_KEYS, FILES, ID_WIDTH, newCounters, writeCustomer, writeProduct, type FileKey, type RowContext, type Sinks } from './rows';

export const MANIFEST_FILE = 'manifest.json';
export const GENERATOR = { name: 'cvp-synthetic', version: 1 } as const;

/** Customers in the pilot sample that calibrates browsing depth to `eventsPerCustomer`. */
export const PILOT_CUSTOMERS = 2000;

export interface Manifest {
  generator: typeof GENERATOR;
  seed: number;
  options: ResolvedOptions;
  dateRange: { start: string; end: string; horizonEnd: string };
  /** File name (with .gz when gzipped) and data rows, per output. */
  files: Record<FileKey, { file: string; rows: number }>;
  counts: {
    customers: number;
    products: number;
    orders: number;
    orderLines: number;
    events: number;
    reviews: number;
    buyers: number;
    churned: number;
    futureOrders: number;
    eventsByType: Record<EventType, number>;
  };
  calibration: { browseScale: number; pilotCustomers: number; pilotFixedEventsPerCustomer: number | null; pilotScaledEventsPerCustomer: number | null };
  ids: { customer: string; product: string; order: string; review: string; session: string };
  distributions: typeof MODEL;
}

/**
 * Browse scale that makes the mean events per customer about `target`: events = fixed + scale * scaled,
 * both measured on a pilot sample drawn from separate streams (so the main output is unaffected).
 */
export function calibrateBrowsing(world: World, seed: number, target: number | null): Manifest['calibration'] {
  if (target === null) return { browseScale: 1, pilotCustomers: 0, pilotFixedEventsPerCustomer: null, pilotScaledEventsPerCustomer: null };
  const arrivals = new ArrivalSampler(world.start, world.end, PILOT_CUSTOMERS, Rng.stream(seed, 'pilotArrivals'));
  const browsing = new BrowsingSimulator(world);
  let fixed = 0;
  let scaled = 0;
  for (let i = 0; i < PILOT_CUSTOMERS; i++) {
    const life = simulateLife(world, Rng.stream(seed, 'pilotLife', i), arrivals.next());
    const buf = browsing.run(Rng.stream(seed, 'pilotBrowse', i), life, 1);
    fixed += buf.fixedEvents;
    scaled += buf.n - buf.fixedEvents;
  }
  const f = fixed / PILOT_CUSTOMERS;
  const s = scaled / PILOT_CUSTOMERS;
  const browseScale = s > 0 ? Math.max(0, (target - f) / s) : 1;
  return { browseScale: Number(browseScale.toFixed(6)), pilotCustomers: PILOT_CUSTOMERS, pilotFixedEventsPerCustomer: Number(f.toFixed(4)), pilotScaledEventsPerCustomer: Number(s.toFixed(4)) };
}

/** Generates the synthetic data set into `outDir` and returns (and writes) its manifest. */
export async function generate(options: GenerateOptions): Promise<Manifest> {
  const { resolved, startSec, endSec, progressEvery } = resolveOptions(options);
  const { seed, customers, currency } = resolved;
  const horizonEnd = endSec + Math.round(resolved.horizonDays * SECONDS_PER_DAY);
  const catalogue = buildCatalogue(seed, resolved.products);
  const world: World = { start: startSec, end: endSec, horizonEnd, season: new Seasonality(startSec, horizonEnd), catalogue };
  const fmt = new IsoFormatter(startSec, horizonEnd);
  const calibration = calibrateBrowsing(world, seed, resolved.eventsPerCustomer);

  await mkdir(options.outDir, { recursive: true });
  const ext = resolved.gzip ? '.csv.gz' : '.csv';
  const sinks = {} as Sinks;
  for (const key of FILE_KEYS) sinks[key] = new CsvSink(join(options.outDir, key + ext), FILES[key], resolved.gzipLevel);
  const all = FILE_KEYS.map((k) => sinks[k]);

  try {
    for (let p = 0; p < catalogue.size; p++) {
      writeProduct(sinks.products, catalogue, p);
      if (sinks.products.full) await sinks.products.flush();
    }

    const arrivals = new ArrivalSampler(startSec, endSec, customers, Rng.stream(seed, 'arrivals'));
    const counters = newCounters();
    const ctx: RowContext = { sinks, catalogue, fmt, currency: Buffer.from(currency, 'ascii'), end: endSec, counters };
    const browsing = new BrowsingSimulator(world);
    let buyers = 0;
    let churned = 0;
    let futureOrders = 0;
    for (let i = 0; i < customers; i++) {
      const life = simulateLife(world, Rng.stream(seed, 'life', i), arrivals.next());
      const buf = browsing.run(Rng.stream(seed, 'browse', i), life, calibration.browseScale);
      writeCustomer(ctx, i + 1, life, buf);
      if (life.orders.length > 0) buyers++;
      if (life.quitAt < endSec) churned++;
      futureOrders += life.futureOrders;
      for (const sink of all) if (sink.full) await sink.flush();
      if (options.onProgress && ((i + 1) % progressEvery === 0 || i + 1 === customers)) {
        options.onProgress({ customers: i + 1, total: customers, events: counters.events });
      }
    }
    await Promise.all(all.map((s) => s.close()));

    const manifest: Manifest = {
      generator: GENERATOR,
      seed,
      options: resolved,
      dateRange: { start: resolved.start, end: resolved.end, horizonEnd: fmt.format(horizonEnd) },
      files: Object.fromEntries(FILE_KEYS.map((k) => [k, { file: k + ext, rows: sinks[k].rows }])) as Manifest['files'],
      counts: {
        customers,
        products: catalogue.size,
        orders: counters.orders,
        orderLines: sinks.orders.rows,
        events: counters.events,
        reviews: counters.reviews,
        buyers,
        churned,
        futureOrders,
        eventsByType: Object.fromEntries(EVENT_TYPES.map((t, i) => [t, counters.eventsByType[i]])) as Record<EventType, number>,
      },
      calibration,
      ids: {
        customer: `C + ${ID_WIDTH.customer} digits`,
        product: `P + ${ID_WIDTH.product} digits`,
        order: `O + ${ID_WIDTH.order} digits`,
        review: `R + ${ID_WIDTH.review} digits`,
        session: `S + ${ID_WIDTH.session} digits`,
      },
      distributions: MODEL,
    };
    await writeFile(join(options.outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (err) {
    // Close what is open so no descriptor leaks; the first error is the one reported.
    await Promise.allSettled(all.map((s) => s.close()));
    throw err;
  }
}
