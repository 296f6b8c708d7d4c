// `cim renumber OLD NEW`: gives a record a new id — its file and every reference to it — in one
// commit. This is how two branches that both created NC-0042 are reconciled after a merge.
import type { Context } from '../context.js';
import { ID_PATTERN } from '../domain/fields.js';
import { KINDS } from '../domain/kinds/index.js';
import type { Kind } from '../domain/kind.js';
import { buildRegister, type Entry, type Register } from '../domain/register.js';
import { article } from '../domain/validate/wording.js';
import { refFields, valuesAt, type RefField } from '../domain/validate/zod-walk.js';
import { ExitCode, UserError } from '../errors.js';
import { renderUpdate } from '../io/record-file.js';
import type { FileWrite } from '../io/write.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { recordToChange } from './open.js';

export interface RenumberOptions {
  readonly dir?: string;
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
}

export interface RenumberResult {
  readonly from: string;
  readonly to: string;
  /** Records whose references were rewritten. */
  readonly updated: string[];
  readonly files: string[];
  readonly commit?: string;
}

const recordRefs = new Map<Kind, RefField[]>(
  KINDS.map((k) => [k, refFields(k.shape).filter((f) => f.role.role === 'record')]),
);

export async function renumber(opts: RenumberOptions, ctx: Context): Promise<RenumberResult> {
  const [from, to] = [opts.from.toUpperCase(), opts.to.toUpperCase()];
  if (!ID_PATTERN.test(to)) throw new UserError(`${opts.to} is not a record id`, 'ids look like NC-0043');
  const { result, commit } = await applyChange(opts, ctx, ({ register }) => move(register, from, to));
  return { ...result, ...(commit ? { commit } : {}) };
}

function move(register: Register, from: string, to: string): Mutation<RenumberResult> {
  const old = recordToChange(register, from);
  if (register.prefixes.kindOf(to) !== old.kind) {
    throw new UserError(`${to} is not ${article(old.kind)} id`, `use ${register.prefixes.of(old.kind)}-NNNN`);
  }
  if (register.byId.has(to) || register.unchecked.has(to))
    throw new UserError(`${to} already exists`, 'choose an unused id');

  const moved = { ...old, file: `${old.kind.folder}/${to}.yaml`, id: to, data: { ...old.data, id: to } } as Entry;
  const writes: FileWrite[] = [
    { file: moved.file, text: renderUpdate(old.text, old.data, moved.data), expected: null },
    { file: old.file, text: null, expected: old.text },
  ];
  const updated: string[] = [];
  const entries = register.entries.map((e) => {
    if (e === old) return moved;
    const data = referencesMoved(e, from, to);
    if (!data) return e;
    const value = checkedRecord(
      e.kind,
      data,
      e.file,
      (problems) => new UserError(`renumbering would make ${e.data.id} invalid`, problems[0]!.hint, ExitCode.Invalid),
    );
    updated.push(e.data.id);
    writes.push({ file: e.file, text: renderUpdate(e.text, e.data, value), expected: e.text });
    return { ...e, data: value } as Entry;
  });
  const after = buildRegister(register.root, register.config, register.prefixes, entries, register.unchecked);
  return {
    writes,
    changed: [old, moved],
    judge: { after, refusal: `cannot renumber ${from}` },
    commit: {
      kind: old.kind.name,
      id: to,
      verb: `renumber from ${from}`,
      title: old.data.title,
      records: [to, ...updated],
      action: 'renumber',
      trailers: { Renumbered: `${from} -> ${to}` },
    },
    result: { from, to, updated, files: writes.map((w) => w.file) },
  };
}

/** The record's data with every reference to `from` made one to `to`, or undefined if it has none. */
function referencesMoved(e: Entry, from: string, to: string): Record<string, unknown> | undefined {
  const data = structuredClone(e.data) as Record<string, unknown>;
  let changed = false;
  for (const field of recordRefs.get(e.kind)!) {
    for (const { path, value } of valuesAt(e.data, field.pattern)) {
      if (typeof value === 'string' && (value === from || value.startsWith(`${from}#`))) {
        replaceAt(data, path, to + value.slice(from.length));
        changed = true;
      }
    }
  }
  return changed ? data : undefined;
}

function replaceAt(data: unknown, path: readonly (string | number)[], value: unknown): void {
  let target = data as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) target = target[seg] as Record<string | number, unknown>;
  target[path.at(-1)!] = value;
}
