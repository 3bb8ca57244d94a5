/** Small key -> value tables read from a CSV file with a header (Olist's category name translation). */
import path from 'node:path';
import { CsvTokenizer, detectDelimiter } from './csv';
import { SourceFileError } from './errors';
import { openText } from './text-stream';

/** Reads two columns of a CSV file into a map; throws SourceFileError naming the file and missing columns. */
export async function loadLookupTable(file: string, key: string, value: string): Promise<Map<string, string>> {
  const table = new Map<string, string>();
  let tokenizer: CsvTokenizer | null = null;
  let keyIdx = -1;
  let valueIdx = -1;
  let pendingError: SourceFileError | null = null;
  const onRecord = (fields: string[]) => {
    if (pendingError || (fields.length === 1 && fields[0].trim() === '')) return;
    if (keyIdx < 0) {
      const names = fields.map((f) => f.trim());
      keyIdx = names.indexOf(key);
      valueIdx = names.indexOf(value);
      if (keyIdx < 0 || valueIdx < 0) {
        const missing = [key, value].filter((c) => !names.includes(c));
        pendingError = new SourceFileError('LOOKUP_FILE', file, `lookup file header has no column ${missing.join(', ')} (columns: ${names.join(', ')})`);
      }
      return;
    }
    const k = fields[keyIdx]?.trim();
    const v = fields[valueIdx]?.trim();
    if (k && v && !table.has(k)) table.set(k, v);
  };
  try {
    for await (const chunk of openText(file)) {
      if (!tokenizer) {
        const nl = chunk.indexOf('\n');
        tokenizer = new CsvTokenizer({ delimiter: detectDelimiter(nl >= 0 ? chunk.slice(0, nl) : chunk), quote: '"', file: path.basename(file) }, onRecord, () => {});
      }
      tokenizer.push(chunk);
      if (pendingError) throw pendingError;
    }
    tokenizer?.end();
  } catch (err) {
    if (err instanceof SourceFileError && err.code !== 'LOOKUP_FILE') throw new SourceFileError('LOOKUP_FILE', file, `lookup file unusable: ${err.message}`);
    throw err;
  }
  if (pendingError) throw pendingError;
  return table;
}
