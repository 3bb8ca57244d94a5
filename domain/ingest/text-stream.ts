/**
 * Opens a source file as a stream of text chunks: gzip is unpacked when the name ends in .gz or the file
 * starts with the gzip magic bytes, a BOM is dropped, and empty or binary files are refused up front.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isAscii } from 'node:buffer';
import zlib from 'node:zlib';
import { SourceFileError } from './errors';

const READ_CHUNK = 1 << 18;
const GUNZIP_CHUNK = 1 << 16;
/** How much decoded text is checked for NUL bytes. */
const BINARY_PROBE = 1024;

export interface TextStreamOptions {
  encoding?: 'utf8' | 'latin1';
}

function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const n = fs.readSync(fd, head, 0, 2, 0);
    return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

/** Yields the decoded text of a file in chunks of about 256 KiB - 1 MiB; throws SourceFileError for unusable files. */
export async function* openText(file: string, options: TextStreamOptions = {}): AsyncGenerator<string> {
  const label = path.basename(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new SourceFileError('FILE_NOT_FOUND', file, 'file not found');
  }
  if (!stat.isFile()) throw new SourceFileError('FILE_NOT_FOUND', file, 'not a regular file');
  if (stat.size === 0) throw new SourceFileError('EMPTY_FILE', file, 'the file is empty (0 bytes)');
  const gz = file.endsWith('.gz') || isGzip(file);
  const raw = fs.createReadStream(file, { highWaterMark: READ_CHUNK });
  const input: NodeJS.ReadableStream = gz ? raw.pipe(zlib.createGunzip({ chunkSize: GUNZIP_CHUNK })) : raw;
  if (gz) raw.on('error', (err) => (input as zlib.Gunzip).destroy(err));
  const decoder = new Utf8Chunks(options.encoding ?? 'utf8');
  let first = true;
  let probed = 0;
  try {
    for await (const buf of input) {
      let text = decoder.write(buf as Buffer);
      if (first && text.length > 0) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (probed < BINARY_PROBE) {
        const nul = text.slice(0, BINARY_PROBE - probed).indexOf('\0');
        if (nul >= 0) throw new SourceFileError('BINARY_FILE', file, `the file is binary, not text (a NUL byte at character ${probed + nul + 1}${gz ? ' of the unpacked text' : ''}; UTF-16 text must be saved as UTF-8)`);
        probed += text.length;
      }
      if (text.length > 0) yield text;
    }
  } catch (err) {
    if (err instanceof SourceFileError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (gz && code.startsWith('Z_')) throw new SourceFileError('BAD_GZIP', file, `${label} is not a valid gzip file: ${(err as Error).message}`);
    throw err;
  } finally {
    raw.destroy();
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}

/**
 * Decodes a byte stream chunk by chunk, holding back a UTF-8 sequence cut by a chunk boundary.
 * Pure-ASCII chunks (the common case) take a plain byte copy, which is several times faster than UTF-8 decoding.
 */
class Utf8Chunks {
  private pending: Buffer | null = null;
  constructor(private readonly encoding: 'utf8' | 'latin1') {}

  write(chunk: Buffer): string {
    if (this.encoding === 'latin1') return chunk.toString('latin1');
    if (this.pending === null && isAscii(chunk)) return chunk.toString('latin1');
    const b = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    let end = b.length;
    let i = end - 1;
    while (i >= 0 && end - i < 4 && (b[i] & 0xc0) === 0x80) i--;
    if (i >= 0 && b[i] >= 0xc0) {
      const need = b[i] >= 0xf0 ? 4 : b[i] >= 0xe0 ? 3 : 2;
      if (end - i < need) {
        this.pending = Buffer.from(b.subarray(i));
        end = i;
      }
    }
    return b.toString('utf8', 0, end);
  }

  end(): string {
    const rest = this.pending;
    this.pending = null;
    return rest ? rest.toString('utf8') : '';
  }
}
