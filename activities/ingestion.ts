/**
 * Ingestion: a source file + its mapping -> canonical records COPY'd into staging, then merged set-based
 * into the core table (business-key duplicates recorded, not stored twice). Bad lines go to rejected_rows
 * with file, line, column and raw text; counts reconcile: read = accepted + rejected + duplicates.
 * Resumable from the heartbeated line; a file already ingested (same checksum) is a no-op.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { sql } from 'kysely';
import { loadMapping, MappingError, readSource, SourceFileError, type Mapping, type SourceBatch } from '../domain/ingest';
import { discardStagedAfter, encodeStageRows, KINDS, mergeStagedBatch, stageColumns } from '../db/staging';
import type { ActivityDeps } from './deps';

export interface IngestFileInput {
  dataset: string;
  /** A built-in mapping name (`cvp ingest --help` lists them) or the path of a mapping file. */
  source: string;
  /** A path, or `builtin:<name>` for data shipped with the project. */
  file: string;
  /** Rows per COPY (and heartbeat); default 25,000. */
  batchRows?: number;
}

export interface IngestResult {
  batchId: number;
  file: string;
  mapping: string;
  kind: string;
  checksum: string;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** True when this exact file had been ingested into the dataset before and nothing was done. */
  alreadyIngested: boolean;
  /** Milliseconds per phase: checksum, read+stage (parse, map, COPY overlapped), merge into the core table. */
  phases?: { checksumMs: number; stageMs: number; mergeMs: number };
}

/** What ingestion heartbeats: lines up to lastLine are staged (or rejected) durably. */
export interface IngestProgress {
  batchId: number;
  lastLine: number;
  linesRead: number;
}

const BATCH_ROWS = 25_000;

async function sha256(file: string): Promise<{ checksum: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { checksum: hash.digest('hex'), bytes };
}

