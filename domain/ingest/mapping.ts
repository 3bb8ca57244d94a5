/**
 * Source mappings: load a built-in one by name or a user's JSON file, validate it against the schema and
 * against the canonical record it produces, and list the built-ins.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { MappingError } from './errors';
import {
  columnFieldSchema,
  constantFieldSchema,
  derivedFieldSchema,
  mappingFileSchema,
  type ColumnFieldSpec,
  type DerivedFieldSpec,
  type FieldSpec,
  type FormatSpec,
  type LookupSpec,
} from './mapping-schema';
import { BUILTIN_MAPPINGS, type BuiltinMappingName } from './mappings';
import { fieldsOf, type ValueType } from './record-fields';
import { EVENT_TYPES, type RecordKind } from './records';
import { compileTimestampFormat, isValidTimeZone } from './timestamps';

/** A validated mapping, ready for readSource. */
export interface Mapping {
  name: string;
  description: string;
  kind: RecordKind;
  format: FormatSpec;
  timeZone: string;
  currency: string | null;
  dateFormats: Record<string, string>;
  lookups: Record<string, LookupSpec>;
  /** Canonical field -> where its value comes from, in evaluation order (columns and constants first). */
  fields: Record<string, FieldSpec>;
  /** Source columns the mapping reads, in first-use order. */
  columns: string[];
  /** Where the mapping came from: a file path or 'builtin:<name>'. */
  origin: string;
}

/** Where the built-in mapping files live, for messages. */
const BUILTIN_DIR = 'domain/ingest/mappings';

export function isColumnField(f: FieldSpec): f is ColumnFieldSpec {
  return 'column' in f;
}
export function isDerivedField(f: FieldSpec): f is DerivedFieldSpec {
  return 'derive' in f;
}

/** Names and one-line descriptions of the built-in mappings (for --help). */
export function listMappings(): { name: BuiltinMappingName; kind: RecordKind; description: string }[] {
  return (Object.keys(BUILTIN_MAPPINGS) as BuiltinMappingName[]).map((name) => {
    const m = loadMapping(name);
    return { name, kind: m.kind, description: m.description };
  });
}

const builtinCache = new Map<string, Mapping>();

