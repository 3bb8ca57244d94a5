/** Errors of the ingest readers: a whole file (or mapping) is unusable; row-level problems are rejected rows instead. */

export const SOURCE_FILE_ERROR_CODES = [
  'FILE_NOT_FOUND',
  'EMPTY_FILE',
  'BINARY_FILE',
  'BAD_GZIP',
  'HEADER_MISSING_COLUMNS',
  'HEADER_UNKNOWN_COLUMNS',
  'WRONG_DELIMITER',
  'RECORD_TOO_LONG',
  'LOOKUP_FILE',
] as const;
export type SourceFileErrorCode = (typeof SOURCE_FILE_ERROR_CODES)[number];

/** The file as a whole cannot be read with this mapping; the message names the file. */
export class SourceFileError extends Error {
  readonly code: SourceFileErrorCode;
  readonly file: string;
  constructor(code: SourceFileErrorCode, file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'SourceFileError';
    this.code = code;
    this.file = file;
  }
}

export const MAPPING_ERROR_CODES = ['MAPPING_NOT_FOUND', 'MAPPING_SYNTAX', 'MAPPING_INVALID'] as const;
export type MappingErrorCode = (typeof MAPPING_ERROR_CODES)[number];

/** A mapping file is missing or invalid; the message names the mapping file and the offending key. */
export class MappingError extends Error {
  readonly code: MappingErrorCode;
  readonly file: string;
  constructor(code: MappingErrorCode, file: string, message: string) {
    super(`mapping ${file}: ${message}`);
    this.name = 'MappingError';
    this.code = code;
    this.file = file;
  }
}