export function createIngestionActivities({ db, bulk, builtinFiles }: ActivityDeps) {
  function resolveFile(file: string): string {
    if (file.startsWith('builtin:')) {
      const p = builtinFiles[file.slice('builtin:'.length)];
      if (!p) throw ApplicationFailure.nonRetryable(`unknown built-in file ${JSON.stringify(file)}: known ${Object.keys(builtinFiles).map((k) => `builtin:${k}`).join(', ')}`, 'FileNotFound');
      return p;
    }
    return file;
  }

  function mappingFor(source: string): Mapping {
    try {
      return loadMapping(source);
    } catch (err) {
      if (err instanceof MappingError) throw ApplicationFailure.nonRetryable(err.message, err.code);
      throw err;
    }
  }

  return {
    /** Reads a file through its mapping into the dataset's core table; see the module comment. */
    async ingestFile(input: IngestFileInput): Promise<IngestResult> {
      const mapping = mappingFor(input.source);
      const kind = mapping.kind;
      const file = resolveFile(input.file);
      if (!fs.existsSync(file)) throw ApplicationFailure.nonRetryable(`file not found: ${file}`, 'FILE_NOT_FOUND');
      const t0 = Date.now();
      const { checksum, bytes } = await sha256(file);
      const checksumMs = Date.now() - t0;
      const base = { file, mapping: mapping.name, kind, checksum };

      /** Final counts (from the merge and rejected_rows), reconciled, and the batch closed. */
      const finish = async (id: number, rowsRead: number, phases: NonNullable<IngestResult['phases']>): Promise<IngestResult> => {
        const b = await db.selectFrom('ingest_batches').select(['accepted', 'duplicates']).where('id', '=', id).executeTakeFirstOrThrow();
        const rej = await db.selectFrom('rejected_rows').select((eb) => eb.fn.countAll<number>().as('n')).where('batch_id', '=', id).executeTakeFirstOrThrow();
        const accepted = b.accepted;
        const duplicates = b.duplicates;
        const rejected = Number(rej.n);
        if (rowsRead !== accepted + rejected + duplicates) {
          throw ApplicationFailure.nonRetryable(`counts do not reconcile for ${file}: read ${rowsRead}, accepted ${accepted} + rejected ${rejected} + duplicates ${duplicates}`, 'Reconciliation');
        }
        if (accepted === 0 && duplicates === 0) {
          const first = await db.selectFrom('rejected_rows').select('reason').where('batch_id', '=', id).orderBy('line_no').executeTakeFirst();
          throw ApplicationFailure.nonRetryable(`no line of ${file} is a valid ${mapping.name} row (${rejected} rejected; first reason: ${first?.reason ?? 'no data lines'})`, 'NoValidRows');
        }
        await db
          .updateTable('ingest_batches')
          .set({ status: 'done', rows_read: rowsRead, accepted, rejected, duplicates, staged: accepted + duplicates, finished_at: new Date() })
          .where('id', '=', id)
          .execute();
        return { ...base, batchId: id, rowsRead, accepted, rejected, duplicates, alreadyIngested: false, phases };
      };

      const existing = await db.selectFrom('ingest_batches').selectAll().where('dataset', '=', input.dataset).where('checksum', '=', checksum).executeTakeFirst();
      if (existing?.status === 'done') {
        return { ...base, batchId: existing.id, rowsRead: existing.rows_read, accepted: existing.accepted, rejected: existing.rejected, duplicates: existing.duplicates, alreadyIngested: true };
      }
      const batchId =
        existing?.id ??
        (
          await db
            .insertInto('ingest_batches')
            .values({ dataset: input.dataset, source: input.source, mapping: mapping.origin, record_kind: kind, file_path: file, checksum, bytes, status: 'running' })
            .onConflict((oc) => oc.columns(['dataset', 'checksum']).doUpdateSet({ status: 'running' }))
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;

      const ctx = Context.current();
      const state = await db.selectFrom('ingest_batches').select(['merged', 'rows_read']).where('id', '=', batchId).executeTakeFirstOrThrow();
      if (state.merged) return finish(batchId, state.rows_read, { checksumMs, stageMs: 0, mergeMs: 0 });

      const beat = ctx.info.heartbeatDetails as IngestProgress | undefined;
      const resumeAfter = beat?.batchId === batchId ? beat.lastLine : 0;
      await discardStagedAfter(db, kind, batchId, resumeAfter);

      const table = KINDS[kind].stage;
      const columns = stageColumns(kind);
      const stage = async (b: SourceBatch) => {
        const copying = b.rows.length ? bulk.copyText(table, columns, encodeStageRows(kind, batchId, b.rows)) : Promise.resolve();
        if (b.rejected.length) {
          await db
            .insertInto('rejected_rows')
            .values(b.rejected.map((r) => ({ batch_id: batchId, line_no: r.lineNo, reason: r.reason, raw: r.raw })))
            .onConflict((oc) => oc.columns(['batch_id', 'line_no']).doNothing())
            .execute();
        }
        await copying;
      };

      const t1 = Date.now();
      // One COPY in flight while the next batch is parsed; a line is heartbeated only once its COPY committed.
      let inflight: Promise<void> = Promise.resolve();
      let done: IngestProgress = { batchId, lastLine: resumeAfter, linesRead: 0 };
      let skipped = 0;
      try {
        for await (const b of readSource(file, mapping, { startAfterLine: resumeAfter, batchSize: input.batchRows ?? BATCH_ROWS })) {
          await inflight;
          ctx.heartbeat(done);
          if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
          const progress: IngestProgress = { batchId, lastLine: b.lastLine, linesRead: b.linesRead };
          inflight = stage(b).then(() => {
            done = progress;
          });
          skipped = b.skipped;
        }
        await inflight;
        if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
      } catch (err) {
        await inflight.catch(() => undefined);
        if (err instanceof SourceFileError) throw ApplicationFailure.nonRetryable(err.message, err.code);
        throw err;
      }
      ctx.heartbeat(done);
      const rowsRead = skipped + done.linesRead;
      await db.updateTable('ingest_batches').set({ last_line: done.lastLine, rows_read: rowsRead }).where('id', '=', batchId).execute();

      const t2 = Date.now();
      await mergeStagedBatch(db, kind, input.dataset, batchId);
      const phases = { checksumMs, stageMs: t2 - t1, mergeMs: Date.now() - t2 };
      return finish(batchId, rowsRead, phases);

    },
  };
}

export type IngestionActivities = ReturnType<typeof createIngestionActivities>;
