// `cim audit finding AUD-ID`: adds a finding to a reported audit and, with --raise, opens the
// nonconformity or opportunity for improvement it calls for, with its source filled in — one
// commit for both records.
import type { Context } from '../context.js';
import { today } from '../domain/dates.js';
import { findStep, perform, withEntries } from '../domain/engine.js';
import type { Kind } from '../domain/kind.js';
import { audit, nc, type AuditRecord } from '../domain/kinds/index.js';
import { FINDING_STEP, FINDING_TYPES, RAISED_KIND, RAISED_SOURCE_TYPE } from '../domain/kinds/audit.js';
import { creatingStep } from '../domain/lifecycle.js';
import type { Entry, Register } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { nextId } from '../io/ids.js';
import { renderNew, renderUpdate } from '../io/record-file.js';
import type { FileWrite } from '../io/write.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { kindNamed } from './kinds.js';
import type { OpenForChange } from './open.js';
import { parseValues } from './values.js';

/**
 * The action of a commit that raises an NC or OFI from a finding and names it there: `cim audit
 * finding --raise`, and `cim nc open` / `cim ofi propose` with `--source-ref AUD-x#Fn`. The history
 * shows it on both records.
 */
export const RAISE_ACTION = 'finding, raise';

export interface FindingOptions {
  readonly dir?: string;
  readonly id: string;
  readonly type: string;
  readonly statement: string;
  readonly requirement?: string;
  readonly evidence?: string;
  readonly noAction?: string;
  /** Open the NC (major, minor) or OFI (observation, ofi) the finding calls for. */
  readonly raise?: boolean;
  /** For the raised record: its title, area, owner, and an OFI's benefit. */
  readonly title?: string;
  readonly area?: string;
  readonly owner?: string;
  readonly benefit?: string;
  /** For an NC raised from a certification body's finding: the body's reference and deadlines. */
  readonly bodyRef?: string;
  readonly planDue?: string;
  readonly verifyBy?: string;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
}

export interface FindingResult {
  readonly audit: string;
  readonly ref: string;
  readonly raised?: string;
  readonly files: string[];
  readonly commit?: string;
}

export async function addFinding(opts: FindingOptions, ctx: Context): Promise<FindingResult> {
  if (!(FINDING_TYPES as readonly string[]).includes(opts.type)) {
    throw new UserError(`--type ${opts.type} is not a finding type`, `use one of: ${FINDING_TYPES.join(', ')}`);
  }
  const { result, commit } = await applyChange(opts, ctx, (opened) => findingChange(opts, opened, ctx));
  return { ...result, ...(commit ? { commit } : {}) };
}

async function findingChange(
  opts: FindingOptions,
  { root, input, register, actor }: OpenForChange,
  ctx: Context,
): Promise<Mutation<FindingResult>> {
  const id = opts.id.toUpperCase();
  const current = reportedAudit(register, id);
  const date = today(ctx.now);
  const findings = current.data.report.findings;
  const ref = `F${Math.max(0, ...findings.map((f) => Number(f.ref.slice(1)))) + 1}`;
  const finding = newFinding(opts, ref);

  const named = opts.raise ? RAISED_KIND[opts.type as (typeof FINDING_TYPES)[number]] : undefined;
  const raisedKind = named === undefined ? undefined : kindNamed(named);
  if (opts.raise && !raisedKind) throw new UserError(`a ${opts.type} finding raises nothing`, 'leave out --raise');
  const raisedId = raisedKind
    ? await nextId(
        root,
        ctx.env,
        raisedKind.folder,
        register.prefixes.of(raisedKind),
        input.files.map((f) => f.file),
      )
    : undefined;
  if (raisedId) finding.raised = raisedId;

  const amended = structuredClone(current.data) as unknown as Record<string, unknown>;
  (amended.report as { findings: unknown[] }).findings.push(finding);
  const value = checkedRecord(
    audit,
    amended,
    current.file,
    (problems) =>
      new UserError(`the finding is not valid: ${problems.map((f) => f.message).join('; ')}`, problems[0]!.hint),
  );
  const auditEntry = { ...current, data: value } as Entry;
  const writes: FileWrite[] = [
    { file: current.file, text: renderUpdate(current.text, current.data, value), expected: current.text },
  ];
  const entries: Entry[] = [auditEntry];
  if (raisedKind && raisedId) {
    const raised = raise(opts, { register, auditEntry, current, ref, kind: raisedKind, id: raisedId, date, actor });
    entries.push(raised);
    writes.push({ file: raised.file, text: renderNew(raisedKind, raised.data), expected: null });
  }
  return {
    writes,
    changed: entries,
    judge: { after: withEntries(register, entries), refusal: 'cannot add the finding' },
    commit: {
      kind: audit.name,
      id,
      verb: `finding ${ref}${raisedId ? `, raise ${raisedId}` : ''}`,
      title: current.data.title,
      records: raisedId ? [id, raisedId] : [id],
      action: raisedId ? RAISE_ACTION : FINDING_STEP.verb,
    },
    result: { audit: id, ref, ...(raisedId ? { raised: raisedId } : {}), files: writes.map((w) => w.file) },
  };
}

