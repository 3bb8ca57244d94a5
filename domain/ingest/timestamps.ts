/**
 * Timestamp parsing for source columns: a small format language ('YYYY-MM-DD HH:mm:ss', 'YYYYMMDD',
 * 'YYYY-MM-DD HH:mm:ss z', 'iso', 'unix-seconds', 'unix-millis') and naive local time -> UTC through Intl.
 */

/** Returned by a parser when the text does not match its format. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Parses one column value into an ISO-8601 UTC string ('YYYY-MM-DDTHH:MM:SSZ', '.sss' only when non-zero). */
export type TimestampParser = (text: string) => string | Invalid;

export const SPECIAL_TIMESTAMP_FORMATS = ['iso', 'unix-seconds', 'unix-millis'] as const;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Offsets are cached per 15-minute bucket: every zone transition since 1970 falls on a quarter hour. */
const BUCKET = 15 * MINUTE;
const UTC_NAMES = new Set(['UTC', 'GMT', 'Z', 'Etc/UTC', 'Etc/GMT', 'UCT', 'Zulu', 'Universal']);

/** True when `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Converts a wall-clock time (as if it were UTC, in ms) in a zone to the real UTC instant. */
export type LocalToUtc = (localMs: number) => number;

const zoneCache = new Map<string, LocalToUtc>();

/**
 * Wall clock -> instant in an IANA zone. DST gaps shift forward and repeated hours take the first
 * occurrence (the 'compatible' rule of Temporal and of most databases).
 */
export function localToUtcIn(timeZone: string): LocalToUtc {
  const cached = zoneCache.get(timeZone);
  if (cached) return cached;
  let convert: LocalToUtc;
  if (UTC_NAMES.has(timeZone)) {
    convert = (localMs) => localMs;
  } else {
    const dtf = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    const rawOffset = (at: number): number => {
      const p: Record<string, string> = {};
      for (const part of dtf.formatToParts(new Date(at))) p[part.type] = part.value;
      let year = Number(p.year);
      if (p.era === 'BC' || p.era === 'B') year = 1 - year;
      return utcFromFields(year, Number(p.month), Number(p.day), Number(p.hour), Number(p.minute), Number(p.second), 0) - at;
    };
    // Offset at each UTC midnight; a day whose two midnights agree has one offset throughout
    // (no zone changes and changes back within a day). Other days are cached per 15 minutes.
    const midnights = new Map<number, number>();
    const midnight = (day: number): number => {
      let off = midnights.get(day);
      if (off === undefined) midnights.set(day, (off = rawOffset(day * DAY)));
      return off;
    };
    const quarters = new Map<number, number>();
    const offsetAt = (utcMs: number): number => {
      const day = Math.floor(utcMs / DAY);
      const off = midnight(day);
      if (off === midnight(day + 1)) return off;
      const bucket = Math.floor(utcMs / BUCKET);
      let q = quarters.get(bucket);
      if (q === undefined) quarters.set(bucket, (q = rawOffset(bucket * BUCKET)));
      return q;
    };
    convert = (localMs) => {
      // Offsets never exceed 14 h, so a day either side brackets at most one transition.
      const before = offsetAt(localMs - DAY);
      const after = offsetAt(localMs + DAY);
      if (before === after) {
        const t = localMs - before;
        if (offsetAt(t) === before) return t;
      }
      const t1 = localMs - before;
      const t2 = localMs - after;
      const ok1 = offsetAt(t1) === before;
      const ok2 = offsetAt(t2) === after;
      if (ok1 && ok2) return Math.min(t1, t2);
      if (ok1) return t1;
      if (ok2) return t2;
      return localMs - before;
    };
  }
  zoneCache.set(timeZone, convert);
  return convert;
}

/** Date.UTC that also handles years 0..99 (Date.UTC maps those to 1900..1999). */
function utcFromFields(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  if (y >= 100) return Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y);
  return date.getTime();
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const MIN_ISO_MS = -62_167_219_200_000; // 0000-01-01
const MAX_ISO_MS = 253_402_300_800_000; // 10000-01-01

/**
 * ISO-8601 UTC text of an instant, without milliseconds when they are zero. Hand-rolled: Date#toISOString
 * costs about a microsecond, which shows at hundreds of thousands of rows a second.
 */
