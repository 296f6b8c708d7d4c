// `cim edit ID --set path=value`: change fields that no lifecycle step controls (a title, an
// owner, a deadline agreed anew), validated and committed like any step.
import type { Context } from '../context.js';
import { getPath, setPath, withEntries } from '../domain/engine.js';
import { recordedBy, stepFields } from '../domain/history-fields.js';
import { IMPORTED_FIELD } from '../domain/inputs.js';
import { isFinal } from '../domain/queries.js';
import type { Entry, Register } from '../domain/register.js';
import { YAML_ALIAS } from '../domain/validate/rule-ids.js';
import { ExitCode, UserError } from '../errors.js';
import { renderUpdate } from '../io/record-file.js';
import { parseYaml } from '../io/yaml.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { recordToChange } from './open.js';

export interface EditOptions {
  readonly dir?: string;
  readonly id: string;
  /** `path=value` assignments; values are read as YAML (`[a, b]` is a list). */
  readonly set: readonly string[];
  readonly unset?: readonly string[];
  readonly dryRun?: boolean;
  readonly commit?: boolean;
}

export interface EditResult {
  readonly id: string;
  readonly file: string;
  readonly fields: string[];
  readonly data: Record<string, unknown>;
  readonly text: string;
  readonly commit?: string;
}

const MANAGED = new Set(['id', 'status', 'created']);

export async function edit(opts: EditOptions, ctx: Context): Promise<EditResult> {
  if (opts.set.length === 0 && !opts.unset?.length)
    throw new UserError('nothing to change', 'give --set path=value (or --unset path)');
  for (const a of opts.set) checkFieldPath(a.split('=')[0]!.trim(), '--set');
  for (const a of opts.unset ?? []) checkFieldPath(a.trim(), '--unset');
  const { result, commit } = await applyChange(opts, ctx, ({ register }) => editRecord(opts, register));
  return { ...result, ...(commit ? { commit } : {}) };
}

function editRecord(opts: EditOptions, register: Register): Mutation<EditResult> {
  const id = opts.id.toUpperCase();
  const current = recordToChange(register, id);
  if (isFinal(current.kind, current.data.status)) {
    throw new UserError(
      `${id} is ${current.data.status}, which is final: its fields are evidence and are not edited`,
      'record any correction as notes in a new record',
      ExitCode.Invalid,
    );
  }
  const { data, fields } = assign(current, opts);
  const value = checkedRecord(
    current.kind,
    data,
    current.file,
    (problems) =>
      new UserError(
        `the edit leaves ${id} invalid: ${problems.map((p) => p.message).join('; ')}`,
        problems[0]!.hint,
        ExitCode.Invalid,
      ),
  );
  const entry = { ...current, data: value } as Entry;
  const text = renderUpdate(current.text, current.data, entry.data);
  return {
    writes: [{ file: current.file, text, expected: current.text }],
    changed: [current, entry],
    judge: { after: withEntries(register, [entry]), refusal: `cannot edit ${id}` },
    commit: {
      kind: current.kind.name,
      id,
      verb: `edit ${fields.join(', ')}`,
      title: current.data.title,
      records: [id],
      action: 'edit',
      trailers: { Fields: fields.join(', ') },
    },
    result: { id, file: current.file, fields, data: entry.data, text },
  };
}

/** The record's data with the assignments made, and the paths they set; none the lifecycle sets. */
function assign(current: Entry, opts: EditOptions): { data: Record<string, unknown>; fields: string[] } {
  const id = current.data.id;
  // What a step records, in the table or outside it (an NC's extensions, a review's decisions).
  const controlled = stepFields(current.kind);
  const data = structuredClone(current.data) as Record<string, unknown>;
  const fields: string[] = [];
  const assignments = [
    ...opts.set.map((a) => ({ a, unset: false })),
    ...(opts.unset ?? []).map((a) => ({ a, unset: true })),
  ];
  for (const { a, unset } of assignments) {
    const eq = a.indexOf('=');
    const path = (unset ? a : a.slice(0, eq)).trim();
    if (!path || (!unset && eq < 0))
      throw new UserError(`--set ${a} is not path=value`, 'e.g. --set owner=dana or --set "title=Door left open"');
    const top = path.split('.')[0]!;
    if (top === IMPORTED_FIELD)
      throw new UserError(
        `${path} is set by \`cim import --migrate\` when a record is imported, and never changed`,
        'it records where a record came from, set only on a new record; write anything to add in notes: cim edit ' +
          `${id} --set "notes=…"`,
      );
    if (MANAGED.has(top) || controlled.has(top)) throw lifecycleSets(current, path, top, id);
    const segments = path.split('.');
    if (unset) {
      const parent = getPath(data, segments.slice(0, -1));
      if (parent && typeof parent === 'object') delete (parent as Record<string, unknown>)[segments.at(-1)!];
    } else {
      setPath(data, segments, readValue(a.slice(eq + 1), `--set ${path}`));
    }
    if (!fields.includes(path)) fields.push(path);
  }
  return { data, fields };
}

/** A field the lifecycle sets: the step that records it, or why it stays as it was. */
function lifecycleSets(current: Entry, path: string, top: string, id: string): UserError {
  const recording = current.kind.transitions.filter((t) =>
    [...t.requires, ...(t.offers ?? [])].some((p) => p.split('.')[0] === top),
  );
  const now = recording.find((t) => t.from.includes(current.data.status));
  const status = current.data.status;
  const other = recording.length === 0 && !MANAGED.has(top) ? recordedBy(current.kind, top) : undefined;
  return new UserError(
    `${path} is set by the lifecycle, not by edit`,
    now
      ? `use the step that records it: cim ${current.kind.name} ${now.verb} ${id}`
      : recording.length
        ? `the "${recording[0]!.verb}" step recorded it, and ${id} is ${status} now: what a step recorded is evidence and stays as it was`
        : other && other !== top
          ? `use the step that records it: ${other}`
          : `${top} is managed by cim`,
    ExitCode.Usage,
  );
}

/** Name an object's own machinery, not a field: following one would change every object in cim. */
const NOT_FIELDS = new Set(['__proto__', 'constructor', 'prototype']);

/** Refuses a field path with a part that is no field name, before any object is touched. */
function checkFieldPath(path: string, flag: string): void {
  const bad = path.split('.').find((s) => NOT_FIELDS.has(s) || (s === '' && path !== ''));
  if (bad !== undefined)
    throw new UserError(
      bad === '' ? `${flag} ${path}: the path has an empty part` : `${flag} ${path}: "${bad}" is not a field name`,
      'name fields as `cim schema <kind>` lists them, joined by dots: e.g. --set correction.action=…',
    );
}

/** A value as YAML reads it, so lists and numbers work; dates and ids stay text. */
function readValue(text: string, flag: string): unknown {
  const parsed = parseYaml(text, flag);
  const alias = parsed.diagnostics.find((d) => d.rule === YAML_ALIAS);
  if (alias)
    throw new UserError(`${flag}: ${alias.message}`, 'write the value out in full, without anchors and aliases');
  // Text that is not YAML at all (an unclosed bracket) is taken as the text it is.
  if (parsed.diagnostics.length) return text;
  return parsed.data === null || parsed.data === undefined ? text : parsed.data;
}
