/** Test helper: reads the real CDNOW files from the shared data folder and builds the 39/39-week split. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CustomerSummary, type Transaction, summarizeCustomers } from '../../domain/calibration';

export const SHARED_DIR = process.env.CVP_SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
export const CDNOW_DIR = path.join(SHARED_DIR, 'data', 'cdnow');

/** The published protocol: calibration 1997-01-01..1997-09-30, holdout to 1998-06-30 (39 weeks each). */
export const CDNOW_WINDOW = { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30' } as const;
export const HOLDOUT_WEEKS = 39;

/** Raw purchase lines of CDNOW_sample.txt (master id, sample id, date, CDs, dollars) or CDNOW_master.txt (id, date, CDs, dollars). */
export function readCdnow(file: 'sample' | 'master'): Transaction[] {
  const text = fs.readFileSync(path.join(CDNOW_DIR, file === 'sample' ? 'CDNOW_sample.txt' : 'CDNOW_master.txt'), 'utf8');
  const out: Transaction[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4 || !/^\d+$/.test(f[0])) continue; // blank line or header
    const [id, date, cds, dollars] = file === 'sample' ? [f[1].padStart(4, '0'), f[2], f[3], f[4]] : [f[0], f[1], f[2], f[3]];
    out.push({ customerId: id, day: date, quantity: Number(cds), amount: Number(dollars) });
  }
  return out;
}

const cache = new Map<string, CustomerSummary[]>();

/** Per-customer calibration / holdout summaries of a CDNOW file (cached per process). */
export function cdnowSummaries(file: 'sample' | 'master'): CustomerSummary[] {
  let s = cache.get(file);
  if (s === undefined) {
    s = summarizeCustomers(readCdnow(file), CDNOW_WINDOW);
    cache.set(file, s);
  }
  return s;
}
