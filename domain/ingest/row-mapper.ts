/**
 * Compiles a mapping, once the file's column positions are known, into one function that turns a row's
 * fields into a canonical record, or into the reason the row is rejected.
 */
import type { Mapping } from './mapping';
import { isColumnField } from './mapping';
import type { ColumnFieldSpec, Condition, DerivedFieldSpec } from './mapping-schema';
import { RECORD_BUILDERS, slotOf } from './record-builders';
import { fieldsOf, type ValueType } from './record-fields';
import type { CanonicalRecord } from './records';
import { compileTimestampFormat, INVALID } from './timestamps';

/** A record, or the reason (naming file, line and column) why the row was rejected. */
export type RowMapper = (fields: readonly string[], lineNo: number) => CanonicalRecord | string;

export interface RowMapperContext {
  /** Position of a source column in the row. */
  columnIndex: (column: string) => number;
  /** File name used in reasons ('onlineretail.csv.gz'). */
  fileLabel: string;
  /** Loaded lookup tables by name. */
  lookups: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Field values of the row being mapped, by slot (see record-builders.ts). */
type Rec = unknown[];
/** Sets one field's slot; returns a reason when the row must be rejected. */
type Step = (src: readonly string[], rec: Rec, lineNo: number) => string | undefined;
type Converter = (text: string) => unknown;

const DEFAULT_TRUE = ['true', '1', 'yes', 'y', 't'];
const DEFAULT_FALSE = ['false', '0', 'no', 'n', 'f'];

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Decimal text -> number. Up to 15 digits without exponent take the exact fast path (an integer below 2^53
 * divided by an exact power of ten rounds like Number()); the rest go through Number() after a character
 * check, since Number() also accepts hex, 'Infinity' and whitespace.
 */
export function parseDecimal(text: string, decimalComma: boolean): number | typeof INVALID {
  const n = text.length;
  const point = decimalComma ? 44 : 46;
  let i = 0;
  let c = text.charCodeAt(0);
  const negative = c === 45;
  if (negative || c === 43) i = 1;
  let m = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < n; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    } else if (c === point && !dot) dot = true;
    else break;
  }
  if (i === n && digits > 0 && digits <= 15) {
    const v = frac === 0 ? m : m / POW10[frac];
    return negative ? -v : v;
  }
  for (let k = 0; k < n; k++) {
    const d = text.charCodeAt(k);
    if (!((d >= 48 && d <= 57) || d === point || d === 45 || d === 43 || d === 101 || d === 69)) return INVALID;
  }
  const v = Number(decimalComma ? text.replace(',', '.') : text);
  return Number.isFinite(v) ? v : INVALID;
}

function numberConverter(decimalComma: boolean, integer: boolean): Converter {
  return integer
    ? (text) => {
        const v = parseDecimal(text, decimalComma);
        return v !== INVALID && Number.isInteger(v) ? v : INVALID;
      }
    : (text) => parseDecimal(text, decimalComma);
}

function converterFor(spec: ColumnFieldSpec, mapping: Mapping): { convert: Converter; problem: string } {
  const decimalComma = mapping.format.type === 'csv' && mapping.format.decimal === ',';
  switch (spec.type) {
    case 'string':
      return { convert: (t) => t, problem: '' };
    case 'number':
      return { convert: numberConverter(decimalComma, false), problem: 'is not a number' };
    case 'integer':
      return { convert: numberConverter(decimalComma, true), problem: 'is not an integer' };
    case 'timestamp': {
      const fmt = spec.format ?? mapping.dateFormats[spec.column] ?? 'iso';
      return { convert: compileTimestampFormat(fmt, mapping.timeZone), problem: `is not a date in format ${fmt}` };
    }
    case 'boolean': {
      const truthy = new Set((spec.trueValues ?? DEFAULT_TRUE).map((v) => v.toLowerCase()));
      const falsy = new Set((spec.falseValues ?? DEFAULT_FALSE).map((v) => v.toLowerCase()));
      return {
        convert: (t) => {
          const v = t.toLowerCase();
          return truthy.has(v) ? true : falsy.has(v) ? false : INVALID;
        },
        problem: `is not a boolean (${[...truthy].join('/')} or ${[...falsy].join('/')})`,
      };
    }
    case 'enum': {
      const values = new Map(Object.entries(spec.values ?? {}));
      const folded = new Map([...values].map(([k, v]) => [k.toLowerCase(), v]));
      return {
        convert: (t) => values.get(t) ?? folded.get(t.toLowerCase()) ?? INVALID,
        problem: `is not one of ${[...values.keys()].join(', ')}`,
      };
    }
  }
}

