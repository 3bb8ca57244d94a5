/**
 * readSource: a source file + a mapping -> batches of canonical records and rejected rows, streamed with
 * bounded memory, every row carrying its physical line number and raw text, resumable after a line.
 */
import path from 'node:path';
import { CsvTokenizer, delimiterName, detectDelimiter } from './csv';
import { SourceFileError } from './errors';
import { jsonLineReader } from './jsonl';
import { LineSplitter, splitWhitespace } from './lines';
import { loadLookupTable } from './lookups';
import { loadMapping, lookupPath, type Mapping } from './mapping';
import type { CanonicalRecord } from './records';
import { compileRowMapper, type RowMapper } from './row-mapper';
import { openText } from './text-stream';

export interface SourceRow {
  /** Physical line (1-based) where the row starts. */
  lineNo: number;
  /** The row's text as in the file, without its line terminator. */
  raw: string;
  record: CanonicalRecord;
}

export interface RejectedRow {
  lineNo: number;
  raw: string;
  /** Names the file, the line and (for a bad value) the column. */
  reason: string;
}

export interface SourceBatch {
  rows: SourceRow[];
  rejected: RejectedRow[];
  /** Last physical line consumed so far (blank lines included): resume with startAfterLine = lastLine. */
  lastLine: number;
  /** Data rows read so far after startAfterLine (header and blank lines excluded) = accepted + rejected so far. */
  linesRead: number;
  /** Data rows at or before startAfterLine that were passed over. */
  skipped: number;
}

export interface ReadSourceOptions {
  /** Rows starting at or before this physical line are skipped (resume after a crash). */
  startAfterLine?: number;
  /** A batch is yielded once it holds at least this many rows + rejected rows (default 2000). */
  batchSize?: number;
  /** Folder for the mapping's lookup files (default: the source file's folder). */
  lookupDir?: string;
  /** Longest record in characters before the file is refused as a runaway quote. */
  maxRecordChars?: number;
}

const DEFAULT_BATCH = 2000;
/** How much of the first chunk is looked at to guess the delimiter. */
const SNIFF_CHARS = 64 * 1024;

/** Streams a source file through a mapping (a Mapping, a built-in name or a mapping file path). */
export async function* readSource(file: string, mapping: Mapping | string, options: ReadSourceOptions = {}): AsyncGenerator<SourceBatch> {
  const m = typeof mapping === 'string' ? loadMapping(mapping) : mapping;
  const lookups = new Map<string, Map<string, string>>();
  for (const [name, spec] of Object.entries(m.lookups)) lookups.set(name, await loadLookupTable(lookupPath(spec, file, options.lookupDir), spec.key, spec.value));
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  const sink = new RowSink(file, m, lookups, options.startAfterLine ?? 0);
  const format = m.format;
  let feed: ((chunk: string) => void) | null = null;
  let finish: () => void = () => {};
  for await (const chunk of openText(file, { encoding: format.encoding })) {
    if (!feed) [feed, finish] = createFeed(sink, m, chunk, options.maxRecordChars);
    feed(chunk);
    if (sink.rows.length + sink.rejected.length >= batchSize) yield sink.takeBatch();
  }
  finish();
  if (!sink.sawContent) throw new SourceFileError('EMPTY_FILE', file, 'the file has no data (only blank lines, or an empty archive)');
  yield sink.takeBatch();
}

/** Builds the tokenizer for the mapping's format; the first chunk fixes an 'auto' delimiter. */
function createFeed(sink: RowSink, m: Mapping, firstChunk: string, maxRecordChars?: number): [(chunk: string) => void, () => void] {
  const format = m.format;
  const label = path.basename(sink.file);
  if (format.type === 'csv') {
    let delimiter = format.delimiter;
    if (delimiter === 'auto') {
      const head = firstChunk.slice(0, SNIFF_CHARS);
      const nl = head.indexOf('\n');
      delimiter = detectDelimiter(nl >= 0 ? head.slice(0, nl) : head, format.quote);
    }
    sink.delimiter = delimiter;
    const tokenizer = new CsvTokenizer(
      { delimiter, quote: format.quote, file: label, maxRecordChars },
      (fields, lineNo, endLine, raw, atEof, unterminated) => sink.record(fields, lineNo, endLine, raw, atEof, unterminated),
      (lineNo, endLine, blank) => sink.skippedRecord(lineNo, endLine, blank),
    );
    sink.onDataStart = (after) => (tokenizer.skipThroughLine = after);
    sink.onColumnsKnown = (keep) => (tokenizer.keepColumns = keep);
    if (format.header === false) sink.onDataStart(sink.startAfterLine);
    return [(c) => tokenizer.push(c), () => tokenizer.end()];
  }
  if (format.type === 'whitespace') {
    const splitter = new LineSplitter(label, (text, lineNo, atEof) => {
      if (sink.dataStarted && lineNo <= sink.startAfterLine) return sink.skippedRecord(lineNo, lineNo, text.trim() === '');
      sink.record(splitWhitespace(text), lineNo, lineNo, text, atEof, false);
    }, maxRecordChars);
    if (format.header === false) sink.dataStarted = true;
    return [(c) => splitter.push(c), () => splitter.end()];
  }
  const readLine = jsonLineReader(m.columns);
  const splitter = new LineSplitter(label, (text, lineNo, atEof) => {
    if (lineNo <= sink.startAfterLine) return sink.skippedRecord(lineNo, lineNo, text.trim() === '');
    sink.jsonLine(readLine, text, lineNo, atEof);
  }, maxRecordChars);
  return [(c) => splitter.push(c), () => splitter.end()];
}

