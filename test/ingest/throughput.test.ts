/** Prints parse + map throughput on Online Retail (541,909 lines, csv.gz); no timing assertion: machines differ. */
import assert from 'node:assert/strict';
import { readSource } from '../../domain/ingest/reader';
import { dataFile } from './helpers';

describe('ingest: throughput', function () {
  this.timeout(60_000);

  it('prints lines/s for Online Retail parse + map (gunzip, CSV, timestamps, records)', async () => {
    const file = dataFile('online_retail_uci/onlineretail.csv.gz');
    const runs: { lines: number; seconds: number; cpuSeconds: number }[] = [];
    for (let run = 0; run < 2; run++) {
      const cpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      let lines = 0;
      for await (const batch of readSource(file, 'online-retail')) lines += batch.rows.length + batch.rejected.length;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const used = process.cpuUsage(cpu);
      runs.push({ lines, seconds, cpuSeconds: (used.user + used.system) / 1e6 });
    }
    for (const [i, r] of runs.entries()) {
      console.log(
        `      Online Retail parse+map run ${i + 1}: ${r.lines} lines in ${r.seconds.toFixed(2)} s = ${Math.round(r.lines / r.seconds).toLocaleString('en')} lines/s` +
          ` (CPU ${r.cpuSeconds.toFixed(2)} s = ${Math.round(r.lines / r.cpuSeconds).toLocaleString('en')} lines per CPU-second)`,
      );
    }
    assert.equal(runs[0].lines, 541_909);
  });
});
