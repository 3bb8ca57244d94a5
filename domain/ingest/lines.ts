/**
 * Streaming line splitter (LF or CRLF) for the line-oriented formats: whitespace-separated columns and
 * JSON Lines. A line cut by a chunk boundary is carried over to the next chunk.
 */
import { SourceFileError } from './errors';
import { DEFAULT_MAX_RECORD_CHARS } from './csv';

/** Called for every physical line, without its terminator; `atEof` when the file ends without a newline. */
export type LineCallback = (text: string, lineNo: number, atEof: boolean) => void;

export class LineSplitter {
  /** Physical line (1-based) of the next unread line. */
  line = 1;
  private carry = '';

  constructor(
    private readonly file: string,
    private readonly onLine: LineCallback,
    private readonly maxLineChars = DEFAULT_MAX_RECORD_CHARS,
  ) {}

  push(chunk: string): void {
    const s = this.carry.length > 0 ? this.carry + chunk : chunk;
    let pos = 0;
    let line = this.line;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', pos)) {
      const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.onLine(s.slice(pos, end), line++, false);
      pos = nl + 1;
    }
    this.line = line;
    this.carry = s.slice(pos);
    if (this.carry.length > this.maxLineChars) {
      throw new SourceFileError('RECORD_TOO_LONG', this.file, `line ${line} is longer than ${this.maxLineChars} characters`);
    }
  }

  end(): void {
    if (this.carry.length > 0) {
      const s = this.carry.charCodeAt(this.carry.length - 1) === 13 ? this.carry.slice(0, -1) : this.carry;
      this.onLine(s, this.line, true);
    }
    this.carry = '';
  }
}

/** Splits on runs of spaces and tabs, ignoring leading and trailing ones. */
export function splitWhitespace(text: string): string[] {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (i < n && (c === 32 || c === 9)) c = text.charCodeAt(++i);
    if (i >= n) break;
    const start = i;
    while (i < n && c !== 32 && c !== 9) c = text.charCodeAt(++i);
    fields.push(text.slice(start, i));
  }
  return fields;
}
