// `cim audit finding AUD-ID`: adds a finding to a reported audit and, with --raise, opens the
// nonconformity or opportunity for improvement it calls for, with its source filled in — one
// commit for both records.
import type { Context } from '../context.js';
import { today } from '../domain/dates.js';
import { findStep, newErrors, perform, withEntries } from '../domain/engine.js';
import type { Entry } from '../domain/register.js';
import { audit, nc, ofi, type AuditRecord } from '../domain/kinds/index.js';
import { AGREEMENT_TYPES, FINDING_TYPES } from '../domain/kinds/audit.js';
import { schemaFindings } from '../domain/validate/schema.js';
import { ExitCode, UserError } from '../errors.js';
import { nextId } from '../io/ids.js';
import { renderNew, renderUpdate } from '../io/record-file.js';
import { openForChange } from './open.js';
import { parseValues } from './step.js';
import { clockTrailer, commitMessage, writeAndCommit, type FileWrite } from '../io/write.js';

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
  const { root, input, register, commit, actor, reads } = await openForChange(opts, ctx);
  const id = opts.id.toUpperCase();
  const current = register.byId.get(id) as Entry<AuditRecord> | undefined;
  if (!current || current.kind !== audit)
    throw new UserError(`no audit ${id} in this register`, '`cim list audit` lists them');
  if (current.data.status !== 'reported' || !current.data.report) {
    throw new UserError(
      `${id} is ${current.data.status}; findings are added to a reported audit`,
      `record the report first: cim audit report ${id}`,
      ExitCode.Invalid,
    );
  }
  const date = today(ctx.now);
  const findings = current.data.report.findings;
  const ref = `F${Math.max(0, ...findings.map((f) => Number(f.ref.slice(1)))) + 1}`;
  const requirement = opts.requirement
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const finding: Record<string, unknown> = {
    ref,
    type: opts.type,
    ...(requirement?.length ? { requirement } : {}),
    statement: opts.statement,
    ...(opts.evidence ? { evidence: opts.evidence } : {}),
    ...(opts.noAction ? { no_action: opts.noAction } : {}),
  };

  const raisedKind = !opts.raise
    ? undefined
    : opts.type === 'major' || opts.type === 'minor'
      ? nc
      : opts.type === 'observation' || opts.type === 'ofi'
        ? ofi
        : undefined;
  if (opts.raise && !raisedKind) throw new UserError(`a ${opts.type} finding raises nothing`, 'leave out --raise');
  const raisedId = raisedKind
    ? await nextId(
        root,
        raisedKind.folder,
        register.prefixes.of(raisedKind),
        input.files.map((f) => f.file),
      )
    : undefined;
  if (raisedId) finding.raised = raisedId;

  const amended = structuredClone(current.data) as unknown as Record<string, unknown>;
  (amended.report as { findings: unknown[] }).findings.push(finding);
  const checked = schemaFindings(audit.schema, amended, current.file);
  if (checked.value === undefined) {
    throw new UserError(
      `the finding is not valid: ${checked.findings.map((f) => f.message).join('; ')}`,
      checked.findings[0]!.hint,
    );
  }
  const auditEntry = { ...current, data: checked.value } as Entry;
  const writes: FileWrite[] = [
    {
      file: current.file,
      text: renderUpdate(current.text, current.data, checked.value as Record<string, unknown>),
      expected: current.text,
    },
  ];
  let entries: Entry[] = [auditEntry];

  if (raisedKind && raisedId) {
    const step = findStep(raisedKind, raisedKind === nc ? 'open' : 'propose');
    if (!step.ok) throw new UserError(step.problem.message, step.problem.hint);
    const sourceType =
      current.data.type === 'internal'
        ? 'internal-audit'
        : AGREEMENT_TYPES.includes(current.data.type)
          ? 'client-audit'
          : 'external-audit';
    const raw: Record<string, string> = {
      'source-type': sourceType,
      'source-ref': `${id}#${ref}`,
      description: opts.statement,
      ...(opts.title ? { title: opts.title } : {}),
      ...(opts.owner ? { owner: opts.owner } : {}),
      ...(raisedKind === nc
        ? {
            grade: opts.type,
            ...(opts.requirement ? { requirement: opts.requirement } : {}),
            ...((opts.area ?? current.data.areas?.length === 1) ? { area: opts.area ?? current.data.areas![0]! } : {}),
            'raised-by': current.data.lead_auditor,
            ...(opts.evidence ? { evidence: opts.evidence } : {}),
          }
        : { ...(opts.benefit ? { benefit: opts.benefit } : {}) }),
    };
    const missing = step.inputs
      .filter((i) => i.required && !i.fallback && raw[i.flag] === undefined)
      .map((i) => `--${i.flag}`);
    if (missing.length)
      throw new UserError(
        `raising ${raisedKind === nc ? 'an NC' : 'an OFI'} needs ${missing.join(', ')}`,
        'give them as flags alongside --raise',
      );
    const file = `${raisedKind.folder}/${raisedId}.yaml`;
    const outcome = perform({
      register: withEntries(register, [auditEntry]),
      kind: raisedKind,
      transition: step.transition,
      inputs: step.inputs,
      id: raisedId,
      file,
      values: parseValues(step.inputs, raw, register),
      today: date,
      ...(actor ? { actor } : {}),
    });
    if (!outcome.ok)
      throw new UserError(
        `cannot raise ${raisedId}: ${outcome.problems.map((p) => p.message).join('; ')}`,
        outcome.problems[0]!.hint,
        ExitCode.Invalid,
      );
    entries = [
      ...entries,
      {
        file,
        kind: raisedKind,
        id: raisedId,
        text: '',
        source: auditEntry.source,
        data: outcome.data,
      } as unknown as Entry,
    ];
    writes.push({ file, text: renderNew(raisedKind, outcome.data), expected: null });
  }
  const problems = newErrors(register, withEntries(register, entries), date);
  if (problems.length)
    throw new UserError(
      `cannot add the finding: ${problems.map((p) => p.message).join('; ')}`,
      problems[0]!.hint,
      ExitCode.Invalid,
    );

  const files = writes.map((w) => w.file);
  if (opts.dryRun) return { audit: id, ref, ...(raisedId ? { raised: raisedId } : {}), files };
  const message = commit
    ? commitMessage(`audit(${id}): finding ${ref}${raisedId ? `, raise ${raisedId}` : ''} — ${current.data.title}`, {
        Record: raisedId ? `${id}, ${raisedId}` : id,
        Action: raisedId ? 'finding, raise' : 'finding',
        ...clockTrailer(ctx),
      })
    : undefined;
  const written = new Set(writes.map((w) => w.file));
  const sha = await writeAndCommit(root, writes, {
    ...(message ? { message } : {}),
    reads: reads(entries).filter((r) => !written.has(r.file)),
  });
  return { audit: id, ref, ...(raisedId ? { raised: raisedId } : {}), files, ...(sha ? { commit: sha } : {}) };
}
