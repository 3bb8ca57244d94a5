/** Bad files: file-level problems throw SourceFileError naming the file; row-level ones become rejected rows with file, line and column. */
import assert from 'node:assert/strict';
import { SourceFileError } from '../../domain/ingest/errors';
import type { OrderLineRecord } from '../../domain/ingest/records';
import { readAll, tempDir } from './helpers';

const HEADER = '"InvoiceNo","StockCode","Description","Quantity","InvoiceDate","UnitPrice","CustomerID","Country"';
const LINE_2 = '"536365","85123A","WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26:00,2.55,17850,"United Kingdom"';
const LINE_3 = '"536365","71053","WHITE METAL LANTERN",6,2010-12-01 08:26:00,3.39,17850,"United Kingdom"';

/** Asserts that reading throws a SourceFileError with this code whose message names the file and matches. */
async function assertFileError(file: string, mapping: string, code: string, ...patterns: RegExp[]): Promise<SourceFileError> {
  let caught: unknown;
  try {
    await readAll(file, mapping);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof SourceFileError, `expected a SourceFileError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  assert.ok(caught.message.includes(file), `message names the file: ${caught.message}`);
  for (const p of patterns) assert.match(caught.message, p);
  return caught;
}

describe('ingest: bad input', () => {
  const tmp = tempDir('bad-input');
  after(() => tmp.cleanup());

  describe('file-level problems throw SourceFileError', () => {
    it('an empty file, an empty .gz and a file of blank lines', async () => {
      await assertFileError(tmp.write('empty.csv', ''), 'online-retail', 'EMPTY_FILE', /empty/);
      await assertFileError(tmp.write('empty.csv.gz', ''), 'online-retail', 'EMPTY_FILE');
      await assertFileError(tmp.write('blank.csv', '\r\n\n  \n'), 'online-retail', 'EMPTY_FILE');
    });

    it('a binary file (NUL bytes in the first KiB), also inside gzip', async () => {
      const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
      await assertFileError(tmp.write('image.csv', bytes), 'online-retail', 'BINARY_FILE', /binary/);
      await assertFileError(tmp.write('image.csv.gz', bytes), 'online-retail', 'BINARY_FILE', /unpacked/);
    });

    it('a missing file and a corrupt gzip', async () => {
      await assertFileError(`${tmp.dir}/nope.csv`, 'online-retail', 'FILE_NOT_FOUND');
      const gz = tmp.write('cut.csv.gz', `${HEADER}\n${LINE_2}\n`.repeat(200));
      const fs = await import('node:fs');
      fs.truncateSync(gz, 40);
      await assertFileError(gz, 'online-retail', 'BAD_GZIP', /gzip/);
    });

    it('a wrong delimiter: says which delimiter was used and which one the header seems to use', async () => {
      const text = `${HEADER}\n${LINE_2}\n`.replaceAll(',', ';');
      const err = await assertFileError(tmp.write('semicolons.csv', text), 'online-retail', 'WRONG_DELIMITER');
      assert.match(err.message, /delimiter ","/);
      assert.match(err.message, /expects 8/);
      assert.match(err.message, /seems to use ";"/);
    });

    it('a wrong delimiter in a file without a header (the first data line)', async () => {
      const err = await assertFileError(tmp.write('tabs.csv', '1\t2268318\t2520377\tpv\t1511544070\n'), 'taobao-events', 'WRONG_DELIMITER');
      assert.match(err.message, /line 1 .*delimiter "," .*expects 5; the line seems to use tab/);
    });

    it('a header missing a mapped column lists the missing names', async () => {
      const text = `${HEADER.replace(',"UnitPrice"', '').replace(',"Country"', '')}\n`;
      await assertFileError(tmp.write('missing.csv', text), 'online-retail', 'HEADER_MISSING_COLUMNS', /columns UnitPrice, Country/);
    });

    it('a strict header with unknown columns lists them', async () => {
      const text = 'customer_id,first_seen,country,time_zone,consent_email,consent_sms,favourite_colour\nc1,2024-03-01T10:15:00Z,GB,Europe/London,true,false,blue\n';
      await assertFileError(tmp.write('customers.csv', text), 'synthetic-customers', 'HEADER_UNKNOWN_COLUMNS', /unknown column favourite_colour/);
    });
  });

  describe('row-level problems become rejected rows', () => {
    it('an unparseable date names file, line and column, and the other rows are kept', async () => {
      const bad = LINE_3.replace('2010-12-01 08:26:00', '2011-13-01 10:00');
      const res = await readAll(tmp.write('dates.csv', `${HEADER}\n${LINE_2}\n${bad}\n`), 'online-retail');
      assert.equal(res.rows.length, 1);
      assert.deepEqual(res.rejected, [
        { lineNo: 3, raw: bad, reason: 'dates.csv:3 column InvoiceDate: "2011-13-01 10:00" is not a date in format YYYY-MM-DD HH:mm:ss' },
      ]);
      assert.equal(res.linesRead, res.rows.length + res.rejected.length);
    });

    it('a calendar date that does not exist is rejected too', async () => {
      const bad = LINE_3.replace('2010-12-01 08:26:00', '2011-02-29 10:00:00');
      const res = await readAll(tmp.write('feb29.csv', `${HEADER}\n${bad}\n`), 'online-retail');
      assert.match(res.rejected[0].reason, /^feb29\.csv:2 column InvoiceDate: "2011-02-29 10:00:00" is not a date/);
    });

    it('an unparseable number names file, line and column', async () => {
      const bad = LINE_3.replace(',6,', ',six,');
      const hex = LINE_3.replace(',3.39,', ',0x10,');
      const res = await readAll(tmp.write('numbers.csv', `${HEADER}\n${bad}\n${hex}\n${LINE_2}\n`), 'online-retail');
      assert.deepEqual(
        res.rejected.map((r) => r.reason),
        ['numbers.csv:2 column Quantity: "six" is not an integer', 'numbers.csv:3 column UnitPrice: "0x10" is not a number'],
      );
      assert.deepEqual(res.rows.map((r) => r.lineNo), [4]);
      assert.equal(res.linesRead, 3);
    });

    it('a missing required value is rejected; a missing optional customer is kept as null', async () => {
      const noInvoice = LINE_3.replace('"536365"', '""');
      const noCustomer = LINE_3.replace(',17850,', ',,');
      const res = await readAll(tmp.write('required.csv', `${HEADER}\n${noInvoice}\n${noCustomer}\n`), 'online-retail');
      assert.deepEqual(res.rejected.map((r) => r.reason), ['required.csv:2 column InvoiceNo: required value is empty']);
      assert.equal(res.rows.length, 1);
      assert.equal((res.rows[0].record as OrderLineRecord).customerId, null);
    });

    it('a wrong number of columns is rejected with the counts', async () => {
      const short = LINE_3.replace(',"United Kingdom"', '');
      const res = await readAll(tmp.write('columns.csv', `${HEADER}\n${short}\n${LINE_2}\n`), 'online-retail');
      assert.deepEqual(res.rejected.map((r) => r.reason), ['columns.csv:2: expected 8 columns, found 7']);
      assert.equal(res.rows.length, 1);
    });

    it('a truncated last line (no newline, too few columns) is rejected as such', async () => {
      const cut = LINE_3.slice(0, LINE_3.indexOf(',3.39'));
      const res = await readAll(tmp.write('truncated.csv', `${HEADER}\n${LINE_2}\n${cut}`), 'online-retail');
      assert.deepEqual(res.rejected, [{ lineNo: 3, raw: cut, reason: 'truncated.csv:3: truncated last line (no newline at end of file): 5 of 8 columns' }]);
      assert.equal(res.rows.length, 1);
      assert.equal(res.linesRead, 2);
    });

    it('a file ending inside a quoted field is a truncated last line', async () => {
      const cut = LINE_3.slice(0, LINE_3.indexOf('LANTERN'));
      const res = await readAll(tmp.write('open-quote.csv', `${HEADER}\n${LINE_2}\n${cut}`), 'online-retail');
      assert.equal(res.rejected.length, 1);
      assert.match(res.rejected[0].reason, /^open-quote\.csv:3: truncated last line: the file ends inside a quoted field/);
      assert.equal(res.linesRead, 2);
    });

    it('a complete last line without a newline is accepted', async () => {
      const res = await readAll(tmp.write('no-newline.csv', `${HEADER}\r\n${LINE_2}\r\n${LINE_3}`), 'online-retail');
      assert.equal(res.rows.length, 2);
      assert.equal(res.rejected.length, 0);
      assert.equal(res.rows[1].raw, LINE_3);
    });

    it('a quoted field with an embedded newline, delimiter and escaped quote is one field; lines stay physical', async () => {
      const multi = LINE_3.replace('"WHITE METAL LANTERN"', '"WHITE METAL, ""BIG""\r\nLANTERN"');
      const res = await readAll(tmp.write('embedded.csv', `${HEADER}\r\n${multi}\r\n${LINE_2}\r\n`), 'online-retail');
      assert.equal(res.rejected.length, 0);
      assert.deepEqual(res.rows.map((r) => r.lineNo), [2, 4]);
      assert.equal((res.rows[0].record as OrderLineRecord).productTitle, 'WHITE METAL, "BIG"\r\nLANTERN');
      assert.equal(res.rows[0].raw, multi);
      assert.equal(res.lastLine, 4);
    });

    it('blank lines are neither rows nor rejections', async () => {
      const res = await readAll(tmp.write('blanks.csv', `${HEADER}\n\n${LINE_2}\n   \n\n${LINE_3}\n\n`), 'online-retail');
      assert.deepEqual(res.rows.map((r) => r.lineNo), [3, 6]);
      assert.equal(res.linesRead, 2);
      assert.equal(res.lastLine, 7);
    });

    it('an event type outside the value map lists the allowed values', async () => {
      const res = await readAll(tmp.write('types.csv', '1,2268318,2520377,like,1511544070\n1,2268318,2520377,buy,1511544070\n'), 'taobao-events');
      assert.deepEqual(res.rejected.map((r) => r.reason), ['types.csv:1 column behavior_type: "like" is not one of pv, cart, fav, buy']);
      assert.equal(res.rows.length, 1);
    });
  });
});
