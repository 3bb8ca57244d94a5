/**
 * CSV output: RFC-4180 field quoting and a byte-level file sink with backpressure (optionally gzip).
 * Rows are written straight into preallocated Buffers (digits and ASCII by hand, no intermediate
 * strings, so tens of millions of rows make little garbage); a filled Buffer is queued and the
 * generator awaits flush(), which waits for 'drain' when the stream is full, so memory stays bounded.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { IsoFormatter } from './calendar';

const NEEDS_QUOTES = /[",\r\n]/;

/** A CSV field, quoted (with doubled quotes) only when it contains a comma, quote or line break. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const COMMA = 44;
const NEWLINE = 10;
const ZERO = 48;
/** Local copy: cross-module constants are getter calls under the CommonJS transform. */
const SECONDS_PER_DAY = 86400;

export class CsvSink {
  /** Data rows written so far (the header is not counted). */
  rows = 0;
  private chunk: Buffer;
  private pos = 0;
  private readonly pending: Buffer[] = [];
  private readonly target: Writable;
  private readonly done: Promise<void>;
  private closed = false;

  constructor(
    readonly path: string,
    header: readonly string[],
    /** zlib level, or null for plain text. */
    gzipLevel: number | null,
    private readonly chunkBytes = 1 << 20,
  ) {
    const file = createWriteStream(path);
    if (gzipLevel !== null) {
      const zip = createGzip({ level: gzipLevel });
      this.target = zip;
      this.done = pipeline(zip, file);
    } else {
      this.target = file;
      this.done = once(file, 'close').then(() => undefined);
    }
    // Keep a failure from surfacing as an unhandled rejection before flush() or close() awaits it.
    this.done.catch(() => undefined);
    this.chunk = Buffer.allocUnsafe(chunkBytes);
    this.ascii(header.join(','));
    this.byte(NEWLINE);
  }

  /** True when filled chunks wait to be handed to the stream: call flush() before writing on. */
  get full(): boolean {
    return this.pending.length > 0;
  }

  /** Makes room for a row of at most `bytes` bytes; call before every row. */
  reserve(bytes: number): void {
    if (this.pos + bytes <= this.chunk.length) return;
    if (this.pos > 0) this.pending.push(this.chunk.subarray(0, this.pos));
    this.chunk = Buffer.allocUnsafe(Math.max(this.chunkBytes, bytes));
    this.pos = 0;
  }

  /** Ends a row: writes the newline and counts it. */
  endRow(): void {
    this.chunk[this.pos++] = NEWLINE;
    this.rows++;
  }

  byte(c: number): void {
    this.chunk[this.pos++] = c;
  }

  comma(): void {
    this.chunk[this.pos++] = COMMA;
  }

  /** An ASCII string (ids, codes, numbers), byte by byte. */
  ascii(s: string): void {
    const b = this.chunk;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Free text as UTF-8, quoted when needed; reserve 3 bytes per character + 2. */
  text(s: string): void {
    this.pos += this.chunk.write(csvField(s), this.pos, 'utf8');
  }

  /** A non-negative integer in decimal. */
  uint(n: number): void {
    if (n < 10) {
      this.chunk[this.pos++] = ZERO + n;
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    this.digits(n, digits);
  }

  /** Prefix letter + n zero-padded to `width` digits (more digits when n needs them): 'C0000042'. */
  id(prefix: number, n: number, width: number): void {
    this.chunk[this.pos++] = prefix;
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    this.digits(n, digits > width ? digits : width);
  }

  /** Cents as a decimal with two places: 1999 -> 19.99. */
  cents(c: number): void {
    const whole = Math.floor(c / 100);
    this.uint(whole);
    this.chunk[this.pos++] = 46;
    this.digits(c - whole * 100, 2);
  }

  /** Epoch seconds as 'YYYY-MM-DDTHH:MM:SSZ' (date from the formatter's table, clock by hand). */
  time(sec: number, fmt: IsoFormatter): void {
    const s = Math.floor(sec);
    const day = Math.floor(s / SECONDS_PER_DAY);
    const row = day - fmt.firstDay;
    if (row < 0 || row >= fmt.days) {
      this.ascii(fmt.format(s));
      return;
    }
    const b = this.chunk;
    let p = this.pos;
    const table = fmt.dayBytes;
    for (let i = row * 11, e = i + 11; i < e; i++) b[p++] = table[i];
    let rest = s - day * SECONDS_PER_DAY;
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    const m = Math.floor(rest / 60);
    const sc = rest - m * 60;
    b[p++] = ZERO + Math.floor(h / 10);
    b[p++] = ZERO + (h % 10);
    b[p++] = 58;
    b[p++] = ZERO + Math.floor(m / 10);
    b[p++] = ZERO + (m % 10);
    b[p++] = 58;
    b[p++] = ZERO + Math.floor(sc / 10);
    b[p++] = ZERO + (sc % 10);
    b[p++] = 90;
    this.pos = p;
  }

  /** Bytes from a table (e.g. a pre-encoded word). */
  bytes(table: Uint8Array): void {
    const b = this.chunk;
    let p = this.pos;
    for (let i = 0; i < table.length; i++) b[p++] = table[i];
    this.pos = p;
  }

  /** Hands the filled chunks to the stream, waiting for 'drain' whenever the stream is full. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const chunk = this.pending.shift() as Buffer;
      if (!this.target.write(chunk)) await Promise.race([once(this.target, 'drain'), this.done]);
    }
  }

  /** Flushes everything, ends the stream and waits until the file is complete on disk. */
  async close(): Promise<void> {
    if (this.closed) return this.done;
    this.closed = true;
    if (this.pos > 0) this.pending.push(this.chunk.subarray(0, this.pos));
    this.pos = 0;
    await this.flush();
    this.target.end();
    await this.done;
  }

  private digits(n: number, width: number): void {
    const b = this.chunk;
    let p = this.pos + width - 1;
    let x = n;
    for (let i = 0; i < width; i++) {
      const q = Math.floor(x / 10);
      b[p--] = ZERO + (x - q * 10);
      x = q;
    }
    this.pos += width;
  }
}
