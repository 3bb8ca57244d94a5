/**
 * The JSON shape of a source mapping: which file format, which record kind, and where every canonical field
 * comes from (a column, a constant, or one of a small named set of derivations).
 */
import { z } from 'zod';
import { RECORD_KINDS } from './records';

export const SOURCE_FIELD_TYPES = ['string', 'number', 'integer', 'timestamp', 'boolean', 'enum'] as const;
export type SourceFieldType = (typeof SOURCE_FIELD_TYPES)[number];

/** The derivations a mapping may name; anything else belongs in code, not in a mapping file. */
export const DERIVATIONS = ['multiply', 'divide', 'anyOf', 'concat', 'lineNo'] as const;
export type Derivation = (typeof DERIVATIONS)[number];

const name = z.string().min(1);
const columnList = z.array(name).min(1);
const encoding = z.enum(['utf8', 'latin1']).default('utf8');
const header = z.union([z.boolean(), z.literal('optional')]).default(true);

const csvFormat = z.strictObject({
  type: z.literal('csv'),
  /** One character, or 'auto' to pick the most frequent of , ; tab | in the first line. */
  delimiter: z.union([z.literal('auto'), z.string().length(1)]).default('auto'),
  /** Quote character, or '' when the format has no quoting. */
  quote: z.string().max(1).default('"'),
  header,
  /** Header strict: a column that the mapping neither maps nor lists in `columns` makes the file invalid. */
  strictHeader: z.boolean().default(false),
  /** Column names in file order: required without a header, the expected header otherwise. */
  columns: columnList.optional(),
  /** Alternative column lists, chosen per file by the number of columns (e.g. CDNOW master vs sample). */
  layouts: z.array(columnList).min(1).optional(),
  encoding,
  decimal: z.enum(['.', ',']).default('.'),
});

const whitespaceFormat = z.strictObject({
  type: z.literal('whitespace'),
  header,
  strictHeader: z.boolean().default(false),
  columns: columnList.optional(),
  layouts: z.array(columnList).min(1).optional(),
  encoding,
});

const jsonlFormat = z.strictObject({
  type: z.literal('jsonl'),
  encoding,
});

export const formatSchema = z.discriminatedUnion('type', [csvFormat, whitespaceFormat, jsonlFormat]);
export type FormatSpec = z.infer<typeof formatSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const columnFieldSchema = z.strictObject({
  column: name,
  type: z.enum(SOURCE_FIELD_TYPES),
  /** Defaults to the canonical field's own need; true rejects rows where an optional field is empty. */
  required: z.boolean().optional(),
  /** Used when the column is empty. */
  default: scalar.optional(),
  /** Timestamp format; overrides `dateFormats[column]`. */
  format: z.string().min(1).optional(),
  /** enum: source value -> canonical value. */
  values: z.record(z.string(), z.string()).optional(),
  /** Name of a table in `lookups` that translates the value. */
  lookup: name.optional(),
  /** What to do when the lookup has no entry: keep the source value (default), use null, or reject the row. */
  lookupMissing: z.enum(['keep', 'null', 'reject']).default('keep'),
  trueValues: z.array(z.string()).optional(),
  falseValues: z.array(z.string()).optional(),
  /** Leading and trailing whitespace is dropped unless false. */
  trim: z.boolean().default(true),
});
export type ColumnFieldSpec = z.infer<typeof columnFieldSchema>;

export const constantFieldSchema = z.strictObject({ value: scalar });
export type ConstantFieldSpec = z.infer<typeof constantFieldSchema>;

const fieldRef = name;
const condition = z
  .strictObject({
    column: name.optional(),
    field: fieldRef.optional(),
    startsWith: z.string().optional(),
    equals: z.union([z.string(), z.number()]).optional(),
    lessThan: z.number().optional(),
    greaterThan: z.number().optional(),
    isEmpty: z.boolean().optional(),
  })
  .refine((c) => (c.column === undefined) !== (c.field === undefined), { message: 'give exactly one of column or field' })
  .refine((c) => [c.startsWith, c.equals, c.lessThan, c.greaterThan, c.isEmpty].filter((t) => t !== undefined).length === 1, {
    message: 'give exactly one test: startsWith, equals, lessThan, greaterThan or isEmpty',
  });
export type Condition = z.infer<typeof condition>;

const concatPart = z.union([
  z.strictObject({ column: name }),
  z.strictObject({ field: fieldRef }),
  z.strictObject({ literal: z.string() }),
  z.strictObject({ lineNo: z.literal(true) }),
]);
export type ConcatPart = z.infer<typeof concatPart>;

const rounding = z.number().int().min(0).max(12).optional();

export const derivedFieldSchema = z.discriminatedUnion('derive', [
  /** The product of two numeric fields (amount = quantity * unitPrice). */
  z.strictObject({ derive: z.literal('multiply'), of: z.tuple([fieldRef, fieldRef]), round: rounding }),
  /** The quotient of two numeric fields; `whenZero` when the divisor is 0. */
  z.strictObject({ derive: z.literal('divide'), of: z.tuple([fieldRef, fieldRef]), round: rounding, whenZero: z.number().nullable().default(null) }),
  /** True when any condition holds (isCancellation = InvoiceNo starts with 'C' or quantity < 0). */
  z.strictObject({ derive: z.literal('anyOf'), conditions: z.array(condition).min(1) }),
  /** Joined text of columns, fields, literals and the line number (a key for sources without one). */
  z.strictObject({ derive: z.literal('concat'), parts: z.array(concatPart).min(1), separator: z.string().default('-') }),
  /** The physical line number of the row. */
  z.strictObject({ derive: z.literal('lineNo') }),
]);
export type DerivedFieldSpec = z.infer<typeof derivedFieldSchema>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time check that DERIVATIONS lists exactly the derivations the schema accepts. */
export type DerivationsMatchSchema = Same<Derivation, DerivedFieldSpec['derive']> extends true ? true : never;
const derivationsMatchSchema: DerivationsMatchSchema = true;
void derivationsMatchSchema;

export type FieldSpec = ColumnFieldSpec | ConstantFieldSpec | DerivedFieldSpec;

export const lookupSchema = z.strictObject({
  /** A CSV file with a header, relative to the source file's folder (or the reader's lookupDir). */
  file: name,
  key: name,
  value: name,
});
export type LookupSpec = z.infer<typeof lookupSchema>;

/** Fields are checked one by one (see mapping.ts) so that an error names the field. */
export const mappingFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
  description: z.string().min(1),
  kind: z.enum(RECORD_KINDS),
  format: formatSchema,
  /** IANA zone of timestamps that carry no offset. */
  timeZone: z.string().min(1),
  /** ISO-4217 code for money fields that have no currency column. */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO-4217 code like "GBP"').optional(),
  /** Timestamp format by column name. */
  dateFormats: z.record(z.string(), z.string().min(1)).default({}),
  lookups: z.record(z.string(), lookupSchema).default({}),
  fields: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type MappingFile = z.infer<typeof mappingFileSchema>;