/** Collects rows into the current batch; knows the header, the column positions and the row mapper. */
class RowSink {
  rows: SourceRow[] = [];
  rejected: RejectedRow[] = [];
  lastLine = 0;
  linesRead = 0;
  skipped = 0;
  sawContent = false;
  /** Header handled (or none expected): from here on rows are data and may be skipped for a resume. */
  dataStarted = false;
  delimiter = '';
  onDataStart: (afterLine: number) => void = () => {};
  /** Which columns of a row the mapping reads (the others need not be cut out of the text). */
  onColumnsKnown: (keep: boolean[]) => void = () => {};
  private mapper: RowMapper | null = null;
  /** Columns a data row must have; null until the header or the first data row fixes it. */
  private expected: number | null = null;
  private columnNames: string[] = [];
  private readonly label: string;

  constructor(
    readonly file: string,
    private readonly mapping: Mapping,
    private readonly lookups: ReadonlyMap<string, ReadonlyMap<string, string>>,
    readonly startAfterLine: number,
  ) {
    this.label = path.basename(file);
    if (mapping.format.type === 'jsonl') {
      this.dataStarted = true;
      this.useColumns(mapping.columns);
    }
  }

  takeBatch(): SourceBatch {
    const batch: SourceBatch = { rows: this.rows, rejected: this.rejected, lastLine: this.lastLine, linesRead: this.linesRead, skipped: this.skipped };
    this.rows = [];
    this.rejected = [];
    return batch;
  }

  skippedRecord(_lineNo: number, endLine: number, blank: boolean): void {
    this.lastLine = endLine;
    if (!blank) {
      this.sawContent = true;
      this.skipped++;
    }
  }

  record(fields: string[], lineNo: number, endLine: number, raw: string, atEof: boolean, unterminated: boolean): void {
    this.lastLine = endLine;
    if (!unterminated && fields.length <= 1 && raw.trim() === '') return;
    this.sawContent = true;
    const format = this.mapping.format;
    if (!this.dataStarted && format.type !== 'jsonl') {
      this.dataStarted = true;
      this.onDataStart(this.startAfterLine);
      if (format.header === true || (format.header === 'optional' && this.looksLikeHeader(fields))) {
        this.header(fields.map((f) => f.trim()), lineNo, raw);
        return;
      }
    }
    if (lineNo <= this.startAfterLine) {
      this.skipped++;
      return;
    }
    this.linesRead++;
    if (this.expected === null) this.headerless(fields, lineNo, raw);
    if (unterminated) return this.reject(lineNo, raw, `${this.at(lineNo)}: truncated last line: the file ends inside a quoted field`);
    if (fields.length !== this.expected) {
      if (atEof && this.expected !== null && fields.length < this.expected) {
        return this.reject(lineNo, raw, `${this.at(lineNo)}: truncated last line (no newline at end of file): ${fields.length} of ${this.expected} columns`);
      }
      const want = this.expected === null ? this.layoutCounts() : `${this.expected}`;
      return this.reject(lineNo, raw, `${this.at(lineNo)}: expected ${want} columns, found ${fields.length}`);
    }
    const result = this.mapper!(fields, lineNo);
    if (typeof result === 'string') this.reject(lineNo, raw, result);
    else this.rows.push({ lineNo, raw, record: result });
  }

  jsonLine(readLine: ReturnType<typeof jsonLineReader>, text: string, lineNo: number, atEof: boolean): void {
    this.lastLine = lineNo;
    if (text.trim() === '') return;
    this.sawContent = true;
    this.linesRead++;
    const parsed = readLine(text);
    if (!parsed.ok) {
      const why = atEof ? `truncated last line (no newline at end of file): ${parsed.reason}` : parsed.reason;
      return this.reject(lineNo, text, `${this.at(lineNo)}: ${why}`);
    }
    const result = this.mapper!(parsed.fields, lineNo);
    if (typeof result === 'string') this.reject(lineNo, text, result);
    else this.rows.push({ lineNo, raw: text, record: result });
  }

  private at(lineNo: number): string {
    return `${this.label}:${lineNo}`;
  }

