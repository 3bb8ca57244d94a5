/**
 * Time for the synthetic world: epoch seconds throughout, fast ISO-8601 formatting, the seasonal
 * intensity m(t) of purchases and browsing, and the arrival-time sampler. Distributions: see MODEL.
 */
import { DAY_KINDS, MODEL, type DayKind } from './model';
import type { Rng } from './prng';

export const SECONDS_PER_DAY = 86400;
export const SECONDS_PER_YEAR = 365.25 * SECONDS_PER_DAY;

/** Date prefixes of every day in a range, so CsvSink.time writes 'YYYY-MM-DDTHH:MM:SSZ' without a Date per call. */
export class IsoFormatter {
  /** Epoch day of the first table row. */
  readonly firstDay: number;
  /** Number of days in the table. */
  readonly days: number;
  /** 'YYYY-MM-DDT' as 11 ASCII bytes per day, for CsvSink.time. */
  readonly dayBytes: Uint8Array;

  constructor(fromSec: number, toSec: number) {
    this.firstDay = Math.floor(fromSec / SECONDS_PER_DAY) - 1;
    this.days = Math.floor(toSec / SECONDS_PER_DAY) + 2 - this.firstDay;
    this.dayBytes = new Uint8Array(this.days * 11);
    for (let d = 0; d < this.days; d++) {
      const prefix = `${new Date((this.firstDay + d) * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10)}T`;
      for (let i = 0; i < 11; i++) this.dayBytes[d * 11 + i] = prefix.charCodeAt(i);
    }
  }

  /** The same text as a string (slow path, for the few times outside the table). */
  format(time: number): string {
    return toIso(time);
  }
}

