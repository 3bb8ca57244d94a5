/** The streaming CSV tokenizer: RFC-4180 quoting, line ends, and identical results however the text is chunked. */
import assert from 'node:assert/strict';
import { CsvTokenizer, detectDelimiter } from '../../domain/ingest/csv';
import { splitWhitespace } from '../../domain/ingest/lines';
import { parseDecimal } from '../../domain/ingest/row-mapper';
import { INVALID } from '../../domain/ingest/timestamps';

interface Rec {
  fields: string[];
  lineNo: number;
  endLine: number;
  raw: string;
  atEof: boolean;
  open: boolean;
}

function tokenize(text: string, chunkSize: number, delimiter = ',', skipThroughLine = 0): { records: Rec[]; skipped: number[] } {
  const records: Rec[] = [];
  const skipped: number[] = [];
  const t = new CsvTokenizer(
    { delimiter, quote: '"', file: 'test.csv' },
    (fields, lineNo, endLine, raw, atEof, open) => records.push({ fields: [...fields], lineNo, endLine, raw, atEof, open }),
    (lineNo) => skipped.push(lineNo),
  );
  t.skipThroughLine = skipThroughLine;
  for (let i = 0; i < text.length; i += chunkSize) t.push(text.slice(i, i + chunkSize));
  t.end();
  return { records, skipped };
}

const TRICKY = [
  'id,text,n\r\n',
  '1,"plain",2\r\n',
  '2,"has, comma",3\n',
  '3,"has ""quotes""",4\r',
  '4,"multi\r\nline\nfield",5\n',
  '\n',
  '5,,\n',
  '6,"",7\r\n',
  '7,"a"b,8\n',
  '8,unquoted "inner" quotes,9',
].join('');

describe('ingest: CSV tokenizer', () => {
  it('splits RFC-4180 records with physical line numbers and raw text', () => {
    const { records } = tokenize(TRICKY, TRICKY.length);
    assert.deepEqual(
      records.map((r) => [r.lineNo, r.endLine, r.fields]),
      [
        [1, 1, ['id', 'text', 'n']],
        [2, 2, ['1', 'plain', '2']],
        [3, 3, ['2', 'has, comma', '3']],
        [4, 4, ['3', 'has "quotes"', '4']],
        [5, 7, ['4', 'multi\r\nline\nfield', '5']],
        [8, 8, ['']],
        [9, 9, ['5', '', '']],
        [10, 10, ['6', '', '7']],
        [11, 11, ['7', 'ab', '8']],
        [12, 12, ['8', 'unquoted "inner" quotes', '9']],
      ],
    );
    assert.equal(records[4].raw, '4,"multi\r\nline\nfield",5');
    assert.deepEqual(records.map((r) => r.atEof), [...Array(9).fill(false), true]);
  });

  it('gives the same records for every chunk size, skipping included', () => {
    const whole = tokenize(TRICKY, TRICKY.length);
    for (let size = 1; size <= TRICKY.length; size++) {
      assert.deepEqual(tokenize(TRICKY, size), whole, `chunk size ${size}`);
      const part = tokenize(TRICKY, size, ',', 5);
      assert.deepEqual(part.skipped, [1, 2, 3, 4, 5], `chunk size ${size}`);
      assert.deepEqual(part.records, whole.records.slice(5), `chunk size ${size}`);
    }
  });

  it('flags a file that ends inside a quoted field', () => {
    const { records } = tokenize('a,b\n1,"never closed\n2,x\n', 5);
    assert.equal(records.length, 2);
    assert.deepEqual({ ...records[1], fields: records[1].fields }, { fields: ['1', 'never closed\n2,x\n'], lineNo: 2, endLine: 3, raw: '1,"never closed\n2,x\n', atEof: true, open: true });
  });

  it('refuses a runaway quote instead of holding the file in memory', () => {
    const t = new CsvTokenizer({ delimiter: ',', quote: '"', file: 'runaway.csv', maxRecordChars: 1000 }, () => {}, () => {});
    t.push('a,b\n1,"');
    assert.throws(() => {
      for (let i = 0; i < 10; i++) t.push('x'.repeat(200) + '\n');
    }, /runaway\.csv: the record starting at line 2 is longer than 1000 characters/);
  });

  it('handles other delimiters and detects them from the first line', () => {
    assert.deepEqual(tokenize('a;b;"c;d"\n', 100, ';').records[0].fields, ['a', 'b', 'c;d']);
    assert.deepEqual(tokenize('a\tb\t\n', 100, '\t').records[0].fields, ['a', 'b', '']);
    assert.equal(detectDelimiter('a,b,c'), ',');
    assert.equal(detectDelimiter('a;b;"c,d,e"'), ';');
    assert.equal(detectDelimiter('a\tb\tc,d'), '\t');
    assert.equal(detectDelimiter('a|b|c'), '|');
    assert.equal(detectDelimiter('abc'), ',');
  });

  it('splits whitespace-separated columns (CDNOW)', () => {
    assert.deepEqual(splitWhitespace(' 00001 19970101  1   11.77'), ['00001', '19970101', '1', '11.77']);
    assert.deepEqual(splitWhitespace('\t a \t b '), ['a', 'b']);
    assert.deepEqual(splitWhitespace('   '), []);
  });

  it('parses decimals exactly as Number() does, and refuses what Number() wrongly accepts', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    for (let i = 0; i < 20_000; i++) {
      const digits = String(Math.floor(random() * 10 ** (1 + Math.floor(random() * 15))));
      const cut = Math.floor(random() * (digits.length + 1));
      const text = `${random() < 0.3 ? '-' : ''}${digits.slice(0, cut)}${cut < digits.length ? '.' : ''}${digits.slice(cut)}`;
      assert.equal(parseDecimal(text, false), Number(text), text);
    }
    for (const ok of ['1e3', '+.5', '1.', '-0', '12345678901234567890.5']) assert.equal(parseDecimal(ok, false), Number(ok), ok);
    assert.equal(parseDecimal('9,5', true), 9.5);
    for (const bad of ['0x10', 'Infinity', '1 2', '-', '.', '1.2.3', '1,5', 'NaN']) assert.equal(parseDecimal(bad, false), INVALID, bad);
  });
});
