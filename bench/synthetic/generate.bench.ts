/**
 * Generation speed and memory of the synthetic data generator, one child process per size (so each
 * peak RSS is its own): `npx tsx bench/synthetic/generate.bench.ts --sizes 10000,100000 [--gzip] [--keep]`.
 * Prints customers/s, events/s, MB written, peak RSS and the peak live heap sampled during the run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { generate } from '../../domain/synthetic/generate';

interface Result {
  customers: number;
  seconds: number;
  events: number;
  orders: number;
  bytes: number;
  peakRssMiB: number;
  peakHeapMiB: number;
}

/** Runs one size in this process and prints its result as JSON on the last line. */
async function runOne(customers: number, gzip: boolean, eventsPerCustomer: number | undefined, keep: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), `synth-bench-${customers}-`));
  let peakHeap = 0;
  const started = process.hrtime.bigint();
  const manifest = await generate({
    outDir: dir,
    customers,
    seed: 1,
    gzip,
    eventsPerCustomer,
    progressEvery: Math.max(1000, Math.floor(customers / 100)),
    onProgress: () => {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed + m.arrayBuffers);
    },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const bytes = readdirSync(dir).reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  if (keep) process.stderr.write(`kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
  const result: Result = {
    customers,
    seconds,
    events: manifest.counts.events,
    orders: manifest.counts.orders,
    bytes,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    peakHeapMiB: peakHeap / 1024 / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const program = new Command('synthetic-bench')
  .option('--sizes <list>', 'customer counts, comma separated', '10000,100000')
  .option('--gzip', 'write .csv.gz', false)
  .option('--events-per-customer <n>', 'calibrate browsing depth to this mean')
  .option('--keep', 'keep the generated folders', false)
  .option('--one <n>', 'internal: run one size in this process')
  .action(async (o: { sizes: string; gzip: boolean; eventsPerCustomer?: string; keep: boolean; one?: string }) => {
    const epc = o.eventsPerCustomer === undefined ? undefined : Number(o.eventsPerCustomer);
    if (o.one) return runOne(Number(o.one), o.gzip, epc, o.keep);
    const rows: string[] = ['customers    seconds  customers/s    events/s       events       MB  peak RSS MiB  peak live MiB'];
    for (const size of o.sizes.split(',').map(Number)) {
      const args = ['--import', 'tsx', __filename, '--one', String(size), ...(o.gzip ? ['--gzip'] : []), ...(o.keep ? ['--keep'] : []), ...(epc ? ['--events-per-customer', String(epc)] : [])];
      const out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 });
      const r = JSON.parse(out.trim().split('\n').pop() as string) as Result;
      rows.push(
        [
          String(r.customers).padStart(9),
          r.seconds.toFixed(1).padStart(10),
          Math.round(r.customers / r.seconds).toString().padStart(12),
          Math.round(r.events / r.seconds).toString().padStart(11),
          String(r.events).padStart(12),
          (r.bytes / 1e6).toFixed(0).padStart(8),
          r.peakRssMiB.toFixed(0).padStart(13),
          r.peakHeapMiB.toFixed(0).padStart(14),
        ].join(' '),
      );
      process.stdout.write(`${rows[rows.length - 1]}\n`);
    }
    process.stdout.write(`\n${rows.join('\n')}\n`);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`synthetic-bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
