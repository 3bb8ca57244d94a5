/** Resuming after a crash: startAfterLine = N yields exactly the rows that start after line N. */
import assert from 'node:assert/strict';
import { readSource } from '../../domain/ingest/reader';
import type { ReviewRecord } from '../../domain/ingest/records';
import { dataFile, readAll, tempDir } from './helpers';

/** A synthetic reviews file with multi-line quoted texts, a blank line and a bad row. */
function reviewsCsv(): string {
  const lines = ['review_id,customer_id,order_id,product_id,rating,text,language,created_at'];
  for (let i = 1; i <= 300; i++) {
    const text = i % 7 === 0 ? `"line one of ${i}\nline two, with comma\nline three"` : i % 11 === 0 ? '' : `"short ${i}"`;
    const rating = i === 150 ? 'five' : String((i % 5) + 1);
    lines.push(`r${i},c${i % 40},o${i},p${i % 25},${rating},${text},en,2024-03-01T10:${String(i % 60).padStart(2, '0')}:00Z`);
    if (i === 100) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

describe('ingest: resume', function () {
  this.timeout(30_000);
  const tmp = tempDir('resume');
  after(() => tmp.cleanup());

  it('startAfterLine = N on a gz file yields the rows after N: no gaps, no duplicates, for every N', async () => {
    const file = tmp.write('reviews.csv.gz', reviewsCsv());
    const all = await readAll(file, 'synthetic-reviews', { batchSize: 16 });
    assert.equal(all.rows.length + all.rejected.length, 300);
    assert.equal(all.rejected.length, 1);
    assert.ok((all.rows.find((r) => (r.record as ReviewRecord).reviewId === 'r7')!.record as ReviewRecord).text!.includes('\nline two, with comma\n'));
    const starts = [...all.rows, ...all.rejected].map((r) => r.lineNo).sort((a, b) => a - b);
    for (let n = 0; n <= all.lastLine; n++) {
      const part = await readAll(file, 'synthetic-reviews', { startAfterLine: n, batchSize: 16 });
      const got = [...part.rows, ...part.rejected].map((r) => r.lineNo).sort((a, b) => a - b);
      assert.deepEqual(got, starts.filter((l) => l > n), `startAfterLine ${n}`);
      assert.equal(part.skipped + part.linesRead, 300, `startAfterLine ${n}`);
      assert.equal(part.linesRead, got.length);
    }
  });

  it("resuming from a batch's lastLine continues exactly where that batch ended", async () => {
    const file = tmp.write('reviews2.csv.gz', reviewsCsv());
    const seen: number[] = [];
    let checkpoint = 0;
    for await (const batch of readSource(file, 'synthetic-reviews', { batchSize: 50 })) {
      for (const r of [...batch.rows, ...batch.rejected]) seen.push(r.lineNo);
      checkpoint = batch.lastLine;
      if (seen.length >= 120) break; // the worker "crashes" after persisting this batch
    }
    const rest = await readAll(file, 'synthetic-reviews', { startAfterLine: checkpoint });
    const resumed = [...rest.rows, ...rest.rejected].map((r) => r.lineNo);
    const all = await readAll(file, 'synthetic-reviews');
    const everything = [...all.rows, ...all.rejected].map((r) => r.lineNo).sort((a, b) => a - b);
    assert.deepEqual([...seen, ...resumed].sort((a, b) => a - b), everything);
  });

  it('CDNOW (whitespace, header in the master, none in the sample) resumes after a line', async () => {
    const master = await readAll(dataFile('cdnow/CDNOW_master.txt'), 'cdnow', { startAfterLine: 1_000 });
    assert.deepEqual([master.skipped, master.rows.length, master.rows[0].lineNo], [999, 69_659 - 999, 1_001]);
    const sample = await readAll(dataFile('cdnow/CDNOW_sample.txt'), 'cdnow', { startAfterLine: 1_000 });
    assert.deepEqual([sample.skipped, sample.rows.length, sample.rows[0].lineNo], [1_000, 6_919 - 1_000, 1_001]);
  });

  it('Online Retail resumed after line 300,000 reads the remaining 241,909 rows', async () => {
    const res = await readAll(dataFile('online_retail_uci/onlineretail.csv.gz'), 'online-retail', { startAfterLine: 300_000 });
    assert.equal(res.skipped, 299_999);
    assert.equal(res.rows.length, 541_909 - 299_999);
    assert.equal(res.rows[0].lineNo, 300_001);
    assert.equal(res.rows.at(-1)!.lineNo, 541_910);
  });
});