export function isoUtc(ms: number): string {
  if (ms < MIN_ISO_MS || ms >= MAX_ISO_MS) return new Date(ms).toISOString();
  const days = Math.floor(ms / DAY);
  let rem = ms - days * DAY;
  const h = Math.floor(rem / 3_600_000);
  rem -= h * 3_600_000;
  const mi = Math.floor(rem / MINUTE);
  rem -= mi * MINUTE;
  const sec = Math.floor(rem / 1000);
  const milli = rem - sec * 1000;
  // Civil date from days since 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const text = String.fromCharCode(
    48 + Math.floor(y / 1000), 48 + (Math.floor(y / 100) % 10), 48 + (Math.floor(y / 10) % 10), 48 + (y % 10), 45,
    48 + Math.floor(m / 10), 48 + (m % 10), 45, 48 + Math.floor(d / 10), 48 + (d % 10), 84,
    48 + Math.floor(h / 10), 48 + (h % 10), 58, 48 + Math.floor(mi / 10), 48 + (mi % 10), 58, 48 + Math.floor(sec / 10), 48 + (sec % 10),
  );
  if (milli === 0) return `${text}Z`;
  return `${text}.${String(milli).padStart(3, '0')}Z`;
}

type Token = 'YYYY' | 'MM' | 'M' | 'DD' | 'D' | 'HH' | 'H' | 'mm' | 'ss' | 'SSS' | 'z' | 'Z';
const TOKENS: readonly Token[] = ['YYYY', 'SSS', 'MM', 'DD', 'HH', 'mm', 'ss', 'M', 'D', 'H', 'z', 'Z'];
type Part = { token: Token } | { literal: number };

/** Splits a format like 'YYYY-MM-DD HH:mm:ss' into tokens and literal characters. */
function tokenize(format: string): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < format.length; ) {
    const token = TOKENS.find((t) => format.startsWith(t, i));
    if (token) {
      parts.push({ token });
      i += token.length;
    } else {
      parts.push({ literal: format.charCodeAt(i) });
      i++;
    }
  }
  return parts;
}

/** Fields read from one text; -1 where the format has no such part. */
interface Fields {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
  /** Offset in ms when the text states one (Z, +01:00, 'UTC'), else NaN; `zone` for an IANA name. */
  offset: number;
  zone: string | null;
}

/** Reads `width` digits (or 1..2 when width is 0) at `i`; returns [value, next index] or null. */
function digits(text: string, i: number, width: number): [number, number] | null {
  const max = width === 0 ? 2 : width;
  let v = 0;
  let j = i;
  while (j < text.length && j - i < max) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) break;
    v = v * 10 + (c - 48);
    j++;
  }
  if (j === i || (width > 0 && j - i !== width)) return null;
  return [v, j];
}

/** Reads 'Z', '+HH', '+HHMM' or '+HH:MM' at i into f.offset; returns the next index or -1. */
function readOffset(text: string, i: number, f: Fields): number {
  const c = text.charCodeAt(i);
  if (c === 90 || c === 122) {
    f.offset = 0;
    return i + 1;
  }
  if (c !== 43 && c !== 45) return -1;
  const hh = digits(text, i + 1, 2);
  if (!hh) return -1;
  let j = hh[1];
  let mm = 0;
  if (text.charCodeAt(j) === 58) j++;
  const m = digits(text, j, 2);
  if (m) {
    mm = m[0];
    j = m[1];
  } else if (text.charCodeAt(j - 1) === 58) return -1;
  if (hh[0] > 14 || mm > 59) return -1;
  f.offset = (c === 45 ? -1 : 1) * (hh[0] * 60 + mm) * MINUTE;
  return j;
}

const zoneValidity = new Map<string, boolean>();

function matchParts(parts: Part[], text: string, f: Fields): boolean {
  let i = 0;
  for (const part of parts) {
    if ('literal' in part) {
      if (text.charCodeAt(i) !== part.literal) return false;
      i++;
      continue;
    }
    let r: [number, number] | null;
    switch (part.token) {
      case 'YYYY': r = digits(text, i, 4); if (!r) return false; f.y = r[0]; i = r[1]; break;
      case 'MM': r = digits(text, i, 2); if (!r) return false; f.mo = r[0]; i = r[1]; break;
      case 'M': r = digits(text, i, 0); if (!r) return false; f.mo = r[0]; i = r[1]; break;
      case 'DD': r = digits(text, i, 2); if (!r) return false; f.d = r[0]; i = r[1]; break;
      case 'D': r = digits(text, i, 0); if (!r) return false; f.d = r[0]; i = r[1]; break;
      case 'HH': r = digits(text, i, 2); if (!r) return false; f.h = r[0]; i = r[1]; break;
      case 'H': r = digits(text, i, 0); if (!r) return false; f.h = r[0]; i = r[1]; break;
      case 'mm': r = digits(text, i, 2); if (!r) return false; f.mi = r[0]; i = r[1]; break;
      case 'ss': r = digits(text, i, 2); if (!r) return false; f.s = r[0]; i = r[1]; break;
      case 'SSS': {
        const start = i;
        let ms = 0;
        while (i < text.length) {
          const c = text.charCodeAt(i);
          if (c < 48 || c > 57) break;
          if (i - start < 3) ms = ms * 10 + (c - 48);
          i++;
        }
        if (i === start) return false;
        for (let k = i - start; k < 3; k++) ms *= 10;
        f.ms = ms;
        break;
      }
      case 'Z': i = readOffset(text, i, f); if (i < 0) return false; break;
      case 'z': {
        let j = i;
        while (j < text.length && text.charCodeAt(j) !== 32) j++;
        const name = text.slice(i, j);
        if (UTC_NAMES.has(name)) f.offset = 0;
        else if (readOffset(name, 0, f) === name.length) { /* '+01:00' as a zone */ }
        else {
          let ok = zoneValidity.get(name);
          if (ok === undefined) zoneValidity.set(name, (ok = name.length > 0 && isValidTimeZone(name)));
          if (!ok) return false;
          f.zone = name;
        }
        i = j;
        break;
      }
    }
  }
  return i === text.length;
}

