/** The ingestion activity against a real database: reconciliation, rejected rows, idempotency, bad files. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import { createCleaningActivities, type CleanResult } from '../../activities/cleaning';
import { createIngestionActivities, type IngestFileInput, type IngestProgress, type IngestResult } from '../../activities/ingestion';
import { createTestDb, sharedData, type TestDb } from '../helpers/db';

describe('ingestFile activity', function () {
  this.timeout(120_000);
  let db: TestDb;
  let dir: string;
  const quiet = { opts: { logger: new DefaultLogger('ERROR') } };
  const env = new MockActivityEnvironment(undefined, quiet.opts);
  const write = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };
  const acts = () => {
    const deps = { db: db.db, bulk: db.bulk, builtinFiles: {} };
    return { ...createIngestionActivities(deps), ...createCleaningActivities(deps) };
  };
  const ingest = (input: IngestFileInput, on: MockActivityEnvironment = env) => on.run(acts().ingestFile, input) as Promise<IngestResult>;
  const clean = (dataset: string) => env.run(acts().cleanDataset, { dataset }) as Promise<CleanResult>;

  before(async () => {
    db = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-ingest-'));
  });
  after(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ingests CDNOW master (header line, 69,659 rows, 23,570 customers) and reconciles', async () => {
    const r = await ingest({ dataset: 'master', source: 'cdnow', file: sharedData('cdnow', 'CDNOW_master.txt') });
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [69659, 69659, 0, 0]);
    const cleaned = await clean('master');
    assert.equal(cleaned.customers, 23570);
    assert.equal(cleaned.lines, 69659);
  });

  it('keeps bad lines as rejected rows with file, line and column, and the counts reconcile', async () => {
    const file = write('bad.txt', [
      ' 00001 19970101  1   11.77',
      ' 00002 1997013x  1   12.00',
      ' 00003 19970230  1   12.00',
      ' 00004 19970105  one 12.00',
      ' 00005 19970105  1   -3',
      ' 00006 19970105',
      ' 00007 19970106  2   20.00',
    ].join('\r\n'));
    const r = await ingest({ dataset: 'bad', source: 'cdnow', file });
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [7, 3, 4, 0]);
    const rejected = await db.db.selectFrom('rejected_rows').select(['line_no', 'reason', 'raw']).where('batch_id', '=', r.batchId).orderBy('line_no').execute();
    assert.deepEqual(rejected.map((x) => x.line_no), [2, 3, 4, 6]);
    assert.match(rejected[0].reason, /bad\.txt:2 column date: "1997013x" is not a date in format YYYYMMDD/);
    assert.match(rejected[1].reason, /bad\.txt:3 column date: "19970230" is not a date/);
    assert.match(rejected[2].reason, /bad\.txt:4 column number_of_cds: "one" is not an integer/);
    assert.match(rejected[3].reason, /bad\.txt:6: expected 4 columns, found 2/);
    assert.equal(rejected[0].raw, ' 00002 1997013x  1   12.00');
    // A negative amount parses, and cleaning flags it instead of valuing it.
    const cleaned = await clean('bad');
    assert.equal(cleaned.flags.negative_price, 1);
    assert.equal(cleaned.customers, 2);
  });

  it('ingesting the same file twice changes nothing', async () => {
    const file = sharedData('cdnow', 'CDNOW_sample.txt');
    const first = await ingest({ dataset: 'twice', source: 'cdnow', file });
    const second = await ingest({ dataset: 'twice', source: 'cdnow', file });
    assert.equal(first.alreadyIngested, false);
    assert.equal(second.alreadyIngested, true);
    assert.equal(second.batchId, first.batchId);
    const n = await db.db.selectFrom('order_lines').select((eb) => eb.fn.countAll<number>().as('n')).where('dataset', '=', 'twice').executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 6919);
  });

  it('resumes from the heartbeated line with no gaps and no duplicates', async () => {
    const file = sharedData('cdnow', 'CDNOW_master.txt');
    // A first attempt dies right after a heartbeat that says some lines are staged; the retry gets that heartbeat.
    const first = new MockActivityEnvironment(undefined, quiet.opts);
    const beats: IngestProgress[] = [];
    first.on('heartbeat', (d: IngestProgress) => {
      beats.push(d);
      if (d.lastLine > 0) throw new Error('worker killed after its heartbeat');
    });
    await assert.rejects(ingest({ dataset: 'resume', source: 'cdnow', file, batchRows: 2000 }, first), /worker killed/);
    const crashedAt = beats.at(-1)!.lastLine;
    assert.ok(crashedAt > 0 && crashedAt < 69660, `crashed after line ${crashedAt}`);
    const batch = await db.db.selectFrom('ingest_batches').select('status').where('dataset', '=', 'resume').executeTakeFirstOrThrow();
    assert.equal(batch.status, 'running');
    const retry = new MockActivityEnvironment({ heartbeatDetails: beats.at(-1), attempt: 2 }, quiet.opts);
    const r = await ingest({ dataset: 'resume', source: 'cdnow', file, batchRows: 2000 }, retry);
    assert.deepEqual([r.rowsRead, r.accepted, r.rejected, r.duplicates], [69659, 69659, 0, 0]);
  });

  for (const [name, content, pattern] of [
    ['empty.txt', '', /empty\.txt: the file is empty/],
    ['binary.bin', Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x10]), /binary\.bin: the file is binary, not text/],
    ['garbage.txt', 'hello world\nthis is not cdnow data at all today\n', /no line of .*garbage\.txt is a valid cdnow row \(2 rejected; first reason: garbage\.txt:1: expected 4 (or 5 )?columns, found 2/],
  ] as const) {
    it(`fails clearly and without retrying on ${name}`, async () => {
      const file = write(name, content);
      await assert.rejects(ingest({ dataset: `f-${name}`, source: 'cdnow', file }), (err: unknown) => {
        assert.ok(err instanceof ApplicationFailure && err.nonRetryable, 'non-retryable');
        assert.match((err as Error).message, pattern);
        return true;
      });
    });
  }

  it('names a missing file and an unknown source', async () => {
    await assert.rejects(ingest({ dataset: 'x', source: 'cdnow', file: path.join(dir, 'nope.txt') }), /file not found: .*nope\.txt/);
    await assert.rejects(ingest({ dataset: 'x', source: 'excel', file: path.join(dir, 'nope.txt') }), /mapping excel: no such file, and not a built-in mapping \(built-ins: cdnow, online-retail/);
  });
});
