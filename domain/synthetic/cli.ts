/**
 * `tsx domain/synthetic/cli.ts --customers 1000 --seed 1 --out /tmp/x [--gzip]`: generates a synthetic
 * data set and prints the manifest counts, the speed and the peak memory.
 */
import { Command } from 'commander';
import { generate } from './generate';
import type { GenerateOptions } from './options';

/** A numeric option value, or a clear error naming the flag. */
function numberOption(flag: string): (value: string) => number {
  return (value: string) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} ${JSON.stringify(value)} must be a number`);
    return n;
  };
}

/** Builds the `synth` command; the project CLI can mount it as a subcommand. */
export function synthCommand(name = 'synth'): Command {
  return new Command(name)
    .description('generate a seeded synthetic e-commerce data set (customers, products, orders, events, reviews, truth)')
    .requiredOption('--out <dir>', 'output folder')
    .option('--customers <n>', 'number of customers', numberOption('--customers'), 1000)
    .option('--seed <n>', 'PRNG seed (non-negative integer)', numberOption('--seed'), 1)
    .option('--start <date>', 'start of the window, YYYY-MM-DD (UTC)', '2022-01-01')
    .option('--end <date>', 'end of the window (exclusive), YYYY-MM-DD (UTC)', '2024-01-01')
    .option('--products <n>', 'catalogue size (default customers / 20, 100..50,000)', numberOption('--products'))
    .option('--events-per-customer <n>', 'approximate mean events per customer (calibrates browsing depth)', numberOption('--events-per-customer'))
    .option('--horizon-days <n>', 'days after the end simulated for truth.csv future value', numberOption('--horizon-days'), 365)
    .option('--currency <code>', 'ISO-4217 currency of order lines', 'EUR')
    .option('--gzip', 'write .csv.gz files', false)
    .option('--gzip-level <n>', 'zlib level 1..9 (default 1, fastest)', numberOption('--gzip-level'))
    .option('--quiet', 'no progress on stderr', false)
    .action(async (o: { out: string; customers: number; seed: number; start: string; end: string; products?: number; eventsPerCustomer?: number; horizonDays: number; currency: string; gzip: boolean; gzipLevel?: number; quiet: boolean }) => {
      const started = process.hrtime.bigint();
      const options: GenerateOptions = {
        outDir: o.out,
        customers: o.customers,
        seed: o.seed,
        start: o.start,
        end: o.end,
        products: o.products,
        eventsPerCustomer: o.eventsPerCustomer,
        horizonDays: o.horizonDays,
        currency: o.currency,
        gzip: o.gzip,
        gzipLevel: o.gzipLevel,
        progressEvery: Math.max(1000, Math.round(o.customers / 20)),
        onProgress: o.quiet ? undefined : (p) => process.stderr.write(`\r${p.customers}/${p.total} customers, ${p.events} events`),
      };
      const manifest = await generate(options);
      if (!o.quiet) process.stderr.write('\n');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const c = manifest.counts;
      const lines = [
        `wrote ${o.out} (seed ${manifest.seed}, ${manifest.dateRange.start} .. ${manifest.dateRange.end})`,
        ...Object.values(manifest.files).map((f) => `  ${f.file.padEnd(16)} ${String(f.rows).padStart(12)} rows`),
        `  orders ${c.orders}, buyers ${c.buyers}, churned ${c.churned}, events by type ${JSON.stringify(c.eventsByType)}`,
        `  ${seconds.toFixed(2)} s, ${Math.round(c.customers / seconds)} customers/s, ${Math.round(c.events / seconds)} events/s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}

if (require.main === module) {
  synthCommand()
    .parseAsync(process.argv)
    .catch((err: unknown) => {
      process.stderr.write(`synth: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