  private reject(lineNo: number, raw: string, reason: string): void {
    this.rejected.push({ lineNo, raw, reason });
  }

  private layouts(): string[][] {
    const f = this.mapping.format;
    if (f.type === 'jsonl') return [this.mapping.columns];
    return f.layouts ?? (f.columns ? [f.columns] : []);
  }

  private layoutCounts(): string {
    return [...new Set(this.layouts().map((l) => l.length))].join(' or ');
  }

  /** 'optional' headers: the first line is a header when every field is a known column name. */
  private looksLikeHeader(fields: string[]): boolean {
    const known = new Set([...this.layouts().flat(), ...this.mapping.columns].map((c) => c.toLowerCase()));
    return fields.every((f) => known.has(f.trim().toLowerCase()));
  }

  private useColumns(names: string[]): void {
    this.columnNames = names;
    this.expected = names.length;
    const exact = new Map<string, number>();
    const folded = new Map<string, number>();
    names.forEach((n, i) => {
      if (!exact.has(n)) exact.set(n, i);
      if (!folded.has(n.toLowerCase())) folded.set(n.toLowerCase(), i);
    });
    const keep = names.map(() => false);
    this.mapper = compileRowMapper(this.mapping, {
      columnIndex: (c) => {
        const i = exact.get(c) ?? folded.get(c.toLowerCase()) ?? -1;
        if (i >= 0) keep[i] = true;
        return i;
      },
      fileLabel: this.label,
      lookups: this.lookups,
    });
    this.onColumnsKnown(keep);
  }

  /** The delimiter a line seems to use, when it is not the one in use. */
  private otherDelimiter(raw: string): string | null {
    if (this.mapping.format.type !== 'csv') return null;
    const guess = detectDelimiter(raw, this.mapping.format.quote);
    return guess !== this.delimiter && raw.includes(guess) ? guess : null;
  }

  private wrongDelimiter(found: number, expected: number, lineNo: number, raw: string, what: string): never {
    const other = this.otherDelimiter(raw);
    throw new SourceFileError(
      'WRONG_DELIMITER',
      this.file,
      `line ${lineNo} (${what}) splits into ${found} column with delimiter ${delimiterName(this.delimiter)} but the mapping ${this.mapping.name} expects ${expected}` +
        (other ? `; the line seems to use ${delimiterName(other)}` : ''),
    );
  }

  private header(names: string[], lineNo: number, raw: string): void {
    const format = this.mapping.format;
    const declared = format.type === 'jsonl' ? [] : (format.columns ?? format.layouts?.flat() ?? []);
    const wanted = [...new Set([...this.mapping.columns, ...(format.type !== 'jsonl' && format.strictHeader ? declared : [])])];
    if (names.length === 1 && Math.max(wanted.length, format.type !== 'jsonl' && format.columns ? format.columns.length : 0) > 1) {
      this.wrongDelimiter(1, Math.max(wanted.length, format.type !== 'jsonl' && format.columns ? format.columns.length : 0), lineNo, raw, 'the header');
    }
    const have = new Set(names.map((n) => n.toLowerCase()));
    const missing = wanted.filter((c) => !have.has(c.toLowerCase()));
    if (missing.length > 0) {
      const other = this.otherDelimiter(raw);
      throw new SourceFileError(
        'HEADER_MISSING_COLUMNS',
        this.file,
        `the header (line ${lineNo}) lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that mapping ${this.mapping.name} needs; it has ${names.join(', ')}` +
          (other ? ` (the header seems to be separated by ${delimiterName(other)}, not ${delimiterName(this.delimiter)})` : ''),
      );
    }
    if (format.type !== 'jsonl' && format.strictHeader) {
      const known = [...new Set([...declared, ...wanted])];
      const allowed = new Set(known.map((c) => c.toLowerCase()));
      const unknown = names.filter((n) => !allowed.has(n.toLowerCase()));
      if (unknown.length > 0) {
        throw new SourceFileError(
          'HEADER_UNKNOWN_COLUMNS',
          this.file,
          `the header (line ${lineNo}) has unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; mapping ${this.mapping.name} has a strict header with ${known.join(', ')}`,
        );
      }
    }
    this.useColumns(names);
  }

  /** Without a header the first data row picks the layout (CDNOW: 4 columns master, 5 sample). */
  private headerless(fields: string[], lineNo: number, raw: string): void {
    const layouts = this.layouts();
    const fewest = Math.min(...layouts.map((l) => l.length));
    if (this.mapping.format.type === 'csv' && fields.length === 1 && fewest > 1) this.wrongDelimiter(1, fewest, lineNo, raw, 'the first data line');
    const layout = layouts.find((l) => l.length === fields.length) ?? (layouts.length === 1 ? layouts[0] : null);
    if (layout) this.useColumns(layout);
  }

  /** Column names in use (header or layout), for messages. */
  get columns(): readonly string[] {
    return this.columnNames;
  }
}
