import assert from 'node:assert/strict';
import { CalibrationInputError, type Transaction, dayNumber, mergeSameDay, summarizeCustomers } from '../../domain/calibration';
import { CDNOW_WINDOW, cdnowSummaries, readCdnow } from './cdnow';

describe('calibration summaries', () => {
  const window = { calibrationEnd: '2024-01-29', holdoutEnd: '2024-03-11' };
  const rows: Transaction[] = [
    { customerId: 'b', day: '2024-01-15', amount: 30, quantity: 1 },
    { customerId: 'a', day: '2024-01-01', amount: 10, quantity: 1 },
    { customerId: 'a', day: '2024-01-15', amount: 20, quantity: 2 },
    { customerId: 'a', day: '2024-01-01', amount: 5, quantity: 1 }, // same day as the first purchase: merged
    { customerId: 'a', day: new Date(Date.UTC(2024, 0, 22, 18, 30)), amount: 40, quantity: 1 },
    { customerId: 'a', day: '2024-01-22', amount: 2, quantity: 1 },
    { customerId: 'a', day: '2024-02-05', amount: 7, quantity: 1 }, // holdout
    { customerId: 'a', day: '2024-02-05', amount: 3, quantity: 1 }, // holdout, same day
    { customerId: 'a', day: '2024-03-12', amount: 99, quantity: 1 }, // after the holdout: ignored
    { customerId: 'c', day: '2024-02-01', amount: 50, quantity: 1 }, // first seen after the cutoff: excluded
  ];

  it('merges same-day purchases, sorted by customer and day', () => {
    const merged = mergeSameDay(rows);
    assert.deepEqual(
      merged.filter((m) => m.customerId === 'a').map((m) => [m.day, m.amount, m.quantity]),
      [
        ['2024-01-01', 15, 2],
        ['2024-01-15', 20, 2],
        ['2024-01-22', 42, 2],
        ['2024-02-05', 10, 2],
        ['2024-03-12', 99, 1],
      ],
    );
    assert.deepEqual([...new Set(merged.map((m) => m.customerId))], ['a', 'b', 'c']);
  });

  it('computes x, tx, T (weeks), repeat-spend mean and the holdout counts', () => {
    const [a, b, ...rest] = summarizeCustomers(rows, window);
    assert.equal(rest.length, 0, 'customer c, first seen after the cutoff, is left out');
    assert.deepEqual(a, {
      customerId: 'a',
      x: 2,
      tx: 3,
      T: 4,
      monetary: (20 + 42) / 2,
      firstPurchase: '2024-01-01',
      holdoutTransactions: 1,
      holdoutValue: 10,
    });
    assert.deepEqual(b, {
      customerId: 'b',
      x: 0,
      tx: 0,
      T: 2,
      monetary: 0,
      firstPurchase: '2024-01-15',
      holdoutTransactions: 0,
      holdoutValue: 0,
    });
  });

  it('gives the same summaries from raw and from merged rows, in any order', () => {
    const fromRaw = summarizeCustomers(rows, window);
    const fromMerged = summarizeCustomers(mergeSameDay([...rows].reverse()), window);
    assert.deepEqual(fromMerged, fromRaw);
  });

  it('rejects malformed days and windows', () => {
    assert.throws(() => dayNumber('2024-02-30'), CalibrationInputError);
    assert.throws(() => dayNumber('01/02/2024'), (e: unknown) => e instanceof CalibrationInputError && e.code === 'CALIBRATION_INPUT_INVALID');
    assert.throws(() => summarizeCustomers(rows, { calibrationEnd: '2024-03-01', holdoutEnd: '2024-02-01' }), CalibrationInputError);
    assert.equal(dayNumber('19970101'), dayNumber('1997-01-01'));
  });

  it('reproduces the published CDNOW sample summary (2,357 customers, 946 repeat buyers)', () => {
    const s = cdnowSummaries('sample');
    assert.equal(s.length, 2357);
    assert.equal(s.filter((c) => c.x > 0).length, 946);
    assert.equal(s.reduce((t, c) => t + c.x, 0), 2457);
    assert.equal(s.reduce((t, c) => t + c.holdoutTransactions, 0), 1882);
    assert.ok(Math.abs(s.reduce((t, c) => t + c.holdoutValue, 0) - 70976.39) < 1e-6);
    // customer 1 of Fader & Hardie's BG/NBD spreadsheet: x = 2, t_x = 30.43, T = 38.86
    assert.equal(s[0].x, 2);
    assert.equal(s[0].tx.toFixed(2), '30.43');
    assert.equal(s[0].T.toFixed(2), '38.86');
    const merged = mergeSameDay(readCdnow('sample'));
    const again = summarizeCustomers(merged, CDNOW_WINDOW);
    again.forEach((c, i) => assert.ok(Math.abs(c.monetary - s[i].monetary) < 1e-9 && c.x === s[i].x));
  });
});
