/**
 * Calibration / holdout summaries for the BTYD models: per customer the repeat frequency x,
 * recency tx and age T (in weeks by default) up to a cutoff, mean repeat spend, and what the
 * customer did in the holdout window after the cutoff. Pure: data in, summaries out.
 */

const MS_PER_DAY = 86_400_000;

/** One purchase line, or one merged purchase day, of one customer. */
export interface Transaction {
  customerId: string;
  /** A Date (its UTC calendar day is used) or a 'YYYY-MM-DD' (or 'YYYYMMDD') string. */
  day: Date | string;
  amount: number;
  quantity: number;
}

/** A customer's purchases of one calendar day merged into one transaction. */
export interface DailyTransaction {
  customerId: string;
  /** 'YYYY-MM-DD' */
  day: string;
  amount: number;
  quantity: number;
}

export interface CalibrationWindow {
  /** Last day of the calibration period (inclusive). */
  calibrationEnd: Date | string;
  /** Last day of the holdout period (inclusive); the holdout starts the day after calibrationEnd. */
  holdoutEnd: Date | string;
  /** Length of the time unit in days; 7 gives weeks (the default). */
  unitDays?: number;
}

export interface CustomerSummary {
  customerId: string;
  /** Repeat transactions (purchase days after the first) in the calibration period. */
  x: number;
  /** Time from the first purchase to the last calibration purchase. */
  tx: number;
  /** Time from the first purchase to the end of calibration. */
  T: number;
  /** Mean value of the repeat transactions (the first purchase excluded); 0 when x = 0. */
  monetary: number;
  /** 'YYYY-MM-DD' */
  firstPurchase: string;
  /** Purchase days in the holdout period. */
  holdoutTransactions: number;
  /** Total value bought in the holdout period. */
  holdoutValue: number;
}

export class CalibrationInputError extends Error {
  readonly code = 'CALIBRATION_INPUT_INVALID';
  constructor(input: unknown, why: string) {
    super(`calibration input ${JSON.stringify(input)} is invalid: ${why}`);
    this.name = 'CalibrationInputError';
  }
}

const DASHED = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Days since 1970-01-01 (UTC) of a Date or a 'YYYY-MM-DD' / 'YYYYMMDD' string. */
export function dayNumber(day: Date | string): number {
  if (day instanceof Date) {
    const t = day.getTime();
    if (!Number.isFinite(t)) throw new CalibrationInputError(String(day), 'invalid Date');
    return Math.floor(t / MS_PER_DAY);
  }
  const m = DASHED.exec(day) ?? COMPACT.exec(day);
  if (m === null) throw new CalibrationInputError(day, "day must be 'YYYY-MM-DD'");
  const year = Number(m[1]);
  const month = Number(m[2]);
  const date = Number(m[3]);
  const t = Date.UTC(year, month - 1, date);
  const check = new Date(t);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new CalibrationInputError(day, 'no such calendar day');
  }
  return t / MS_PER_DAY;
}

/** 'YYYY-MM-DD' of a day number from dayNumber. */
export function formatDay(dayNum: number): string {
  return new Date(dayNum * MS_PER_DAY).toISOString().slice(0, 10);
}

/** dayNumber with a cache of the strings seen (a dataset has few distinct days but many rows). */
function cachedDayNumber(): (day: Date | string) => number {
  const seen = new Map<string, number>();
  return (day) => {
    if (typeof day !== 'string') return dayNumber(day);
    let d = seen.get(day);
    if (d === undefined) {
      d = dayNumber(day);
      seen.set(day, d);
    }
    return d;
  };
}

interface DayTotals {
  amount: number;
  quantity: number;
}

