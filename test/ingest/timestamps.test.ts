/** Timestamp formats and naive local time -> UTC, DST included. */
import assert from 'node:assert/strict';
import { compileTimestampFormat, INVALID, localToUtcIn } from '../../domain/ingest/timestamps';

describe('ingest: timestamps', () => {
  it('a naive Europe/London time converts to UTC in winter (GMT) and summer (BST)', () => {
    const parse = compileTimestampFormat('YYYY-MM-DD HH:mm:ss', 'Europe/London');
    assert.equal(parse('2011-01-15 10:30:00'), '2011-01-15T10:30:00Z');
    assert.equal(parse('2011-07-15 10:30:00'), '2011-07-15T09:30:00Z');
    // Just before and after the change on 2011-03-27 01:00 UTC.
    assert.equal(parse('2011-03-27 00:59:59'), '2011-03-27T00:59:59Z');
    assert.equal(parse('2011-03-27 02:00:00'), '2011-03-27T01:00:00Z');
  });

  it('DST gaps shift forward and repeated hours take the first occurrence', () => {
    const parse = compileTimestampFormat('YYYY-MM-DD HH:mm', 'Europe/London');
    assert.equal(parse('2011-03-27 01:30'), '2011-03-27T01:30:00Z', '01:30 does not exist; it reads as 02:30 BST');
    assert.equal(parse('2011-10-30 01:30'), '2011-10-30T00:30:00Z', '01:30 happens twice; the first is BST');
    assert.equal(parse('2011-10-30 02:30'), '2011-10-30T02:30:00Z');
  });

  it('other zones: Sao Paulo (DST in the southern summer until 2019), New York, Kolkata (+05:30)', () => {
    assert.equal(compileTimestampFormat('YYYY-MM-DD HH:mm:ss', 'America/Sao_Paulo')('2018-01-10 12:00:00'), '2018-01-10T14:00:00Z');
    assert.equal(compileTimestampFormat('YYYY-MM-DD HH:mm:ss', 'America/Sao_Paulo')('2018-06-12 20:07:44'), '2018-06-12T23:07:44Z');
    assert.equal(compileTimestampFormat('M/D/YYYY H:mm', 'America/New_York')('7/4/2020 9:05'), '2020-07-04T13:05:00Z');
    assert.equal(compileTimestampFormat('YYYY-MM-DD HH:mm', 'Asia/Kolkata')('2020-01-01 05:30'), '2020-01-01T00:00:00Z');
  });

  it('matches Intl every 45 minutes through a year in a DST zone', () => {
    const toUtc = localToUtcIn('Europe/Berlin');
    const dtf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const wallClock = (t: number) => {
      const p = Object.fromEntries(dtf.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
      return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    };
    for (let t = Date.UTC(2021, 0, 1); t < Date.UTC(2022, 0, 1); t += 45 * 60_000) {
      const back = toUtc(wallClock(t));
      // The repeated autumn hour maps back to its first occurrence, an hour earlier with the same wall clock.
      const ok = back === t || (back === t - 3_600_000 && wallClock(back) === wallClock(t));
      assert.ok(ok, `${new Date(t).toISOString()} -> ${new Date(back).toISOString()}`);
    }
  });

  it('date-only, unix seconds and millis, a zone suffix and ISO-8601 with offsets', () => {
    assert.equal(compileTimestampFormat('YYYYMMDD', 'UTC')('19970101'), '1997-01-01T00:00:00Z');
    assert.equal(compileTimestampFormat('unix-seconds', 'Asia/Shanghai')('1511544070'), '2017-11-24T17:21:10Z');
    assert.equal(compileTimestampFormat('unix-millis', 'UTC')('1511544070123'), '2017-11-24T17:21:10.123Z');
    const rees = compileTimestampFormat('YYYY-MM-DD HH:mm:ss z', 'Europe/London');
    assert.equal(rees('2019-10-01 00:00:00 UTC'), '2019-10-01T00:00:00Z', 'the stated zone wins over the mapping zone');
    assert.equal(rees('2019-10-01 00:00:00 Europe/London'), '2019-09-30T23:00:00Z');
    const iso = compileTimestampFormat('iso', 'Europe/London');
    assert.equal(iso('2024-03-01T10:15:00Z'), '2024-03-01T10:15:00Z');
    assert.equal(iso('2024-07-01T10:15:00+02:00'), '2024-07-01T08:15:00Z');
    assert.equal(iso('2024-07-01 10:15'), '2024-07-01T09:15:00Z', 'naive ISO times are in the mapping zone');
    assert.equal(iso('2024-07-01T10:15:00.5Z'), '2024-07-01T10:15:00.500Z');
  });

  it('rejects malformed and impossible values', () => {
    const parse = compileTimestampFormat('YYYY-MM-DD HH:mm:ss', 'UTC');
    for (const bad of ['2011-13-01 10:00:00', '2011-02-29 10:00:00', '2011-04-31 00:00:00', '2011-01-01 24:00:00', '2011-01-01 10:00', '2011-01-01 10:00:00 extra', '', 'yesterday']) {
      assert.equal(parse(bad), INVALID, bad);
    }
    assert.equal(parse('2012-02-29 10:00:00'), '2012-02-29T10:00:00Z');
    assert.equal(compileTimestampFormat('unix-seconds', 'UTC')('12a'), INVALID);
    assert.equal(compileTimestampFormat('iso', 'UTC')('2024-03-01T10:15:00+99:00'), INVALID);
    assert.throws(() => compileTimestampFormat('HH:mm', 'UTC'), /needs YYYY, MM/);
  });
});
