/**
 * Bulk loading: COPY ... FROM STDIN in PostgreSQL's text format, through pg-copy-streams on pg and
 * through PGlite's /dev/blob device on the embedded database. The fast path of ingestion.
 */
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export interface BulkLoader {
  /** Appends rows (already encoded as COPY text lines, each ending in \n) to a table; resolves when committed. */
  copyText(table: string, columns: readonly string[], text: string): Promise<void>;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const id of [table, ...columns]) if (!IDENT.test(id)) throw new Error(`invalid identifier in COPY: ${JSON.stringify(id)}`);
  return `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source}`;
}

/** COPY through a pg pool. */
export function pgBulkLoader(pool: Pool): BulkLoader {
  return {
    async copyText(table, columns, text) {
      const client = await pool.connect();
      try {
        await new Promise<void>((resolve, reject) => {
          const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
          stream.on('error', reject);
          stream.on('finish', () => resolve());
          stream.end(text);
        });
      } finally {
        client.release();
      }
    },
  };
}

interface PgliteLike {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

/** COPY into the embedded PGlite database (reads the text from a Blob). */
export function pgliteBulkLoader(client: PgliteLike): BulkLoader {
  return {
    async copyText(table, columns, text) {
      await client.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([text]) });
    },
  };
}

/** Encodes one value for COPY's text format: \N for null, t/f for booleans, escapes for \ tab CR LF. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '\\N';
    return String(v);
  }
  const s = String(v);
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92 || c === 9 || c === 10 || c === 13) {
      needs = true;
      break;
    }
  }
  if (!needs) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
