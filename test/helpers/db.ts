/**
 * Fresh, migrated databases for tests: a new PostgreSQL database per call on the server of DATABASE_URL
 * (dropped afterwards), or a PGlite database in a temporary folder when DATABASE_URL is unset.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';

export interface TestDb extends DbHandle {
  /** The connection string of this database (PostgreSQL only). */
  url?: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database with the project's schema, on PostgreSQL (DATABASE_URL) or PGlite. */
export async function createTestDb(opts: { kind?: 'postgres' | 'pglite' } = {}): Promise<TestDb> {
  const baseUrl = process.env.DATABASE_URL;
  const kind = opts.kind ?? (baseUrl ? 'postgres' : 'pglite');
  if (kind === 'postgres') {
    if (!baseUrl) throw new Error('createTestDb: PostgreSQL asked for but DATABASE_URL is unset');
    const name = `cvp_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = withDatabase(baseUrl, name);
    const handle = await openDatabase({ databaseUrl: url, pgliteDir: '' });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      url,
      drop: async () => {
        await handle.close();
        const a = new pg.Client({ connectionString: baseUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cvp-pglite-'));
  const handle = await openDatabase({ pgliteDir: dir });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Path of a file in ../shared/data (the real data sets beside the repository). */
export function sharedData(...parts: string[]): string {
  const root = process.env.CVP_SHARED_DIR ?? path.resolve(__dirname, '../../../shared');
  return path.join(root, 'data', ...parts);
}
