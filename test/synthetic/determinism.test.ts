/** Same seed and options give byte-identical files; another seed gives other data; bad options fail clearly. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate, MANIFEST_FILE, type Manifest } from '../../domain/synthetic/generate';
import { SyntheticOptionsError, type GenerateOptions } from '../../domain/synthetic/options';
import { FILE_KEYS } from '../../domain/synthetic/rows';
import { fileHash, readTable } from './read-csv';

const BASE = { customers: 400, start: '2022-06-01', end: '2023-06-01' } as const;

function hashes(dir: string, m: Manifest): Record<string, string> {
  const out: Record<string, string> = { [MANIFEST_FILE]: fileHash(join(dir, MANIFEST_FILE)) };
  for (const key of FILE_KEYS) out[m.files[key].file] = fileHash(join(dir, m.files[key].file));
  return out;
}

describe('synthetic: determinism', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'synth-det-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const run = async (name: string, extra: Partial<GenerateOptions>) => {
    const dir = join(root, name);
    const manifest = await generate({ ...BASE, outDir: dir, ...extra });
    return { dir, manifest, hashes: hashes(dir, manifest) };
  };

  it('writes byte-identical files (and manifest) for the same seed, in another folder', async () => {
    const a = await run('a', { seed: 11 });
    const b = await run('b', { seed: 11 });
    assert.deepEqual(b.hashes, a.hashes);
    assert.deepEqual(b.manifest, a.manifest);
    assert.ok(a.manifest.counts.events > 0 && a.manifest.counts.orders > 0 && a.manifest.counts.reviews > 0);
  });

  it('writes different data for a different seed', async () => {
    const a = await run('c', { seed: 11 });
    const b = await run('d', { seed: 12 });
    for (const key of ['customers.csv', 'orders.csv', 'events.csv', 'products.csv', 'truth.csv']) {
      assert.notEqual(b.hashes[key], a.hashes[key], key);
    }
  });

  it('gzip holds exactly the plain bytes and is itself reproducible', async () => {
    const plain = await run('plain', { seed: 5 });
    const z1 = await run('z1', { seed: 5, gzip: true });
    const z2 = await run('z2', { seed: 5, gzip: true });
    assert.deepEqual(z2.hashes, z1.hashes);
    for (const key of FILE_KEYS) {
      assert.equal(z1.manifest.files[key].file, `${key}.csv.gz`);
      const a = readTable(plain.dir, key);
      const b = readTable(z1.dir, key, true);
      assert.deepEqual(b.rows, a.rows, key);
    }
  });

  it('keeps purchases and reviews when only the browsing depth changes', async () => {
    const a = await run('e', { seed: 9 });
    const b = await run('f', { seed: 9, eventsPerCustomer: 30 });
    assert.equal(b.hashes['orders.csv'], a.hashes['orders.csv']);
    assert.equal(b.hashes['reviews.csv'], a.hashes['reviews.csv']);
    assert.notEqual(b.hashes['events.csv'], a.hashes['events.csv']);
    const perCustomer = b.manifest.counts.events / b.manifest.counts.customers;
    assert.ok(Math.abs(perCustomer - 30) < 4, `calibrated to about 30 events per customer, got ${perCustomer}`);
    const manifest = JSON.parse(readFileSync(join(b.dir, MANIFEST_FILE), 'utf8')) as Manifest;
    assert.equal(manifest.options.eventsPerCustomer, 30);
    assert.ok(manifest.calibration.browseScale > 0 && manifest.calibration.browseScale < 1);
  });

  it('rejects invalid options with a coded error naming the option', async () => {
    const bad: Partial<GenerateOptions>[] = [{ customers: 0 }, { customers: 1.5 }, { seed: -1 }, { start: 'yesterday' }, { start: '2023-01-01', end: '2022-01-01' }, { products: 3 }, { currency: 'euro' }, { gzip: true, gzipLevel: 11 }];
    for (const o of bad) {
      await assert.rejects(generate({ ...BASE, outDir: join(root, 'bad'), ...o }), (err: unknown) => {
        assert.ok(err instanceof SyntheticOptionsError);
        assert.equal(err.code, 'SYNTHETIC_OPTIONS_INVALID');
        assert.match(err.message, new RegExp(Object.keys(o).find((k) => k !== 'start' || !('end' in o)) ?? ''));
        return true;
      });
    }
  });
});
