/** Ingestion: a source file -> raw_transactions (+ rejected_rows), resumable and idempotent per file checksum. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { sql } from 'kysely';
import { getSource, UnknownSourceError, type TransactionRow } from '../domain/sources';
import type { NewRawTransaction } from '../db/tables/raw-transactions';
import type { NewRejectedRow } from '../db/tables/rejected-rows';
import type { ActivityDeps } from './deps';

export interface IngestFileInput {
  dataset: string;
  source: string;
  /** A path, or `builtin:<name>` for data shipped with the project. */
  file: string;
}

export interface IngestResult {
  batchId: number;
  file: string;
  checksum: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** True when this exact file had been ingested before and nothing was done. */
  alreadyIngested: boolean;
}

interface IngestProgress {
  batchId: number;
  /** Lines up to and including this one are persisted. */
  lineNo: number;
}

const CHUNK = 2000;

function openLines(file: string): readline.Interface {
  const stream = fs.createReadStream(file);
  const input = file.endsWith('.gz') ? stream.pipe(zlib.createGunzip()) : stream;
  return readline.createInterface({ input, crlfDelay: Infinity });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** True when the buffer looks like binary rather than text (NUL bytes in the first KiB). */
function looksBinary(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const n = fs.readSync(fd, buf, 0, 1024, 0);
    if (file.endsWith('.gz')) return false;
    return buf.subarray(0, n).includes(0);
  } finally {
    fs.closeSync(fd);
  }
}

export function createIngestionActivities({ db, builtinFiles }: ActivityDeps) {
  function resolveFile(file: string): string {
    if (file.startsWith('builtin:')) {
      const p = builtinFiles[file.slice('builtin:'.length)];
      if (!p) throw ApplicationFailure.nonRetryable(`unknown built-in file ${JSON.stringify(file)}: known ${Object.keys(builtinFiles).map((k) => `builtin:${k}`).join(', ')}`, 'FileNotFound');
      return p;
    }
    return file;
  }

  return {
    /** Reads a transactions file into raw_transactions; bad lines go to rejected_rows with their reason. */
    async ingestFile(input: IngestFileInput): Promise<IngestResult> {
      let source: ReturnType<typeof getSource>;
      try {
        source = getSource(input.source);
      } catch (err) {
        if (err instanceof UnknownSourceError) throw ApplicationFailure.nonRetryable(err.message, err.code);
        throw err;
      }
      const file = resolveFile(input.file);
      if (!fs.existsSync(file)) throw ApplicationFailure.nonRetryable(`file not found: ${file}`, 'FileNotFound');
      if (fs.statSync(file).size === 0) throw ApplicationFailure.nonRetryable(`file is empty: ${file}`, 'EmptyFile');
      if (looksBinary(file)) throw ApplicationFailure.nonRetryable(`file is binary, not text: ${file}`, 'BinaryFile');
      const checksum = await sha256(file);

      const existing = await db.selectFrom('ingest_batches').selectAll().where('dataset', '=', input.dataset).where('checksum', '=', checksum).executeTakeFirst();
      if (existing?.status === 'done') {
        return { batchId: existing.id, file, checksum, rowsRead: existing.rows_read, accepted: existing.accepted, rejected: existing.rejected, duplicates: existing.duplicates, alreadyIngested: true };
      }
      const batchId =
        existing?.id ??
        (
          await db
            .insertInto('ingest_batches')
            .values({ dataset: input.dataset, source: input.source, file_path: file, checksum, status: 'running' })
            .onConflict((oc) => oc.columns(['dataset', 'checksum']).doUpdateSet({ status: 'running' }))
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;

      const ctx = Context.current();
      const resumeFrom = (ctx.info.heartbeatDetails as IngestProgress | undefined)?.batchId === batchId ? (ctx.info.heartbeatDetails as IngestProgress).lineNo : 0;

      let rows: NewRawTransaction[] = [];
      let rejects: NewRejectedRow[] = [];
      let rowsRead = 0;
      let lineNo = 0;
      const flush = async () => {
        if (rows.length) await db.insertInto('raw_transactions').values(rows).onConflict((oc) => oc.columns(['batch_id', 'line_no']).doNothing()).execute();
        if (rejects.length) await db.insertInto('rejected_rows').values(rejects).onConflict((oc) => oc.columns(['batch_id', 'line_no']).doNothing()).execute();
        rows = [];
        rejects = [];
        ctx.heartbeat({ batchId, lineNo } satisfies IngestProgress);
      };
      for await (const line of openLines(file)) {
        lineNo++;
        const parsed = source.parseLine(line);
        if (parsed.kind === 'header' || parsed.kind === 'blank') continue;
        rowsRead++;
        if (lineNo <= resumeFrom) continue;
        if (parsed.kind === 'rejected') {
          rejects.push({ batch_id: batchId, line_no: lineNo, reason: `${file}:${lineNo}: ${parsed.reason}`, raw: line });
        } else {
          const r: TransactionRow = parsed.row;
          rows.push({ batch_id: batchId, line_no: lineNo, dataset: input.dataset, customer_id: r.customerId, occurred_on: r.day, quantity: r.quantity, amount: r.amount });
        }
        if (rows.length + rejects.length >= CHUNK) {
          await flush();
          if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
        }
      }
      await flush();

      const counts = await sql<{ accepted: number; rejected: number }>`
        select (select count(*) from raw_transactions where batch_id = ${batchId})::int as accepted,
               (select count(*) from rejected_rows where batch_id = ${batchId})::int as rejected`.execute(db);
      const { accepted, rejected } = counts.rows[0];
      const duplicates = rowsRead - accepted - rejected;
      if (duplicates < 0) throw ApplicationFailure.nonRetryable(`counts do not reconcile for ${file}: read ${rowsRead}, accepted ${accepted}, rejected ${rejected}`, 'Reconciliation');
      if (accepted === 0) {
        throw ApplicationFailure.nonRetryable(`no line of ${file} is a valid ${input.source} transaction (${rejected} rejected; first reason: ${(await db.selectFrom('rejected_rows').select('reason').where('batch_id', '=', batchId).orderBy('line_no').executeTakeFirst())?.reason ?? 'no data lines'})`, 'NoValidRows');
      }
      await db
        .updateTable('ingest_batches')
        .set({ status: 'done', rows_read: rowsRead, accepted, rejected, duplicates, finished_at: new Date() })
        .where('id', '=', batchId)
        .execute();
      return { batchId, file, checksum, rowsRead, accepted, rejected, duplicates, alreadyIngested: false };
    },
  };
}

export type IngestionActivities = ReturnType<typeof createIngestionActivities>;
