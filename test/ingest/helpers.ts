/** Shared helpers of the ingest tests: where the real data sets are, temp files, and reading a source whole. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { readSource, type ReadSourceOptions, type RejectedRow, type SourceRow } from '../../domain/ingest/reader';
import type { Mapping } from '../../domain/ingest/mapping';

export const SHARED_DIR = process.env.CVP_SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
export const DATA_DIR = path.join(SHARED_DIR, 'data');

/** Path of a file in the shared data folder. */
export function dataFile(...parts: string[]): string {
  return path.join(DATA_DIR, ...parts);
}

export interface ReadAll {
  rows: SourceRow[];
  rejected: RejectedRow[];
  batches: number;
  linesRead: number;
  skipped: number;
  lastLine: number;
}

/** Reads a whole source into memory (tests only: the real consumers stream batches). */
export async function readAll(file: string, mapping: Mapping | string, options: ReadSourceOptions = {}): Promise<ReadAll> {
  const out: ReadAll = { rows: [], rejected: [], batches: 0, linesRead: 0, skipped: 0, lastLine: 0 };
  for await (const batch of readSource(file, mapping, options)) {
    for (const r of batch.rows) out.rows.push(r);
    for (const r of batch.rejected) out.rejected.push(r);
    out.batches++;
    out.linesRead = batch.linesRead;
    out.skipped = batch.skipped;
    out.lastLine = batch.lastLine;
  }
  return out;
}

/** A fresh temp folder for one test file; removed by the returned cleanup. */
export function tempDir(prefix: string): { dir: string; write: (name: string, content: string | Buffer) => string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cvp-${prefix}-`));
  return {
    dir,
    write(name, content) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, name.endsWith('.gz') ? zlib.gzipSync(content) : content);
      return file;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Counts values by key. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string | number | null | undefined): Map<string | number | null | undefined, number> {
  const counts = new Map<string | number | null | undefined, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
