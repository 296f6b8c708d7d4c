// `cim nc extend NC-ID --to DATE --reason … --approved-by P`: moves a nonconformity's close_by and
// records the agreed extension (from, to, on, reason, approved_by) in the same commit, so that a
// deadline never moves without a reason and an approver on record.
import type { Context } from '../context.js';
import { isIsoDate, today } from '../domain/dates.js';
import { withEntries } from '../domain/engine.js';
import { nc, type NcRecord } from '../domain/kinds/index.js';
import { closeBy, EXTEND_STEP, policyCloseBy } from '../domain/kinds/nc.js';
import type { Entry } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { renderUpdate } from '../io/record-file.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { recordToChange, type OpenForChange } from './open.js';

export interface ExtendOptions {
  readonly dir?: string;
  readonly id: string;
  /** The new close_by. */
  readonly to: string;
  readonly reason: string;
  /** Who approved it; defaults to the person running the command. */
  readonly approvedBy?: string;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
}

export interface ExtendResult {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly file: string;
  readonly written: boolean;
  readonly commit?: string;
}

export async function extend(opts: ExtendOptions, ctx: Context): Promise<ExtendResult> {
  if (!isIsoDate(opts.to))
    throw new UserError(`--to ${opts.to} is not a date`, 'give the new close_by as YYYY-MM-DD, e.g. --to 2026-12-31');
  if (opts.reason.trim() === '') throw new UserError('--reason is empty', 'say why more time is needed: --reason "…"');
  const { result, written, commit } = await applyChange(opts, ctx, (opened) => extension(opts, opened, today(ctx.now)));
  return { ...result, written, ...(commit ? { commit } : {}) };
}

/** The close_by an extension starts from: the last one's, or the record's own within the policy's. */
export function extendedFrom(record: NcRecord, settings: Parameters<typeof closeBy>[1]): string {
  const last = record.extensions?.at(-1)?.to;
  if (last !== undefined) return last;
  const policy = policyCloseBy(record, settings);
  const own = closeBy(record, settings);
  return own <= policy ? own : policy;
}

function extension(
  opts: ExtendOptions,
  { register, actor }: OpenForChange,
  on: string,
): Mutation<Omit<ExtendResult, 'written' | 'commit'>> {
  const id = opts.id.toUpperCase();
  const current = recordToChange(register, id, nc.name) as Entry<NcRecord>;
  if (current.kind !== nc)
    throw new UserError(
      `${id} is not a nonconformity`,
      `only nonconformities have a close_by: \`cim list ${nc.name}\``,
    );
  if (!(EXTEND_STEP.from as readonly string[]).includes(current.data.status))
    throw new UserError(
      `${id} is ${current.data.status}; only an open nonconformity's close_by can move`,
      `extensions apply to a nonconformity that is ${EXTEND_STEP.from.join(', ')}`,
      ExitCode.Invalid,
    );
  const approvedBy = opts.approvedBy ?? actor;
  if (approvedBy === undefined)
    throw new UserError(
      'missing --approved-by: your git identity matches no person in cim.yaml',
      'give who approved the extension: --approved-by <person>',
    );
  const from = extendedFrom(current.data, register.config);
  if (opts.to === closeBy(current.data, register.config) && from === opts.to)
    throw new UserError(`${id}'s close_by is already ${opts.to}`, 'give the new date with --to');
  const amended = structuredClone(current.data) as unknown as Record<string, unknown>;
  amended[EXTEND_STEP.moves] = opts.to;
  amended[EXTEND_STEP.field] = [
    ...(current.data.extensions ?? []),
    { from, to: opts.to, on, reason: opts.reason.trim(), approved_by: approvedBy },
  ];
  const value = checkedRecord(
    nc,
    amended,
    current.file,
    (problems) =>
      new UserError(
        `cannot extend ${id}: ${problems.map((f) => f.message).join('; ')}`,
        problems[0]!.hint,
        ExitCode.Invalid,
      ),
  );
  const entry = { ...current, data: value } as Entry;
  return {
    writes: [{ file: current.file, text: renderUpdate(current.text, current.data, value), expected: current.text }],
    changed: [entry, current],
    judge: { after: withEntries(register, [entry]), refusal: `cannot extend ${id}` },
    commit: {
      kind: nc.name,
      id,
      verb: `${EXTEND_STEP.verb} close_by to ${opts.to}`,
      title: current.data.title,
      records: [id],
      action: EXTEND_STEP.verb,
    },
    result: { id, from, to: opts.to, file: current.file },
  };
}
