/** What activities are built over: injected so tests can hand in a fresh database or a fixed clock. */
import type { Kysely } from 'kysely';
import type { BulkLoader } from '../db/bulk';
import type { Database } from '../db/database';

export interface ActivityDeps {
  db: Kysely<Database>;
  /** COPY-based bulk loading into the same database. */
  bulk: BulkLoader;
  /** Resolves `builtin:` file references (the embedded demo data) to paths. */
  builtinFiles: Record<string, string>;
  now?: () => Date;
}