function trimmed(t: string): string {
  return t.length > 0 && (t.charCodeAt(0) <= 32 || t.charCodeAt(t.length - 1) <= 32) ? t.trim() : t;
}

function quoteValue(t: string): string {
  return JSON.stringify(t.length > 80 ? `${t.slice(0, 77)}...` : t);
}

/** Builds the mapper; throws only for programming errors (the mapping was validated on load). */
export function compileRowMapper(mapping: Mapping, ctx: RowMapperContext): RowMapper {
  const kind = mapping.kind;
  const rules = fieldsOf(kind);
  const slot = (field: string) => slotOf(kind, field);
  const at = (lineNo: number) => `${ctx.fileLabel}:${lineNo}`;
  const steps: Step[] = [];
  // Slots of fields the mapping leaves out stay null.
  const vals: Rec = Object.keys(rules).map(() => null);
  for (const [key, spec] of Object.entries(mapping.fields)) {
    const k = slot(key);
    if (isColumnField(spec)) steps.push(columnStep(k, spec, rules[key].required, normalized(spec.default ?? null, rules[key].type), mapping, ctx, at));
    else if ('value' in spec) vals[k] = normalized(spec.value, rules[key].type);
    else steps.push(derivedStep(k, key, spec, rules[key].required, ctx, at, slot));
  }
  const build = RECORD_BUILDERS[kind] as (v: Rec) => CanonicalRecord;
  return (src, lineNo) => {
    for (let i = 0; i < steps.length; i++) {
      const reason = steps[i](src, vals, lineNo);
      if (reason !== undefined) return reason;
    }
    return build(vals);
  };
}

/** Constants and defaults for timestamp fields are ISO-8601 in the mapping; records carry them as UTC. */
function normalized(value: string | number | boolean | null, type: ValueType): unknown {
  return type === 'timestamp' && typeof value === 'string' ? compileTimestampFormat('iso', 'UTC')(value) : value;
}

function columnStep(
  key: number,
  spec: ColumnFieldSpec,
  ruleRequired: boolean,
  fallback: unknown,
  mapping: Mapping,
  ctx: RowMapperContext,
  at: (lineNo: number) => string,
): Step {
  const idx = ctx.columnIndex(spec.column);
  const column = spec.column;
  const required = spec.required ?? ruleRequired;
  const hasDefault = spec.default !== undefined;
  const trim = spec.trim;
  const { convert, problem } = converterFor(spec, mapping);
  const table = spec.lookup !== undefined ? ctx.lookups.get(spec.lookup) : undefined;
  const missing = spec.lookupMissing;
  return (src, rec, lineNo) => {
    let t = src[idx] ?? '';
    if (trim) t = trimmed(t);
    if (t.length === 0) {
      if (hasDefault) rec[key] = fallback;
      else if (required) return `${at(lineNo)} column ${column}: required value is empty`;
      else rec[key] = null;
      return undefined;
    }
    let v = convert(t);
    if (v === INVALID) return `${at(lineNo)} column ${column}: ${quoteValue(t)} ${problem}`;
    if (table) {
      const translated = table.get(v as string);
      if (translated !== undefined) v = translated;
      else if (missing === 'null') v = null;
      else if (missing === 'reject') return `${at(lineNo)} column ${column}: ${quoteValue(t)} is not in lookup ${spec.lookup}`;
    }
    rec[key] = v;
    return undefined;
  };
}

function roundTo(decimals: number | undefined): (n: number) => number {
  if (decimals === undefined) return (n) => n;
  const f = 10 ** decimals;
  return (n) => Math.round(n * f) / f;
}

