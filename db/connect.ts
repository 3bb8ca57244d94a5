/** Opens the database: PostgreSQL through pg when a URL is given, else an embedded PGlite database. */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pgBulkLoader, pgliteBulkLoader, type BulkLoader } from './bulk';
import type { Database } from './database';

export type DbKind = 'postgres' | 'pglite';

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbKind;
  /** Where the data lives, without credentials (for logs). */
  location: string;
  /** COPY-based bulk loading into this database. */
  bulk: BulkLoader;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string;
  pgliteDir: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

export class DatabaseUnavailableError extends Error {
  readonly code = 'DB_UNAVAILABLE';
  constructor(location: string, cause: unknown) {
    super(`cannot open the database at ${location}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DatabaseUnavailableError';
  }
}

const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Dates stay 'YYYY-MM-DD' strings (no time-zone shifts); counts and numerics come back as numbers. */
const parsers: Record<number, (value: string) => unknown> = {
  [DATE_OID]: (v) => v,
  [INT8_OID]: (v) => Number(v),
  [NUMERIC_OID]: (v) => Number(v),
};

let pgTypesSet = false;
function setPgTypes(): void {
  if (pgTypesSet) return;
  for (const [oid, parse] of Object.entries(parsers)) pg.types.setTypeParser(Number(oid), parse);
  pgTypesSet = true;
}

/** Strips the password from a connection string. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable DATABASE_URL>';
  }
}

/** Opens (and checks) the configured database. */
export async function openDatabase(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    setPgTypes();
    const location = redactUrl(options.databaseUrl);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.maxConnections ?? 10 });
    pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await db.destroy();
      throw new DatabaseUnavailableError(location, err);
    }
    return { db, kind: 'postgres', location, bulk: pgBulkLoader(pool), close: () => db.destroy() };
  }
  return openPglite(options.pgliteDir);
}

async function openPglite(dir: string): Promise<DbHandle> {
  fs.mkdirSync(dir, { recursive: true });
  const release = acquireLock(dir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGliteDialect } = await import('kysely-pglite-dialect');
    const client = await PGlite.create(dir, { parsers });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
    return {
      db,
      kind: 'pglite',
      location: dir,
      bulk: pgliteBulkLoader(client),
      close: async () => {
        await db.destroy();
        if (!client.closed) await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw new DatabaseUnavailableError(dir, err);
  }
}

/** PGlite allows one process per data directory: a pid lock file says who holds it. */
function acquireLock(dir: string): () => void {
  const lock = path.join(dir, '.cvp-lock');
  try {
    const holder = Number(fs.readFileSync(lock, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseUnavailableError(
        dir,
        `the embedded database is in use by process ${holder} (one process at a time); stop it, or set DATABASE_URL to use PostgreSQL`,
      );
    }
  } catch (err) {
    if (err instanceof DatabaseUnavailableError) throw err;
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => {
    try {
      if (fs.readFileSync(lock, 'utf8') === String(process.pid)) fs.unlinkSync(lock);
    } catch {
      /* already gone */
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
