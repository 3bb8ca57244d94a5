/** The `cvp` command line as a user runs it: help everywhere, one-line reasons and non-zero exits on failure. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../workers/dev-server';
import { runCvp } from './helpers/processes';

describe('cvp CLI', function () {
  this.timeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-cli-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('has --help on every command', async () => {
    const top = await runCvp(['--help']);
    assert.equal(top.code, 0);
    for (const cmd of ['setup', 'dev', 'worker', 'db', 'ingest', 'run', 'report', 'evaluate', 'synth', 'models']) assert.match(top.output, new RegExp(`\\b${cmd}\\b`));
    for (const cmd of [['dev'], ['worker'], ['db', 'migrate'], ['ingest'], ['run'], ['report'], ['evaluate'], ['setup'], ['synth'], ['models', 'prepare']]) {
      const r = await runCvp([...cmd, '--help']);
      assert.equal(r.code, 0, `${cmd.join(' ')} --help`);
      assert.match(r.output, /Usage: cvp/);
    }
    const ingest = await runCvp(['ingest', '--help']);
    for (const m of ['cdnow', 'online-retail', 'olist-orders', 'rees46-events', 'taobao-events', 'synthetic-events']) assert.match(ingest.output, new RegExp(`\\b${m}\\b`), `ingest --help lists ${m}`);
  });

  it('reports an unreachable Temporal server in one line and exits non-zero', async () => {
    const port = await freePort();
    const r = await runCvp(['run'], { TEMPORAL_ADDRESS: `127.0.0.1:${port}`, CVP_DATA_DIR: dataDir });
    assert.notEqual(r.code, 0);
    assert.match(r.output, new RegExp(`^cvp: cannot reach the Temporal server at 127\\.0\\.0\\.1:${port}`, 'm'));
    assert.equal(r.output.trim().split('\n').length, 1, r.output);
  });

  it('says there is no run yet instead of printing an empty table', async () => {
    const r = await runCvp(['report'], { CVP_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL });
    assert.equal(r.code, 1);
    assert.match(r.output, /^cvp: no finished value run yet: run the pipeline first/m);
  });

  it('rejects a bad tier cut with the offending value', async () => {
    const r = await runCvp(['run', '--tiers', '50,30,30'], { CVP_DATA_DIR: dataDir });
    assert.equal(r.code, 1);
    assert.match(r.output, /^cvp: tier cut "50,30,30" is invalid: shares sum to 110, not 100/m);
  });

  it('migrates a database and reverts it', async () => {
    const up = await runCvp(['db', 'migrate'], { CVP_DATA_DIR: dataDir });
    assert.equal(up.code, 0, up.output);
    assert.match(up.output, /applied 20261128T0400_value_slice\napplied 20261128T0500_data_platform|database is up to date/);
    const down = await runCvp(['db', 'migrate', '--down'], { CVP_DATA_DIR: dataDir });
    assert.equal(down.code, 0, down.output);
    assert.match(down.output, /reverted 20261128T0500_data_platform/);
  });
});