function conditionTest(c: Condition, ctx: RowMapperContext, slot: (field: string) => number): (src: readonly string[], rec: Rec) => boolean {
  const read: (src: readonly string[], rec: Rec) => unknown =
    c.column !== undefined ? ((idx) => (src: readonly string[]) => trimmed(src[idx] ?? ''))(ctx.columnIndex(c.column)) : ((k) => (_src: readonly string[], rec: Rec) => rec[k])(slot(c.field!));
  if (c.startsWith !== undefined) {
    const prefix = c.startsWith;
    return (src, rec) => String(read(src, rec) ?? '').startsWith(prefix);
  }
  if (c.equals !== undefined) {
    const want = c.equals;
    return (src, rec) => read(src, rec) === want || String(read(src, rec) ?? '') === String(want);
  }
  if (c.lessThan !== undefined) {
    const limit = c.lessThan;
    return (src, rec) => {
      const v = read(src, rec);
      return typeof v === 'number' && v < limit;
    };
  }
  if (c.greaterThan !== undefined) {
    const limit = c.greaterThan;
    return (src, rec) => {
      const v = read(src, rec);
      return typeof v === 'number' && v > limit;
    };
  }
  const wantEmpty = c.isEmpty!;
  return (src, rec) => {
    const v = read(src, rec);
    return (v === null || v === undefined || v === '') === wantEmpty;
  };
}

function derivedStep(
  key: number,
  name: string,
  spec: DerivedFieldSpec,
  required: boolean,
  ctx: RowMapperContext,
  at: (lineNo: number) => string,
  slot: (field: string) => number,
): Step {
  const set = (rec: Rec, value: unknown, lineNo: number, why: string): string | undefined => {
    if (value === null && required) return `${at(lineNo)} field ${name}: cannot be derived (${why})`;
    rec[key] = value;
    return undefined;
  };
  switch (spec.derive) {
    case 'multiply': {
      const [a, b] = spec.of.map(slot);
      const [na, nb] = spec.of;
      const round = roundTo(spec.round);
      return (_src, rec, lineNo) => {
        const x = rec[a];
        const y = rec[b];
        return set(rec, typeof x === 'number' && typeof y === 'number' ? round(x * y) : null, lineNo, `${na} or ${nb} is empty`);
      };
    }
    case 'divide': {
      const [a, b] = spec.of.map(slot);
      const [na, nb] = spec.of;
      const round = roundTo(spec.round);
      const whenZero = spec.whenZero;
      return (_src, rec, lineNo) => {
        const x = rec[a];
        const y = rec[b];
        const v = typeof x === 'number' && typeof y === 'number' ? (y === 0 ? whenZero : round(x / y)) : null;
        return set(rec, v, lineNo, `${na} or ${nb} is empty, or ${nb} is 0`);
      };
    }
    case 'anyOf': {
      const tests = spec.conditions.map((c) => conditionTest(c, ctx, slot));
      return (src, rec) => {
        let v = false;
        for (let i = 0; i < tests.length && !v; i++) v = tests[i](src, rec);
        rec[key] = v;
        return undefined;
      };
    }
    case 'concat': {
      const sep = spec.separator;
      const parts: ((src: readonly string[], rec: Rec, lineNo: number) => string)[] = spec.parts.map((p) => {
        if ('column' in p) {
          const idx = ctx.columnIndex(p.column);
          return (src: readonly string[]) => trimmed(src[idx] ?? '');
        }
        if ('field' in p) {
          const f = slot(p.field);
          return (_src: readonly string[], rec: Rec) => (rec[f] == null ? '' : String(rec[f]));
        }
        if ('literal' in p) {
          const text = p.literal;
          return () => text;
        }
        return (_src: readonly string[], _rec: Rec, lineNo: number) => String(lineNo);
      });
      return (src, rec, lineNo) => {
        let out = parts[0](src, rec, lineNo);
        for (let i = 1; i < parts.length; i++) out += sep + parts[i](src, rec, lineNo);
        rec[key] = out;
        return undefined;
      };
    }
    case 'lineNo':
      return (_src, rec, lineNo) => {
        rec[key] = lineNo;
        return undefined;
      };
  }
}