/** Reads ISO-8601: date, optional 'T'/' ' time with optional seconds and fraction, optional Z/offset. */
function matchIso(text: string, f: Fields): boolean {
  const y = digits(text, 0, 4);
  if (!y || text.charCodeAt(4) !== 45) return false;
  const mo = digits(text, 5, 2);
  if (!mo || text.charCodeAt(7) !== 45) return false;
  const d = digits(text, 8, 2);
  if (!d) return false;
  f.y = y[0];
  f.mo = mo[0];
  f.d = d[0];
  let i = 10;
  if (i === text.length) return true;
  const sep = text.charCodeAt(i);
  if (sep !== 84 && sep !== 32 && sep !== 116) return false;
  const h = digits(text, i + 1, 2);
  if (!h || text.charCodeAt(h[1]) !== 58) return false;
  const mi = digits(text, h[1] + 1, 2);
  if (!mi) return false;
  f.h = h[0];
  f.mi = mi[0];
  i = mi[1];
  if (text.charCodeAt(i) === 58) {
    const s = digits(text, i + 1, 2);
    if (!s) return false;
    f.s = s[0];
    i = s[1];
    if (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44) {
      i++;
      const start = i;
      let ms = 0;
      while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) {
        if (i - start < 3) ms = ms * 10 + (text.charCodeAt(i) - 48);
        i++;
      }
      if (i === start) return false;
      for (let k = i - start; k < 3; k++) ms *= 10;
      f.ms = ms;
    }
  }
  if (i === text.length) return true;
  i = readOffset(text, i, f);
  return i === text.length;
}

/** Validates the fields and turns them into an instant, or INVALID. */
function toInstant(f: Fields, toUtc: LocalToUtc): number | Invalid {
  if (f.mo < 1 || f.mo > 12 || f.d < 1 || f.d > daysInMonth(f.y, f.mo) || f.h > 23 || f.mi > 59 || f.s > 59) return INVALID;
  const local = utcFromFields(f.y, f.mo, f.d, f.h, f.mi, f.s, f.ms);
  if (!Number.isNaN(f.offset)) return local - f.offset;
  if (f.zone !== null) return localToUtcIn(f.zone)(local);
  return toUtc(local);
}

function parseUnix(text: string, scale: number): string | Invalid {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || (i === 0 && c === 45))) return INVALID;
  }
  const n = Number(text);
  if (text.length === 0 || !Number.isFinite(n)) return INVALID;
  const ms = Math.round(n * scale);
  if (Math.abs(ms) > 8.64e15) return INVALID;
  return isoUtc(ms);
}

/** Throws a plain Error naming the problem when the format cannot be compiled. */
export function compileTimestampFormat(format: string, timeZone: string): TimestampParser {
  if (format === 'unix-seconds') return (text) => parseUnix(text, 1000);
  if (format === 'unix-millis') return (text) => parseUnix(text, 1);
  const toUtc = localToUtcIn(timeZone);
  let match: (text: string, f: Fields) => boolean;
  if (format === 'iso') {
    match = matchIso;
  } else {
    const parts = tokenize(format);
    const has = (...t: Token[]) => parts.some((p) => 'token' in p && t.includes(p.token));
    if (!has('YYYY') || !has('MM', 'M') || !has('DD', 'D')) {
      throw new Error(`timestamp format ${JSON.stringify(format)} needs YYYY, MM (or M) and DD (or D); known tokens are ${TOKENS.join(' ')}, or one of ${SPECIAL_TIMESTAMP_FORMATS.join(', ')}`);
    }
    match = (text, f) => matchParts(parts, text, f);
  }
  // Sources repeat a timestamp on consecutive rows (all lines of one invoice): remember the last one.
  let lastText = '';
  let lastResult: string | Invalid = INVALID;
  return (text) => {
    if (text === lastText) return lastResult;
    const f: Fields = { y: 0, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0, offset: NaN, zone: null };
    const instant = match(text, f) ? toInstant(f, toUtc) : INVALID;
    lastText = text;
    lastResult = instant === INVALID ? INVALID : isoUtc(instant);
    return lastResult;
  };
}