type ReportedAudit = Entry<AuditRecord> & { data: { report: NonNullable<AuditRecord['report']> } };

/** The audit a finding is added to: one that has been reported. */
function reportedAudit(register: Register, id: string): ReportedAudit {
  const current = register.byId.get(id) as Entry<AuditRecord> | undefined;
  if (!current || current.kind !== audit)
    throw new UserError(`no audit ${id} in this register`, '`cim list audit` lists them');
  if (!(FINDING_STEP.from as readonly string[]).includes(current.data.status) || !current.data.report) {
    throw new UserError(
      `${id} is ${current.data.status}; findings are added to a reported audit`,
      `record the report first: cim audit report ${id}`,
      ExitCode.Invalid,
    );
  }
  return current as ReportedAudit;
}

function newFinding(opts: FindingOptions, ref: string): Record<string, unknown> {
  const requirement = opts.requirement
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ref,
    type: opts.type,
    ...(requirement?.length ? { requirement } : {}),
    statement: opts.statement,
    ...(opts.evidence ? { evidence: opts.evidence } : {}),
    ...(opts.noAction ? { no_action: opts.noAction } : {}),
  };
}

interface Raising {
  readonly register: Register;
  /** The audit with the finding added, and as it was read. */
  readonly auditEntry: Entry;
  readonly current: ReportedAudit;
  readonly ref: string;
  readonly kind: Kind;
  readonly id: string;
  readonly date: string;
  readonly actor: string | undefined;
}

/** The NC or OFI a finding raises, made by the kind's creating step with its source filled in. */
function raise(opts: FindingOptions, r: Raising): Entry {
  const { current, kind } = r;
  const creating = creatingStep(kind);
  const step = findStep(kind, creating?.verb ?? '');
  if (!step.ok) throw new UserError(step.problem.message, step.problem.hint);
  const raw: Record<string, string> = {
    'source-type': RAISED_SOURCE_TYPE[current.data.type],
    'source-ref': `${current.data.id}#${r.ref}`,
    description: opts.statement,
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.owner ? { owner: opts.owner } : {}),
    ...(kind === nc
      ? {
          grade: opts.type,
          ...(opts.requirement ? { requirement: opts.requirement } : {}),
          ...((opts.area ?? current.data.areas?.length === 1) ? { area: opts.area ?? current.data.areas![0]! } : {}),
          'raised-by': current.data.lead_auditor,
          // Raised by the report, whenever the finding is recorded.
          'raised-on': current.data.report.date,
          ...(opts.evidence ? { evidence: opts.evidence } : {}),
          ...(opts.bodyRef ? { 'certification-body-ref': opts.bodyRef } : {}),
          ...(opts.planDue ? { 'certification-plan-due': opts.planDue } : {}),
          ...(opts.verifyBy ? { 'certification-verify-by': opts.verifyBy } : {}),
        }
      : { ...(opts.benefit ? { benefit: opts.benefit } : {}) }),
  };
  const missing = step.inputs
    .filter((i) => i.required && !i.fallback && raw[i.flag] === undefined)
    .map((i) => `--${i.flag}`);
  if (missing.length)
    throw new UserError(
      `raising ${kind === nc ? 'an NC' : 'an OFI'} needs ${missing.join(', ')}`,
      'give them as flags alongside --raise',
    );
  const file = `${kind.folder}/${r.id}.yaml`;
  const outcome = perform({
    register: withEntries(r.register, [r.auditEntry]),
    kind,
    transition: step.transition,
    inputs: step.inputs,
    id: r.id,
    file,
    values: parseValues(step.inputs, raw, r.register),
    today: r.date,
    ...(r.actor ? { actor: r.actor } : {}),
  });
  if (!outcome.ok)
    throw new UserError(
      `cannot raise ${r.id}: ${outcome.problems.map((p) => p.message).join('; ')}`,
      outcome.problems[0]!.hint,
      ExitCode.Invalid,
    );
  return {
    file,
    kind,
    id: r.id,
    text: '',
    source: r.auditEntry.source,
    data: outcome.data,
  } as unknown as Entry;
}
