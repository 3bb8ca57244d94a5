/** JSON Lines: each line is one JSON object; mapped columns are its keys (dotted paths reach nested objects). */

/** The result of reading one line: the column values as text, or why the line is not a JSON object. */
export type JsonLineResult = { ok: true; fields: string[] } | { ok: false; reason: string };

function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** Compiles the column list into a reader of one line. */
export function jsonLineReader(columns: readonly string[]): (line: string) => JsonLineResult {
  const paths = columns.map((c) => (c.includes('.') ? c.split('.') : null));
  return (line) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not a JSON object' };
    const obj = value as Record<string, unknown>;
    const fields = new Array<string>(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const p = paths[i];
      if (p === null || Object.hasOwn(obj, columns[i])) {
        fields[i] = textOf(obj[columns[i]]);
        continue;
      }
      let cur: unknown = obj;
      for (const k of p) cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
      fields[i] = textOf(cur);
    }
    return { ok: true, fields };
  };
}
