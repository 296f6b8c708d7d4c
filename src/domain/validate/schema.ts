// Layer 2: each record against its kind's strict schema, each zod issue turned into a diagnostic
// that names the field, says what is wrong in words and hints at the fix.
import type { z } from 'zod';
import { CONFIG_FILE } from '../config.js';
import { formatPath, type FieldDiagnostic, type Path } from '../diagnostics.js';
import {
  SCHEMA_DATE,
  SCHEMA_EMPTY,
  SCHEMA_FORMAT,
  SCHEMA_INVALID,
  SCHEMA_MISSING_FIELD,
  SCHEMA_TOO_BIG,
  SCHEMA_TOO_SMALL,
  SCHEMA_TYPE,
  SCHEMA_UNKNOWN_FIELD,
  SCHEMA_VALUE,
} from './rule-ids.js';
import { describeAt, keysAt } from './zod-walk.js';

type Issue = z.core.$ZodIssue;

export function checkSchema(
  schema: z.ZodType,
  data: unknown,
  file: string,
): { value?: unknown; diagnostics: FieldDiagnostic[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, diagnostics: [] };
  return { diagnostics: result.error.issues.flatMap((issue) => issueDiagnostics(issue, schema, data, file)) };
}

/** One issue as its diagnostics are written: where it is, and how to make a diagnostic there. */
interface IssueAt {
  readonly path: Path;
  readonly field: string;
  readonly data: unknown;
  /** The schema's description of the field, read only when a hint is. */
  readonly described: () => string | undefined;
  readonly at: (
    rule: string,
    message: string,
    hint: string | (() => string),
    path?: Path,
    atKey?: boolean,
  ) => FieldDiagnostic;
}

function issueAt(issue: Issue, schema: z.ZodType, data: unknown, file: string): IssueAt {
  const path = issue.path as (string | number)[];
  // A hint that reads the schema is worked out only when read: a file lists its first few problems
  // of what may be thousands.
  const at: IssueAt['at'] = (rule, message, hint, p = path, atKey = false) => ({
    severity: 'error',
    rule,
    file,
    path: p,
    ...(atKey ? { atKey } : {}),
    message,
    get hint() {
      return typeof hint === 'string' ? hint : hint();
    },
  });
  return {
    path,
    field: formatPath(path) || (file === CONFIG_FILE ? CONFIG_FILE : 'the record'),
    data,
    described: () => describeAt(schema, path),
    at,
  };
}

function issueDiagnostics(issue: Issue, schema: z.ZodType, data: unknown, file: string): FieldDiagnostic[] {
  const c = issueAt(issue, schema, data, file);
  const { path, field, described, at } = c;
  const absent = ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code) ? absentValue(c) : undefined;
  if (absent) return [absent];
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(c, keysAt(schema, path), issue.keys);
    case 'invalid_type': {
      const value = valueAt(data, path);
      return [
        at(SCHEMA_TYPE, `${field} must be ${article(issue.expected)}, not ${kindOf(value)}`, () =>
          hintFor(described(), issue.expected),
        ),
      ];
    }
    case 'invalid_union':
      return [
        at(
          SCHEMA_TYPE,
          `${field} has the wrong form (${kindOf(valueAt(data, path))})`,
          () => described() ?? 'see `cim schema` for the expected form',
        ),
      ];
    case 'invalid_value':
      return [
        at(
          SCHEMA_VALUE,
          `${field} is ${quoted(valueAt(data, path))}, which is not allowed`,
          () => `use one of: ${issue.values.map((v) => String(v)).join(', ')}`,
        ),
      ];
    case 'invalid_format':
      return [badFormat(c, issue)];
    case 'too_small':
      return [at(SCHEMA_TOO_SMALL, `${field} ${issue.message}`, () => described() ?? issue.message)];
    case 'too_big':
      return [at(SCHEMA_TOO_BIG, `${field} ${issue.message}`, () => described() ?? issue.message)];
    case 'custom': {
      const params = (issue.params ?? {}) as { rule?: string; hint?: string };
      return [
        at(
          params.rule ?? SCHEMA_INVALID,
          `${field}: ${issue.message}`,
          () => params.hint ?? described() ?? 'see `cim schema`',
        ),
      ];
    }
    default:
      return [
        at(SCHEMA_INVALID, `${field}: ${issue.message}`, () => described() ?? 'see `cim schema` for the expected form'),
      ];
  }
}

