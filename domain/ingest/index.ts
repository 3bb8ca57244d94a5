/** Ingest readers and source mappings: files -> canonical records (see records.ts). */
export * from './records';
export { SourceFileError, MappingError, type SourceFileErrorCode, type MappingErrorCode } from './errors';
export { loadMapping, listMappings, parseMapping, type Mapping } from './mapping';
export { DERIVATIONS, SOURCE_FIELD_TYPES, type FieldSpec, type FormatSpec } from './mapping-schema';
export { BUILTIN_MAPPINGS, type BuiltinMappingName } from './mappings';
export { readSource, type ReadSourceOptions, type SourceBatch, type SourceRow, type RejectedRow } from './reader';
export { CsvTokenizer, detectDelimiter } from './csv';
export { compileTimestampFormat, localToUtcIn, isoUtc } from './timestamps';