/** 'YYYY-MM-DDTHH:MM:SSZ' for any epoch second (slow path). */
export function toIso(sec: number): string {
  return `${new Date(Math.floor(sec) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Day kind (see MODEL.seasonality.dayKind) of a UTC calendar date. */
export function dayKindOf(year: number, month0: number, day: number): DayKind {
  if (month0 === 10 || month0 === 11) {
    // Black Friday: the day after the fourth Thursday of November; the window runs to Cyber Monday.
    const nov1 = new Date(Date.UTC(year, 10, 1)).getUTCDay();
    const firstThursday = 1 + ((4 - nov1 + 7) % 7);
    const blackFriday = firstThursday + 22;
    const dayOfNovDec = month0 === 10 ? day : day + 30;
    if (dayOfNovDec >= blackFriday && dayOfNovDec <= blackFriday + 3) return 'blackFriday';
    if (month0 === 11 && day >= 23 && day <= 26) return 'lull';
    if (month0 === 10 || day <= 22) return 'holiday';
    return 'normal';
  }
  if (month0 === 0 && day >= 2 && day <= 14) return 'januarySale';
  return 'normal';
}

/**
 * Seasonal intensity m(t) = day(t) * hour(local hour), by table look-up over a day range; the tables
 * are indexed by local calendar day so a customer's weekday and evening follow their time zone.
 */
export class Seasonality {
  readonly firstDay: number;
  readonly dayFactor: Float64Array;
  readonly dayKind: Uint8Array;
  readonly hourFactor: Float64Array;
  /** An upper bound of m(t), for thinning. */
  readonly max: number;

  constructor(fromSec: number, toSec: number, power = 1) {
    const s = MODEL.seasonality;
    this.firstDay = Math.floor(fromSec / SECONDS_PER_DAY) - 2;
    const days = Math.floor(toSec / SECONDS_PER_DAY) + 2 - this.firstDay + 1;
    this.dayFactor = new Float64Array(days);
    this.dayKind = new Uint8Array(days);
    let maxDay = 0;
    for (let i = 0; i < days; i++) {
      const date = new Date((this.firstDay + i) * SECONDS_PER_DAY * 1000);
      const y = date.getUTCFullYear();
      const doy = (Date.UTC(y, date.getUTCMonth(), date.getUTCDate()) - Date.UTC(y, 0, 1)) / 86400000;
      const kind = dayKindOf(y, date.getUTCMonth(), date.getUTCDate());
      const weekday = (date.getUTCDay() + 6) % 7;
      const f = (1 + s.yearlyAmplitude * Math.cos((2 * Math.PI * (doy - s.yearlyPeakDay)) / 365.25)) * s.weekday[weekday] * s.dayKind[kind];
      this.dayFactor[i] = Math.pow(f, power);
      this.dayKind[i] = DAY_KINDS.indexOf(kind);
      if (this.dayFactor[i] > maxDay) maxDay = this.dayFactor[i];
    }
    this.hourFactor = Float64Array.from(s.hour);
    this.max = maxDay * Math.max(...s.hour);
  }

  /** m(t) for a customer whose local time is UTC + offsetSec. */
  at(sec: number, offsetSec: number): number {
    const local = sec + offsetSec;
    const day = Math.floor(local / SECONDS_PER_DAY);
    const hour = Math.floor((local - day * SECONDS_PER_DAY) / 3600);
    return this.dayFactor[day - this.firstDay] * this.hourFactor[hour];
  }

  /** The day kind at a customer's local time. */
  kindAt(sec: number, offsetSec: number): DayKind {
    return DAY_KINDS[this.dayKind[Math.floor((sec + offsetSec) / SECONDS_PER_DAY) - this.firstDay]];
  }

  /**
   * The next time after `from` of a Poisson process with intensity ratePerSec * m(t), by thinning;
   * Infinity when none occurs before `until`.
   */
  nextEvent(rng: Rng, from: number, until: number, ratePerSec: number, offsetSec: number): number {
    if (!(ratePerSec > 0)) return Infinity;
    const envelope = ratePerSec * this.max;
    let t = from;
    for (;;) {
      t += rng.exp(1 / envelope);
      if (t >= until) return Infinity;
      if (rng.next() * this.max < this.at(t, offsetSec)) return t;
    }
  }
}

/**
 * First-visit times of n customers, ascending: sorted order statistics of n draws from the acquisition
 * density (see MODEL.acquisition), generated one at a time in O(1) memory per draw.
 */
export class ArrivalSampler {
  private readonly startHour: number;
  private readonly cumulative: Float64Array;
  private readonly fromSec: number;
  private readonly toSec: number;
  private remaining: number;
  private u = 0;

  constructor(fromSec: number, toSec: number, n: number, private readonly rng: Rng) {
    const season = new Seasonality(fromSec, toSec, MODEL.acquisition.acquisitionPeakPower);
    const countries = MODEL.countries;
    const totalWeight = countries.reduce((a, c) => a + c.weight, 0);
    // Diurnal pattern in UTC: the local-hour pattern mixed over the countries' offsets.
    const utcHour = new Float64Array(24);
    for (let h = 0; h < 24; h++) {
      for (const c of countries) utcHour[h] += (c.weight / totalWeight) * season.hourFactor[(((h + c.offsetHours) % 24) + 24) % 24];
    }
    this.fromSec = fromSec;
    this.toSec = toSec;
    this.startHour = Math.floor(fromSec / 3600);
    const hours = Math.ceil(toSec / 3600) - this.startHour;
    this.cumulative = new Float64Array(hours);
    let sum = 0;
    for (let i = 0; i < hours; i++) {
      const hStart = Math.max(fromSec, (this.startHour + i) * 3600);
      const hEnd = Math.min(toSec, (this.startHour + i + 1) * 3600);
      const mid = (hStart + hEnd) / 2;
      const trend = 1 + MODEL.acquisition.growth * ((mid - fromSec) / (toSec - fromSec));
      const day = Math.floor(mid / SECONDS_PER_DAY);
      const w = trend * season.dayFactor[day - season.firstDay] * utcHour[(this.startHour + i) % 24] * Math.max(0, hEnd - hStart);
      sum += w;
      this.cumulative[i] = sum;
    }
    this.remaining = n;
  }

  /** The next arrival time (integer epoch seconds, non-decreasing). */
  next(): number {
    if (this.remaining <= 0) throw new RangeError('ArrivalSampler: all arrivals drawn');
    // Minimum of the remaining m uniforms on [u, 1): u + (1 - u) * (1 - V^(1/m)).
    this.u += (1 - this.u) * (1 - Math.pow(this.rng.next(), 1 / this.remaining));
    this.remaining--;
    return this.invert(this.u);
  }

  /** Inverse of the acquisition CDF (linear within an hour). */
  invert(u: number): number {
    const c = this.cumulative;
    const target = u * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    const below = lo === 0 ? 0 : c[lo - 1];
    const frac = c[lo] > below ? (target - below) / (c[lo] - below) : 0;
    const hStart = Math.max(this.fromSec, (this.startHour + lo) * 3600);
    const hEnd = Math.min(this.toSec, (this.startHour + lo + 1) * 3600);
    return Math.min(this.toSec - 1, Math.floor(hStart + frac * (hEnd - hStart)));
  }
}
