/** Transaction sources the slice can ingest, by name. */
import { parseCdnowLine, type CdnowRow } from './cdnow';
import type { ParsedLine } from './types';

export type TransactionRow = CdnowRow;

export const SOURCES = {
  cdnow: { describe: 'CDNOW transactions (whitespace separated: customer, [sample id,] YYYYMMDD, cds, dollars)', parseLine: parseCdnowLine },
} as const satisfies Record<string, { describe: string; parseLine: (line: string) => ParsedLine<TransactionRow> }>;

export type SourceName = keyof typeof SOURCES;

export class UnknownSourceError extends Error {
  readonly code = 'SOURCE_UNKNOWN';
  constructor(name: string) {
    super(`unknown source ${JSON.stringify(name)}: known sources are ${Object.keys(SOURCES).join(', ')}`);
    this.name = 'UnknownSourceError';
  }
}

/** Looks up a source by name or throws a clear error. */
export function getSource(name: string): (typeof SOURCES)[SourceName] {
  if (!(name in SOURCES)) throw new UnknownSourceError(name);
  return SOURCES[name as SourceName];
}

export type { ParsedLine };