/** Loads a built-in mapping by name, or a mapping JSON file by path; throws MappingError naming the file and key. */
export function loadMapping(pathOrBuiltinName: string): Mapping {
  const builtinName = pathOrBuiltinName.startsWith('builtin:') ? pathOrBuiltinName.slice('builtin:'.length) : pathOrBuiltinName;
  if (Object.hasOwn(BUILTIN_MAPPINGS, builtinName)) {
    let m = builtinCache.get(builtinName);
    if (!m) {
      m = parseMapping(BUILTIN_MAPPINGS[builtinName as BuiltinMappingName], `${BUILTIN_DIR}/${builtinName}.json`);
      m.origin = `builtin:${builtinName}`;
      builtinCache.set(builtinName, m);
    }
    return m;
  }
  const file = pathOrBuiltinName;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new MappingError('MAPPING_NOT_FOUND', file, `no such file, and not a built-in mapping (built-ins: ${Object.keys(BUILTIN_MAPPINGS).join(', ')})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new MappingError('MAPPING_SYNTAX', file, `not valid JSON: ${(err as Error).message}`);
  }
  return parseMapping(json, file);
}

function pathOf(p: readonly PropertyKey[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join('');
}

function issues(err: z.ZodError, prefix: string): string {
  return err.issues.map((i) => `key "${pathOf([...(prefix ? [prefix] : []), ...i.path])}": ${i.message}`).join('; ');
}

/** Validates a mapping object; `label` names it in errors (a file path). */
export function parseMapping(json: unknown, label: string): Mapping {
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) throw new MappingError('MAPPING_INVALID', label, issues(parsed.error, ''));
  const file = parsed.data;
  const fail = (key: string, message: string): never => {
    throw new MappingError('MAPPING_INVALID', label, `key "${key}": ${message}`);
  };

  if (!isValidTimeZone(file.timeZone)) fail('timeZone', `${JSON.stringify(file.timeZone)} is not an IANA time zone (e.g. "Europe/London")`);
  const format = file.format;
  if (format.type !== 'jsonl') {
    if (format.columns && format.layouts) fail('format.layouts', 'give either columns or layouts, not both');
    if (format.header !== true && !format.columns && !format.layouts) fail('format.columns', `a file without a header (header: ${format.header}) needs column names`);
  }
  if (format.type === 'csv') {
    const d = format.delimiter;
    if (d === '\n' || d === '\r' || (d !== 'auto' && d === format.quote)) fail('format.delimiter', `${JSON.stringify(d)} cannot be a delimiter (a line end, or the quote character)`);
  }
  const declaredLayouts = format.type === 'jsonl' ? null : (format.layouts ?? (format.columns ? [format.columns] : null));

  // Parse every field with the schema its shape calls for, so that errors name the field.
  const rules = fieldsOf(file.kind);
  const specs: Record<string, FieldSpec> = {};
  for (const [key, raw] of Object.entries(file.fields)) {
    const at = `fields.${key}`;
    if (!Object.hasOwn(rules, key)) fail(at, `${aRecord(file.kind)} has no field ${key}; its fields are ${Object.keys(rules).join(', ')}`);
    const schema = 'derive' in raw ? derivedFieldSchema : 'value' in raw ? constantFieldSchema : columnFieldSchema;
    const r = schema.safeParse(raw);
    if (!r.success) throw new MappingError('MAPPING_INVALID', label, issues(r.error, at));
    specs[key] = r.data as FieldSpec;
  }
  if (rules.currency && !specs.currency && file.currency) specs.currency = { value: file.currency };

  // Columns and constants are evaluated first, derivations after them in file order.
  const order = [...Object.keys(specs).filter((k) => !isDerivedField(specs[k])), ...Object.keys(specs).filter((k) => isDerivedField(specs[k]))];
  const fields: Record<string, FieldSpec> = {};
  const columns: string[] = [];
  const useColumn = (key: string, column: string) => {
    if (declaredLayouts && !declaredLayouts.every((l) => l.includes(column))) {
      fail(key, `column ${JSON.stringify(column)} is not in ${format.type !== 'jsonl' && format.layouts ? 'every one of format.layouts' : 'format.columns'} (${declaredLayouts.map((l) => l.join(', ')).join(' | ')})`);
    }
    if (!columns.includes(column)) columns.push(column);
  };
  const typeOf = (key: string): ValueType | null => {
    const f = fields[key];
    if (!f) return null;
    return valueTypeOf(f);
  };
  for (const key of order) {
    const spec = specs[key];
    const rule = rules[key];
    const at = `fields.${key}`;
    if (isColumnField(spec)) {
      useColumn(`${at}.column`, spec.column);
      if (spec.type === 'enum' && !spec.values) fail(`${at}.values`, 'an enum field needs a value map');
      if (spec.type !== 'enum' && spec.values) fail(`${at}.values`, `only enum fields have values (this one is ${spec.type})`);
      if (spec.lookup !== undefined) {
        if (!Object.hasOwn(file.lookups, spec.lookup)) fail(`${at}.lookup`, `no lookup ${JSON.stringify(spec.lookup)} in lookups (${Object.keys(file.lookups).join(', ') || 'none'})`);
        if (spec.type !== 'string') fail(`${at}.lookup`, 'lookups translate string fields only');
      }
      if (spec.type === 'timestamp') {
        const fmt = spec.format ?? file.dateFormats[spec.column] ?? 'iso';
        try {
          compileTimestampFormat(fmt, file.timeZone);
        } catch (err) {
          fail(spec.format ? `${at}.format` : `dateFormats.${spec.column}`, (err as Error).message);
        }
      }
      if (rule.required && spec.required === false && spec.default == null) fail(`${at}.required`, `${key} is required in ${aRecord(file.kind)}; give a default to make the column optional`);
      if (spec.default != null) checkConstant(`${at}.default`, spec.default, rule.type, fail);
    } else if ('value' in spec) {
      if (spec.value === null && rule.required) fail(`${at}.value`, `${key} is required in ${aRecord(file.kind)} and cannot be null`);
      if (spec.value !== null) checkConstant(`${at}.value`, spec.value, rule.type, fail);
    } else {
      checkDerived(at, spec, typeOf, useColumn, fail);
    }
    fields[key] = spec;
    const actual = valueTypeOf(spec);
    // A constant string is checked against the event types above; an enum onto event types may fill a string field.
    const compatible = actual === rule.type || (actual === 'string' && rule.type === 'eventType' && 'value' in spec) || (actual === 'eventType' && rule.type === 'string');
    if (!compatible) {
      fail(at, `${key} of ${aRecord(file.kind)} is ${describeType(rule.type)}, but the mapping makes it ${describeType(actual)}`);
    }
  }
  const missing = Object.keys(rules).filter((k) => rules[k].required && !fields[k]);
  if (missing.length > 0) fail('fields', `${aRecord(file.kind)} needs ${missing.join(', ')}${missing.includes('currency') ? ' (or a top-level "currency")' : ''}`);
  for (const [column, fmt] of Object.entries(file.dateFormats)) {
    try {
      compileTimestampFormat(fmt, file.timeZone);
    } catch (err) {
      fail(`dateFormats.${column}`, (err as Error).message);
    }
  }

  return {
    name: file.name,
    description: file.description,
    kind: file.kind,
    format,
    timeZone: file.timeZone,
    currency: file.currency ?? null,
    dateFormats: file.dateFormats,
    lookups: file.lookups,
    fields,
    columns,
    origin: label,
  };
}

function describeType(t: ValueType): string {
  return t === 'eventType' ? `an event type (${EVENT_TYPES.join(', ')})` : `a ${t}`;
}

/** The canonical value type a field spec produces. */
function valueTypeOf(spec: FieldSpec): ValueType {
  if (isColumnField(spec)) {
    switch (spec.type) {
      case 'integer':
        return 'number';
      case 'enum':
        return Object.values(spec.values ?? {}).every((v) => (EVENT_TYPES as readonly string[]).includes(v)) ? 'eventType' : 'string';
      default:
        return spec.type;
    }
  }
  if (isDerivedField(spec)) return DERIVED_TYPES[spec.derive];
  switch (typeof spec.value) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

const DERIVED_TYPES = { multiply: 'number', divide: 'number', anyOf: 'boolean', concat: 'string', lineNo: 'number' } as const satisfies Record<DerivedFieldSpec['derive'], ValueType>;

function checkConstant(at: string, value: string | number | boolean, type: ValueType, fail: (key: string, message: string) => never): void {
  const ok =
    type === 'number' ? typeof value === 'number'
    : type === 'boolean' ? typeof value === 'boolean'
    : type === 'eventType' ? typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value)
    : type === 'timestamp' ? typeof value === 'string' && typeof compileTimestampFormat('iso', 'UTC')(value) === 'string'
    : typeof value === 'string';
  if (!ok) fail(at, `${JSON.stringify(value)} is not ${describeType(type)}`);
}

function checkDerived(
  at: string,
  spec: DerivedFieldSpec,
  typeOf: (field: string) => ValueType | null,
  useColumn: (key: string, column: string) => void,
  fail: (key: string, message: string) => never,
): void {
  const needField = (key: string, field: string, type?: ValueType) => {
    const t = typeOf(field);
    if (t === null) fail(key, `field ${JSON.stringify(field)} is not defined before this derivation (columns and constants come first, then derivations in file order)`);
    if (type && t !== type) fail(key, `field ${field} is ${describeType(t!)}, ${describeType(type)} is needed`);
  };
  switch (spec.derive) {
    case 'multiply':
    case 'divide':
      spec.of.forEach((f, i) => needField(`${at}.of[${i}]`, f, 'number'));
      break;
    case 'anyOf':
      spec.conditions.forEach((c, i) => {
        if (c.column !== undefined) useColumn(`${at}.conditions[${i}].column`, c.column);
        else needField(`${at}.conditions[${i}].field`, c.field!, c.lessThan !== undefined || c.greaterThan !== undefined ? 'number' : undefined);
      });
      break;
    case 'concat':
      spec.parts.forEach((p, i) => {
        if ('column' in p) useColumn(`${at}.parts[${i}].column`, p.column);
        else if ('field' in p) needField(`${at}.parts[${i}].field`, p.field);
      });
      break;
    case 'lineNo':
      break;
  }
}

/** Resolves a lookup file against the source file's folder unless it is absolute. */
export function lookupPath(spec: LookupSpec, sourceFile: string, lookupDir?: string): string {
  return path.isAbsolute(spec.file) ? spec.file : path.join(lookupDir ?? path.dirname(sourceFile), spec.file);
}

/** 'an order record', 'a product record'. */
function aRecord(kind: RecordKind): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} record`;
}
