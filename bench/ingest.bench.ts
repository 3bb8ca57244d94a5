/**
 * Ingestion benchmark on real data and on a large synthetic file. Prints its figures; run with
 *   DATABASE_URL=postgresql://... npx tsx bench/ingest.bench.ts [--events 10000000] [--skip-synthetic]
 *
 * 1. UCI Online Retail (541,909 lines, csv.gz) ingested (parse, map, COPY into staging, set-based merge with
 *    duplicate detection) and cleaned into PostgreSQL, end to end: lines/s. Measured in the same run: a plain
 *    `psql \copy` of the same decompressed lines into an unindexed table, and the ratio between the two.
 *    Targets (issue 3): >= 100,000 lines/s end to end, and within 3x of psql \copy.
 * 2. A synthetic events file of N events (default 10M) ingested in a fresh process whose V8 heap is capped
 *    (--max-old-space-size=256, as workers should run): its peak RSS (target < 500 MB). Without the cap V8
 *    collects garbage lazily and RSS drifts towards ~700 MB although the live heap stays under ~90 MB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createCleaningActivities, type CleanResult } from '../activities/cleaning';
import { createIngestionActivities, type IngestResult } from '../activities/ingestion';
import { generate } from '../domain/synthetic';
import { createTestDb } from '../test/helpers/db';

const SHARED = process.env.CVP_SHARED_DIR ?? path.resolve(__dirname, '../../shared');
const RETAIL = path.join(SHARED, 'data/online_retail_uci/onlineretail.csv.gz');

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const HEAP_CAP_MB = 256;

async function main() {
  if (process.argv.includes('--synthetic-only')) return syntheticOnly();
  if (!process.env.DATABASE_URL) throw new Error('set DATABASE_URL to a PostgreSQL server (the benchmark is about PostgreSQL)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-bench-'));
  const db = await createTestDb({ kind: 'postgres' });
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const deps = { db: db.db, bulk: db.bulk, builtinFiles: {} };
  const acts = { ...createIngestionActivities(deps), ...createCleaningActivities(deps) };
  try {
    // 1a. Reference: psql \copy of the same lines (decompressed, header dropped) into an unindexed table.
    const csv = path.join(tmp, 'retail.csv');
    const lines = zlib.gunzipSync(fs.readFileSync(RETAIL)).toString('utf8');
    fs.writeFileSync(csv, lines.slice(lines.indexOf('\n') + 1));
    const n = 541909;
    execFileSync('psql', [db.url!, '-qc', 'create table ref_copy (invoice text, stock text, description text, quantity int, invoice_date text, unit_price float8, customer text, country text)']);
    let t = process.hrtime.bigint();
    execFileSync('psql', [db.url!, '-qc', `\\copy ref_copy from '${csv}' with (format csv)`]);
    const refSeconds = Number(process.hrtime.bigint() - t) / 1e9;

    // 1b. The platform: ingest (through the activity, as a worker runs it) + clean.
    t = process.hrtime.bigint();
    const ingest = (await env.run(acts.ingestFile, { dataset: 'retail', source: 'online-retail', file: RETAIL })) as IngestResult;
    const ingestSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const cleaned = (await env.run(acts.cleanDataset, { dataset: 'retail' })) as CleanResult;
    const totalSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const p = ingest.phases!;
    console.log('UCI Online Retail, csv.gz, into PostgreSQL');
    console.log(`  lines read                    ${ingest.rowsRead} = accepted ${ingest.accepted} + rejected ${ingest.rejected} + duplicates ${ingest.duplicates}`);
    console.log(`  psql \\copy (unindexed table)   ${refSeconds.toFixed(2)} s   ${Math.round(n / refSeconds).toLocaleString()} lines/s`);
    console.log(`  ingest                        ${ingestSeconds.toFixed(2)} s   ${Math.round(n / ingestSeconds).toLocaleString()} lines/s  (checksum ${p.checksumMs} ms, parse+map+COPY ${p.stageMs} ms, merge ${p.mergeMs} ms)`);
    console.log(`  ingest + clean (end to end)   ${totalSeconds.toFixed(2)} s   ${Math.round(n / totalSeconds).toLocaleString()} lines/s  (clean ${(totalSeconds - ingestSeconds).toFixed(2)} s: ${cleaned.customerDays} customer-days)`);
    console.log(`  ratio to psql \\copy           ingest ${(ingestSeconds / refSeconds).toFixed(2)}x, end to end ${(totalSeconds / refSeconds).toFixed(2)}x`);
    console.log(`  targets: >= 100,000 lines/s end to end: ${n / totalSeconds >= 100_000 ? 'met' : 'NOT met'}; within 3x of psql \\copy: ${totalSeconds / refSeconds <= 3 ? 'met' : 'NOT met'}`);

    // 2. Peak RSS while ingesting a large synthetic events file, in a fresh process with a capped heap.
    if (!process.argv.includes('--skip-synthetic')) {
      await db.drop();
      const events = String(arg('--events', 10_000_000));
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--synthetic-only', '--events', events], {
        stdio: 'inherit',
        env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${HEAP_CAP_MB}` },
      });
      if (child.status !== 0) throw new Error(`synthetic benchmark exited with ${child.status}`);
      return;
    }
  } finally {
    await db.drop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** The synthetic part, run in its own process so its RSS is its own. */
async function syntheticOnly() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-bench-'));
  const db = await createTestDb({ kind: 'postgres' });
  const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
  const acts = createIngestionActivities({ db: db.db, bulk: db.bulk, builtinFiles: {} });
  try {
    const events = arg('--events', 10_000_000);
    const customers = Math.ceil(events / 80);
    const out = path.join(tmp, 'synthetic');
    let t = process.hrtime.bigint();
    const manifest = await generate({ outDir: out, customers, seed: 7 });
    const genSeconds = Number(process.hrtime.bigint() - t) / 1e9;
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let peakHeap = 0;
    const timer = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    t = process.hrtime.bigint();
    const r = (await env.run(acts.ingestFile, { dataset: 'synthetic', source: 'synthetic-events', file: path.join(out, 'events.csv') })) as IngestResult;
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(`Synthetic events: ${customers} customers (generated in ${genSeconds.toFixed(1)} s), V8 heap capped at ${HEAP_CAP_MB} MB`);
    console.log(`  lines read                    ${r.rowsRead} = accepted ${r.accepted} + rejected ${r.rejected} + duplicates ${r.duplicates} (manifest: ${manifest.files.events.rows})`);
    console.log(`  ingest                        ${seconds.toFixed(1)} s   ${Math.round(r.rowsRead / seconds).toLocaleString()} lines/s  (parse+map+COPY ${r.phases!.stageMs} ms, merge ${r.phases!.mergeMs} ms)`);
    console.log(`  peak RSS                      ${(peak / 2 ** 20).toFixed(0)} MiB (at start ${(rssBefore / 2 ** 20).toFixed(0)} MiB, peak heap ${(peakHeap / 2 ** 20).toFixed(0)} MiB); target < 500 MB: ${peak < 500e6 ? 'met' : 'NOT met'}`);
  } finally {
    await db.drop().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