/** A field left out, or left empty, said as such rather than as a value of the wrong type. */
function absentValue({ path, field, data, described, at }: IssueAt): FieldDiagnostic | undefined {
  if (path.length === 0) return undefined;
  const value = valueAt(data, path);
  const key = String(path.at(-1));
  if (value === undefined) {
    return at(
      SCHEMA_MISSING_FIELD,
      `missing required field "${field}"`,
      () => {
        const about = described();
        return about ? `add "${key}": ${about}` : `add "${key}"`;
      },
      path.slice(0, -1),
    );
  }
  if (value === null) {
    return at(SCHEMA_EMPTY, `${field} is empty`, () => {
      const about = described();
      return about
        ? `fill it in (${about}), or remove the line if it is optional`
        : 'fill it in, or remove the line if it is optional';
    });
  }
  return undefined;
}

/**
 * One diagnostic per unknown key. One issue can name thousands of keys: what they share is worked
 * out once, and the nearest allowed key only for a diagnostic that is shown (a file lists its
 * first few problems).
 */
function unknownKeys(
  { path, field, at }: IssueAt,
  allowed: readonly string[],
  keys: readonly string[],
): FieldDiagnostic[] {
  const listed = `remove it; the fields allowed here are: ${allowed.join(', ')}`;
  const where = path.length ? ` in ${field}` : '';
  return keys.map((key) =>
    at(
      SCHEMA_UNKNOWN_FIELD,
      `unknown field "${key}"${where}`,
      () => {
        const near = closest(key, allowed);
        return near ? `did you mean "${near}"? Otherwise remove it` : listed;
      },
      [...path, key],
      true,
    ),
  );
}

function badFormat(
  { path, field, data, described, at }: IssueAt,
  issue: Extract<Issue, { code: 'invalid_format' }>,
): FieldDiagnostic {
  const value = quoted(valueAt(data, path));
  if (issue.format === 'date')
    return at(
      SCHEMA_DATE,
      `${field} ${value} is not a real calendar date`,
      'write dates as YYYY-MM-DD, e.g. 2026-03-31',
    );
  if (issue.format === 'email' || path.at(-1) === 'email')
    return at(SCHEMA_FORMAT, `${field} ${value} is not an email address`, 'write it as name@example.com');
  return at(SCHEMA_FORMAT, `${field} ${value} ${issue.message}`, () => described() ?? issue.message);
}

function hintFor(description: string | undefined, expected: string): string {
  const base = description ?? `write ${article(expected)}`;
  return expected === 'string' ? `${base}; quote the value if YAML reads it as a number, date or boolean` : base;
}

export function valueAt(data: unknown, path: Path): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${article(typeof value)} (${quoted(value)})`;
}

/** A value as a message shows it: a scalar quoted, cut short when long; a list or mapping named,
 * never written out (it may be large, or hold itself). */
function quoted(value: unknown): string {
  if (value === null || typeof value === 'object') return kindOf(value);
  const text = JSON.stringify(typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return text ?? typeof value;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    bigint: 'a whole number',
    boolean: 'true or false',
  };
  return names[type] ?? `a ${type}`;
}

/** The allowed key nearest to a misspelt one, when it is near enough to be a likely typo. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    // Words whose lengths differ by more than the best distance so far cannot be nearer.
    if (Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = distance(lower, c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Edit distance, in one row reused for every word. */
const row: number[] = [];
function distance(a: string, b: string): number {
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