/** Merges each customer's same-day purchases into one transaction (amounts and quantities summed); sorted by customer id, then day. */
export function mergeSameDay(rows: Iterable<Transaction>): DailyTransaction[] {
  const byCustomer = new Map<string, Map<number, DayTotals>>();
  const toDay = cachedDayNumber();
  for (const row of rows) {
    if (!Number.isFinite(row.amount) || !Number.isFinite(row.quantity)) {
      throw new CalibrationInputError(row, 'amount and quantity must be finite numbers');
    }
    const d = toDay(row.day);
    let days = byCustomer.get(row.customerId);
    if (days === undefined) {
      days = new Map();
      byCustomer.set(row.customerId, days);
    }
    const totals = days.get(d);
    if (totals === undefined) days.set(d, { amount: row.amount, quantity: row.quantity });
    else {
      totals.amount += row.amount;
      totals.quantity += row.quantity;
    }
  }
  const out: DailyTransaction[] = [];
  const labels = new Map<number, string>();
  for (const customerId of [...byCustomer.keys()].sort(compareIds)) {
    const days = byCustomer.get(customerId) as Map<number, DayTotals>;
    for (const d of [...days.keys()].sort((a, b) => a - b)) {
      const t = days.get(d) as DayTotals;
      let label = labels.get(d);
      if (label === undefined) {
        label = formatDay(d);
        labels.set(d, label);
      }
      out.push({ customerId, day: label, amount: t.amount, quantity: t.quantity });
    }
  }
  return out;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Accumulator {
  days: number[];
  amounts: number[];
}

/**
 * Per-customer (x, tx, T, monetary) up to calibrationEnd and holdout counts / value up to
 * holdoutEnd, sorted by customer id; customers first seen after calibrationEnd are left out.
 * Same-day rows are merged here too, so raw or merged transactions give the same result.
 */
export function summarizeCustomers(rows: Iterable<Transaction>, window: CalibrationWindow): CustomerSummary[] {
  const calEnd = dayNumber(window.calibrationEnd);
  const holdEnd = dayNumber(window.holdoutEnd);
  const unit = window.unitDays ?? 7;
  if (holdEnd < calEnd) throw new CalibrationInputError(window, 'holdoutEnd is before calibrationEnd');
  if (!(unit > 0)) throw new CalibrationInputError(window, 'unitDays must be positive');

  const byCustomer = new Map<string, Accumulator>();
  const toDay = cachedDayNumber();
  for (const row of rows) {
    if (!Number.isFinite(row.amount)) throw new CalibrationInputError(row, 'amount must be a finite number');
    const d = toDay(row.day);
    if (d > holdEnd) continue;
    let acc = byCustomer.get(row.customerId);
    if (acc === undefined) {
      acc = { days: [], amounts: [] };
      byCustomer.set(row.customerId, acc);
    }
    acc.days.push(d);
    acc.amounts.push(row.amount);
  }

  const out: CustomerSummary[] = [];
  for (const customerId of [...byCustomer.keys()].sort(compareIds)) {
    const summary = summarizeOne(customerId, byCustomer.get(customerId) as Accumulator, calEnd, unit);
    if (summary !== null) out.push(summary);
  }
  return out;
}

function summarizeOne(customerId: string, acc: Accumulator, calEnd: number, unit: number): CustomerSummary | null {
  const order = acc.days.map((_, i) => i);
  if (!isSorted(acc.days)) order.sort((i, j) => acc.days[i] - acc.days[j]);
  const first = acc.days[order[0]];
  if (first > calEnd) return null;

  let x = 0;
  let lastCal = first;
  let repeatValue = 0;
  let holdoutTransactions = 0;
  let holdoutValue = 0;
  let prevDay = NaN;
  for (const i of order) {
    const d = acc.days[i];
    const amount = acc.amounts[i];
    const newDay = d !== prevDay;
    prevDay = d;
    if (d <= calEnd) {
      if (d === first) continue; // the first purchase day (all its rows) is not a repeat
      if (newDay) x += 1;
      lastCal = d;
      repeatValue += amount;
    } else {
      if (newDay) holdoutTransactions += 1;
      holdoutValue += amount;
    }
  }
  return {
    customerId,
    x,
    tx: (lastCal - first) / unit,
    T: (calEnd - first) / unit,
    monetary: x > 0 ? repeatValue / x : 0,
    firstPurchase: formatDay(first),
    holdoutTransactions,
    holdoutValue,
  };
}

function isSorted(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] < values[i - 1]) return false;
  return true;
}
