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

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** Encodes one value for COPY's text format: \N for null, t/f for booleans, escapes for \ tab CR LF. */
export function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  switch (typeof v) {
    case 'string':
      return NEEDS_ESCAPE.test(v) ? escapeCopy(v) : v;
    case 'number':
      return Number.isFinite(v) ? String(v) : '\\N';
    case 'boolean':
      return v ? 't' : 'f';
    default:
      return escapeCopy(String(v));
  }
}

function escapeCopy(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
