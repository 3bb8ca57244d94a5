/**
 * Streaming RFC-4180 tokenizer: any one-character delimiter, `"` quoting with `""` escapes, delimiters and
 * newlines inside quotes, LF / CRLF / CR line ends. Text arrives in chunks; a record cut by a chunk boundary
 * is carried over, so memory stays bounded by the chunk size plus the longest record.
 */
import { SourceFileError } from './errors';

/**
 * Called for every record, blank lines included (a blank line is one empty field with raw '').
 * `fields` is reused for the next record: copy it to keep it.
 */
export type RecordCallback = (
  fields: string[],
  /** Physical line where the record starts (1-based). */
  lineNo: number,
  /** Physical line where the record ends (> lineNo when a quoted field holds newlines). */
  endLine: number,
  /** The record's text without its line terminator. */
  raw: string,
  /** The file ended right after this record, without a newline. */
  atEof: boolean,
  /** The file ended inside a quoted field of this record. */
  unterminatedQuote: boolean,
) => void;

/** Called instead of RecordCallback for records that start at or before `skipThroughLine`. */
export type SkipCallback = (lineNo: number, endLine: number, blank: boolean) => void;

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/** Default longest record (characters): longer means a runaway quote rather than data. */
export const DEFAULT_MAX_RECORD_CHARS = 8 * 1024 * 1024;

/** Counts each candidate delimiter outside quotes in one line; the most frequent wins (',' when none occurs). */
export function detectDelimiter(line: string, quote = '"'): string {
  let best: string = DELIMITER_CANDIDATES[0];
  let bestCount = 0;
  for (const d of DELIMITER_CANDIDATES) {
    const count = countOutsideQuotes(line, d.charCodeAt(0), quote ? quote.charCodeAt(0) : -1);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: number, q: number): number {
  let inQuote = false;
  let count = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === q) inQuote = !inQuote;
    else if (c === d && !inQuote) count++;
  }
  return count;
}

/** Printable name of a delimiter for messages. */
export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : JSON.stringify(d);
}

export interface CsvTokenizerOptions {
  delimiter: string;
  /** Quote character, or '' for none. */
  quote: string;
  /** File name used in errors. */
  file: string;
  maxRecordChars?: number;
}

/** Stateful tokenizer: push() text chunks, then end(). */
export class CsvTokenizer {
  /** Physical line (1-based) where the next unread record starts. */
  line = 1;
  /** Records starting at or before this line are only scanned (same rules, no fields cut out) and reported to onSkip. */
  skipThroughLine = 0;
  /** When set, fields whose index is false here are handed over as '' (not cut out of the text). */
  keepColumns: boolean[] | null = null;
  private carry = '';
  /** The fields of the current record; the array is reused, so callbacks must copy what they keep. */
  private readonly fields: string[] = [];
  private readonly d: number;
  private readonly q: number;
  private readonly quote: string;
  private readonly maxRecordChars: number;

  constructor(
    private readonly options: CsvTokenizerOptions,
    private readonly onRecord: RecordCallback,
    private readonly onSkip: SkipCallback,
  ) {
    if (options.delimiter.length !== 1) throw new RangeError(`delimiter must be one character, got ${JSON.stringify(options.delimiter)}`);
    this.d = options.delimiter.charCodeAt(0);
    this.q = options.quote ? options.quote.charCodeAt(0) : -1;
    this.quote = options.quote;
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  }

  push(chunk: string): void {
    if (this.carry.length === 0) return this.run(chunk, 0, false);
    // Finish the carried record with the chunk's first line, so that the big chunk is parsed as it came
    // (a flat string) rather than concatenated: both the copy and access to a concatenation cost.
    const nl = chunk.indexOf('\n');
    if (nl >= 0) {
      const head = this.carry + chunk.slice(0, nl + 1);
      this.carry = '';
      this.run(head, 0, false);
      if (this.carry.length === 0) return this.run(chunk, nl + 1, false);
      // Still open (a quoted field goes on past that line).
      const rest = this.carry + chunk.slice(nl + 1);
      this.carry = '';
      return this.run(rest, 0, false);
    }
    const all = this.carry + chunk;
    this.carry = '';
    this.run(all, 0, false);
  }

  end(): void {
    const rest = this.carry;
    this.carry = '';
    if (rest.length > 0) this.run(rest, 0, true);
  }

