/**
 * CDNOW transactions (Fader & Hardie): whitespace separated, optional header.
 * Master file: customer_id date number_of_cds dollar_value. Sample file: master id, sample id, date, cds, dollars.
 * The customer key is the master id in both, so a sample and the master file agree.
 */
import type { ParsedLine } from './types';

export interface CdnowRow {
  customerId: string;
  /** 'YYYY-MM-DD' */
  day: string;
  quantity: number;
  amount: number;
}

const HEADER = /^\s*customer_id\b/i;

/** Parses one line; a header line is reported as such, a bad line gets a reason naming the column. */
export function parseCdnowLine(line: string): ParsedLine<CdnowRow> {
  const text = line.trim();
  if (text === '') return { kind: 'blank' };
  if (HEADER.test(text)) return { kind: 'header' };
  const cols = text.split(/\s+/);
  let id: string, date: string, qty: string, value: string;
  if (cols.length === 4) [id, date, qty, value] = cols;
  else if (cols.length === 5) [id, , date, qty, value] = cols;
  else return { kind: 'rejected', reason: `expected 4 or 5 whitespace-separated columns (customer id, [sample id,] date, cds, dollars), found ${cols.length}` };
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(date);
  if (!m) return { kind: 'rejected', reason: `column date: ${JSON.stringify(date)} is not a YYYYMMDD date` };
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const check = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== day) {
    return { kind: 'rejected', reason: `column date: ${JSON.stringify(date)} is not a calendar date` };
  }
  const quantity = Number(qty);
  if (!Number.isFinite(quantity) || quantity < 0) return { kind: 'rejected', reason: `column number_of_cds: ${JSON.stringify(qty)} is not a non-negative number` };
  const amount = Number(value);
  if (!Number.isFinite(amount) || amount < 0) return { kind: 'rejected', reason: `column dollar_value: ${JSON.stringify(value)} is not a non-negative number` };
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return { kind: 'rejected', reason: `column customer_id: ${JSON.stringify(id)} is not an id` };
  return { kind: 'row', row: { customerId: id, day, quantity, amount } };
}
