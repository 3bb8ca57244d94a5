/** The generator's building blocks: the seeded PRNG and its samplers, and the byte-level CSV writer. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IsoFormatter, dayKindOf } from '../../domain/synthetic/calendar';
import { csvField, CsvSink } from '../../domain/synthetic/csv';
import { Rng } from '../../domain/synthetic/prng';
import { parseCsv } from './read-csv';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
};
const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('synthetic: seeded PRNG', () => {
  it('repeats a stream for the same (seed, stream, index) and differs otherwise', () => {
    const a = draw(5, ((r) => () => r.nextU32())(Rng.stream(7, 'life', 3)));
    const b = draw(5, ((r) => () => r.nextU32())(Rng.stream(7, 'life', 3)));
    const c = draw(5, ((r) => () => r.nextU32())(Rng.stream(7, 'life', 4)));
    const d = draw(5, ((r) => () => r.nextU32())(Rng.stream(8, 'life', 3)));
    const e = draw(5, ((r) => () => r.nextU32())(Rng.stream(7, 'browse', 3)));
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.notDeepEqual(a, d);
    assert.notDeepEqual(a, e);
  });

  it('draws uniforms strictly inside (0, 1) with mean 1/2', () => {
    const r = Rng.stream(1, 'life');
    const xs = draw(100_000, () => r.next());
    assert.ok(xs.every((x) => x > 0 && x < 1));
    assert.ok(Math.abs(mean(xs) - 0.5) < 0.005);
  });

  it('samples normal, gamma (shape < 1 and > 1), Poisson and geometric with the right moments', () => {
    const r = Rng.stream(2, 'life');
    const z = draw(100_000, () => r.normal());
    assert.ok(Math.abs(mean(z)) < 0.02 && Math.abs(variance(z) - 1) < 0.03);
    for (const [shape, scale] of [[0.5, 2], [2.5, 0.4], [9, 1]]) {
      const g = draw(100_000, () => r.gamma(shape, scale));
      assert.ok(Math.abs(mean(g) / (shape * scale) - 1) < 0.03, `gamma(${shape}, ${scale}) mean ${mean(g)}`);
      assert.ok(Math.abs(variance(g) / (shape * scale * scale) - 1) < 0.08, `gamma(${shape}, ${scale}) variance ${variance(g)}`);
    }
    for (const m of [0.3, 4, 50]) {
      const p = draw(50_000, () => r.poisson(m));
      assert.ok(Math.abs(mean(p) / m - 1) < 0.04, `poisson(${m}) mean ${mean(p)}`);
    }
    const geo = draw(50_000, () => r.geometric(3));
    assert.ok(Math.abs(mean(geo) / 3 - 1) < 0.04);
  });
});

describe('synthetic: CSV writer', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'synth-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes only fields with commas, quotes or line breaks', () => {
    assert.equal(csvField('plain text'), 'plain text');
    assert.equal(csvField('a, b'), '"a, b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });

  it('writes ids, cents, times and text byte for byte as the string formats', async () => {
    const fmt = new IsoFormatter(Date.UTC(2023, 0, 1) / 1000, Date.UTC(2024, 0, 1) / 1000);
    const path = join(dir, 'x.csv');
    const sink = new CsvSink(path, ['id', 'price', 'at', 'text', 'n'], null, 64);
    const r = Rng.stream(3, 'life');
    const expected: string[][] = [];
    for (let i = 0; i < 2000; i++) {
      const n = r.int(20_000_000);
      const cents = r.int(1_000_000);
      // Mostly inside the formatter's table, sometimes outside (slow path).
      const at = Math.floor(Date.UTC(2022, 6, 1) / 1000 + r.next() * 86400 * 600);
      const text = i % 3 === 0 ? `Nice, "really" ${i}` : `plain ${i}`;
      sink.reserve(200);
      sink.id(67, n, 7);
      sink.comma();
      sink.cents(cents);
      sink.comma();
      sink.time(at, fmt);
      sink.comma();
      sink.text(text);
      sink.comma();
      sink.uint(n);
      sink.endRow();
      if (sink.full) await sink.flush();
      const id = `C${String(n).padStart(7, '0')}`;
      expected.push([id, (cents / 100).toFixed(2), `${new Date(at * 1000).toISOString().slice(0, 19)}Z`, text, String(n)]);
    }
    await sink.close();
    assert.equal(sink.rows, 2000);
    const rows = parseCsv(readFileSync(path, 'utf8'));
    assert.deepEqual(rows[0], ['id', 'price', 'at', 'text', 'n']);
    assert.deepEqual(rows.slice(1), expected);
  });

  it('knows Black Friday and the holiday season', () => {
    assert.equal(dayKindOf(2023, 10, 24), 'blackFriday'); // 24 Nov 2023
    assert.equal(dayKindOf(2023, 10, 27), 'blackFriday'); // Cyber Monday
    assert.equal(dayKindOf(2023, 10, 23), 'holiday'); // Thanksgiving
    assert.equal(dayKindOf(2022, 10, 25), 'blackFriday');
    assert.equal(dayKindOf(2023, 11, 24), 'lull');
    assert.equal(dayKindOf(2023, 0, 5), 'januarySale');
    assert.equal(dayKindOf(2023, 5, 5), 'normal');
  });
});