  private run(s: string, from: number, final: boolean): void {
    const n = s.length;
    const D = this.d;
    const Q = this.q;
    const quote = this.quote;
    const delimiter = this.options.delimiter;
    const keep = this.keepColumns;
    const fields = this.fields;
    let pos = from;
    let line = this.line;
    // Next delimiter, LF and CR at or after pos (n when none), refreshed only once passed:
    // indexOf runs at memchr speed where a charCode loop would touch every character.
    let nextD = -1;
    let nextLf = -1;
    let nextCr = -1;
    records: while (pos < n) {
      const start = pos;
      const startLine = line;
      // Records before a resume point are scanned by the same rules but not cut into fields.
      const skipping = startLine <= this.skipThroughLine;
      let count = 0;
      let complete = false;
      let atEof = false;
      let contentEnd = n;
      for (;;) {
        let value: string;
        if (pos < n && s.charCodeAt(pos) === Q) {
          const open = pos + 1;
          let j = open;
          let escaped = false;
          let close = -1;
          for (;;) {
            const qi = s.indexOf(quote, j);
            if (qi < 0) break;
            if (qi + 1 < n) {
              if (s.charCodeAt(qi + 1) === Q) {
                j = qi + 2;
                escaped = true;
                continue;
              }
              close = qi;
            } else if (final) close = qi;
            break;
          }
          if (close < 0) {
            if (!final) {
              pos = start;
              line = startLine;
              break records;
            }
            // The file ends inside this quoted field: hand over what there is, flagged.
            fields[count++] = s.slice(open);
            fields.length = count;
            line = startLine;
            const last = s.charCodeAt(n - 1) === 10 ? n - 1 : n;
            for (let k = s.indexOf('\n', start); k >= 0 && k < last; k = s.indexOf('\n', k + 1)) line++;
            if (skipping) this.onSkip(startLine, line, false);
            else this.onRecord(fields, startLine, line, s.slice(start), true, true);
            pos = n;
            break records;
          }
          if (skipping || (keep !== null && !keep[count])) value = '';
          else {
            value = s.slice(open, close);
            if (escaped) value = value.replaceAll(quote + quote, quote);
          }
          if (nextLf < open) nextLf = indexOr(s, '\n', open, n);
          if (nextLf < close) {
            for (let k = nextLf; k >= 0 && k < close; k = s.indexOf('\n', k + 1)) line++;
          }
          pos = close + 1;
          if (pos < n) {
            const c = s.charCodeAt(pos);
            if (c !== D && c !== 10 && c !== 13) {
              // Lenient: text between a closing quote and the delimiter is kept ("ab"c -> abc).
              let j2 = pos;
              let c2 = c;
              while (j2 < n && c2 !== D && c2 !== 10 && c2 !== 13) c2 = s.charCodeAt(++j2);
              if (!skipping && (keep === null || keep[count])) value += s.slice(pos, j2);
              pos = j2;
            }
          }
        } else {
          if (nextD < pos) nextD = indexOr(s, delimiter, pos, n);
          if (nextLf < pos) nextLf = indexOr(s, '\n', pos, n);
          if (nextCr < pos) nextCr = indexOr(s, '\r', pos, n);
          let j = nextD < nextLf ? nextD : nextLf;
          if (nextCr < j) j = nextCr;
          value = skipping || (keep !== null && !keep[count]) ? '' : s.slice(pos, j);
          pos = j;
        }
        fields[count++] = value;
        if (pos >= n) {
          if (final) complete = atEof = true;
          break;
        }
        const c = s.charCodeAt(pos);
        if (c === D) {
          pos++;
          continue;
        }
        contentEnd = pos;
        if (c === 13) {
          if (pos + 1 < n) pos += s.charCodeAt(pos + 1) === 10 ? 2 : 1;
          else if (final) pos++;
          else break;
        } else pos++;
        line++;
        complete = true;
        break;
      }
      if (!complete) {
        pos = start;
        line = startLine;
        break;
      }
      const endLine = atEof ? line : line - 1;
      if (skipping) {
        this.onSkip(startLine, endLine, count === 1 && s.slice(start, contentEnd).trim() === '');
        continue;
      }
      if (fields.length !== count) fields.length = count;
      this.onRecord(fields, startLine, endLine, s.slice(start, contentEnd), atEof, false);
    }
    this.line = line;
    this.carry = final ? '' : s.slice(pos);
    if (this.carry.length > this.maxRecordChars) {
      throw new SourceFileError(
        'RECORD_TOO_LONG',
        this.options.file,
        `the record starting at line ${line} is longer than ${this.maxRecordChars} characters; a quote (${this.quote}) that is never closed?`,
      );
    }
  }
}

function indexOr(s: string, ch: string, from: number, none: number): number {
  const i = s.indexOf(ch, from);
  return i < 0 ? none : i;
}
