/** The outcome of parsing one source line. */
export type ParsedLine<Row> =
  | { kind: 'row'; row: Row }
  | { kind: 'header' }
  | { kind: 'blank' }
  | { kind: 'rejected'; reason: string };
