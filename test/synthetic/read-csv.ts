/** Test helpers: a minimal quote-aware CSV reader (RFC 4180) and file hashing for the synthetic data tests. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** Splits CSV text into rows of fields; quoted fields may hold commas, doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // Quoted field: runs to the next quote that is not doubled.
      let j = i + 1;
      let out = '';
      for (;;) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new Error(`unterminated quoted field in row ${rows.length + 1}`);
        out += text.slice(j, q);
        if (text.charCodeAt(q + 1) === 34) {
          out += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field = out;
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10) break;
        if (c === 34) throw new Error(`bare quote inside an unquoted field in row ${rows.length + 1}`);
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(field);
    if (i >= n) throw new Error('the last row does not end in a newline');
    const sep = text.charCodeAt(i);
    if (sep === 10) {
      rows.push(row);
      row = [];
    } else if (sep !== 44) {
      throw new Error(`text after a closing quote in row ${rows.length + 1}`);
    }
    i++;
    // A trailing comma before the newline means one more, empty field.
    if (sep === 44 && (i >= n || text.charCodeAt(i) === 10)) {
      row.push('');
      if (i >= n) throw new Error('the last row does not end in a newline');
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}

export interface Table {
  header: string[];
  rows: string[][];
  /** Column index by name. */
  col: Record<string, number>;
}

/** Reads `<name>.csv` or `<name>.csv.gz` from a folder, checking every row has the header's width. */
export function readTable(dir: string, name: string, gzip = false): Table {
  const raw = readFileSync(join(dir, `${name}.csv${gzip ? '.gz' : ''}`));
  const text = (gzip ? gunzipSync(raw) : raw).toString('utf8');
  if (text.includes('\r')) throw new Error(`${name}: CR found, expected LF line endings`);
  const [header, ...rows] = parseCsv(text);
  rows.forEach((r, i) => {
    if (r.length !== header.length) throw new Error(`${name} row ${i + 2} has ${r.length} fields, header has ${header.length}`);
  });
  return { header, rows, col: Object.fromEntries(header.map((h, i) => [h, i])) };
}

/** sha256 of a file, hex. */
export function fileHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
