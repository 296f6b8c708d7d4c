// Rules of substance on nonconformities, corrective actions and audit findings (10.2): a corrective
// action is more than the correction, no corrective action is a decision someone approved, a
// deadline moves only by an agreed extension, a late closure says why, an NC raised from a finding
// is named by it, and a certification body's observation is not set aside with a word.
import { addDays, daysBetween, isIsoDate } from '../../dates.js';
import { FINDING_REF_PATTERN } from '../../fields.js';
import { EXTERNAL_TYPES, RAISED_KIND } from '../../kinds/audit.js';
import { audit, ca, nc, ofi, type AuditRecord, type NcRecord } from '../../kinds/index.js';
import { closeBy, policyCloseBy } from '../../kinds/nc.js';
import { heldReviews, isCompleted, isVoid } from '../../queries.js';
import { entriesOf, type Entry, type Register } from '../../register.js';
import { error, type Rule } from '../rule.js';
import {
  AUDIT_DISMISSAL,
  DATE_FUTURE,
  CA_REPEATS_CORRECTION,
  NC_ACTION_WAIVER,
  NC_CLOSED_LATE,
  NC_EXTENSION,
  NC_FINDING_LINK,
} from '../rule-ids.js';
import { restates, saysTooLittle } from '../substance.js';

/** The fewest words a reason for raising nothing from a certification body's finding has. */
const DISMISSAL_WORDS = 5;

/** A corrective action removes the cause; one that repeats the correction fixes the instance again. */
export const caRepeatsCorrection: Rule = (register) =>
  entriesOf(register, ca).flatMap((e) => {
    const target = register.byId.get(e.data.nc);
    if (target?.kind !== nc) return [];
    const correction = (target.data as NcRecord).correction?.action;
    if (correction === undefined || !restates(e.data.action, correction)) return [];
    return [
      error(
        e,
        CA_REPEATS_CORRECTION,
        ['action'],
        `${e.data.id}'s action repeats ${e.data.nc}'s correction: a correction fixes the instance; a corrective action removes the cause`,
        `say what will remove the cause (${e.data.addresses ?? 'the root cause'}): --action "…" at cim ca plan, or cim edit ${e.data.id} --set action="…"`,
      ),
    ];
  });

/**
 * Taking no corrective action is a decision: someone other than the NC's owner approved it, at a
 * management review that was held, before the NC closes.
 */
export const actionWaivers: Rule = (register) => {
  const held = new Map(heldReviews(register).map((r) => [r.data.id, r.data.held_on!]));
  return entriesOf(register, nc).flatMap((e) => {
    const r = e.data;
    const waiver = r.action_waiver;
    const out = [];
    if (r.action_required === false && waiver === undefined && isCompleted(e.kind, r.status))
      out.push(
        error(
          e,
          NC_ACTION_WAIVER,
          ['action_waiver'],
          `${r.id} was closed without corrective action, but nobody's approval of that, nor the management review that accepted it, is recorded`,
          `close it with the approval: cim nc close ${r.id} --action-waiver-approved-by <person> --action-waiver-accepted-in MRT-NNNN`,
        ),
      );
    if (waiver === undefined) return out;
    if (waiver.approved_by === r.owner)
      out.push(
        error(
          e,
          NC_ACTION_WAIVER,
          ['action_waiver', 'approved_by'],
          `${r.id}'s owner ${r.owner} approved taking no corrective action on their own nonconformity`,
          'have someone other than the NC owner (top management, the ISMS manager) approve it',
        ),
      );
    const on = held.get(waiver.accepted_in);
    if (on === undefined)
      out.push(
        error(
          e,
          NC_ACTION_WAIVER,
          ['action_waiver', 'accepted_in'],
          `${r.id}'s decision to take no corrective action was accepted in ${waiver.accepted_in}, which was not held`,
          `name the held management review that accepted it (\`cim list mrt\`), or hold ${waiver.accepted_in} first`,
        ),
      );
    else if (r.closed_on !== undefined && on > r.closed_on)
      out.push(
        error(
          e,
          NC_ACTION_WAIVER,
          ['action_waiver', 'accepted_in'],
          `${r.id} closed on ${r.closed_on}, before ${waiver.accepted_in} accepted taking no corrective action on ${on}`,
          'name the review that accepted it before the closure',
        ),
      );
    return out;
  });
};

/** An NC closed after its close_by says why; one closed on time has nothing to explain. */
export const lateClosures: Rule = (register) =>
  entriesOf(register, nc).flatMap((e) => {
    const r = e.data;
    if (r.closed_on === undefined) return [];
    const due = closeBy(r, register.config);
    const late = r.closed_on > due;
    if (late && (r.closed_late === undefined || saysTooLittle(r.closed_late)))
      return [
        error(
          e,
          NC_CLOSED_LATE,
          ['closed_late'],
          `${r.id} was closed on ${r.closed_on}, ${daysBetween(due, r.closed_on)} days after its close_by ${due}, ${r.closed_late === undefined ? 'and does not say why' : `and "${r.closed_late.trim()}" does not say why`}`,
          `record why it closed late: --closed-late "…" at cim nc close ${r.id}`,
        ),
      ];
    if (!late && r.closed_late !== undefined)
      return [
        error(
          e,
          NC_CLOSED_LATE,
          ['closed_late'],
          `${r.id} records closed_late, but it was closed on ${r.closed_on}, by its close_by ${due}`,
          'leave out closed_late: it was closed in time',
        ),
      ];
    return [];
  });

/** The close_by an NC has had before each extension, and the extensions, as problems in order. */
function extensionProblems(
  register: Register,
  e: Entry<NcRecord>,
): { path: (string | number)[]; message: string; hint: string }[] {
  const r = e.data;
  const policy = policyCloseBy(r, register.config);
  const current = closeBy(r, register.config);
  const extensions = r.extensions ?? [];
  const extend = `cim nc extend ${r.id} --to YYYY-MM-DD --reason "…" --approved-by <person>`;
  if (extensions.length === 0)
    return current > policy
      ? [
          {
            path: ['close_by'],
            message: `${r.id}'s close_by ${current} is later than the ${policy} the policy sets for a ${r.grade} nonconformity, and no extension of it is recorded`,
            hint: `record the agreed extension, who approved it and why: cim nc extend ${r.id} --to ${current} --reason "…" --approved-by <person>`,
          },
        ]
      : [];
  const out: { path: (string | number)[]; message: string; hint: string }[] = [];
  let before = extensions[0]!.from;
  if (before > policy)
    out.push({
      path: ['extensions', 0, 'from'],
      message: `${r.id}'s first extension starts from ${before}, later than the ${policy} the policy sets for a ${r.grade} nonconformity`,
      hint: `each extension starts from the close_by it replaced; record extensions with ${extend}`,
    });
  extensions.forEach((x, i) => {
    if (i > 0 && x.from !== before)
      out.push({
        path: ['extensions', i, 'from'],
        message: `${r.id}'s extension ${i + 1} starts from ${x.from}, but the one before it moved close_by to ${before}`,
        hint: `each extension starts from the close_by it replaced; record extensions with ${extend}`,
      });
    if (x.to === x.from)
      out.push({
        path: ['extensions', i, 'to'],
        message: `${r.id}'s extension ${i + 1} moves close_by from ${x.from} to the same date`,
        hint: 'record an extension only when close_by moves',
      });
    if (x.approved_by === r.owner)
      out.push({
        path: ['extensions', i, 'approved_by'],
        message: `${r.id}'s owner ${r.owner} approved the extension of their own nonconformity's deadline`,
        hint: 'have someone other than the NC owner (top management, the ISMS manager) approve it',
      });
    if (saysTooLittle(x.reason))
      out.push({
        path: ['extensions', i, 'reason'],
        message: `${r.id}'s extension ${i + 1} gives "${x.reason.trim()}" as its reason, which does not say why more time is needed`,
        hint: 'say why the deadline moved: what is still to happen, and why it could not happen in time',
      });
    before = x.to;
  });
  if (current !== before)
    out.push({
      path: ['close_by'],
      message: `${r.id}'s close_by is ${current}, but its last extension moved it to ${before}`,
      hint: `move close_by only with an extension: ${extend}`,
    });
  return out;
}

export const closeByExtensions: Rule = (register) =>
  entriesOf(register, nc)
    .filter((e) => !isVoid(e.kind, e.data.status))
    .flatMap((e) => extensionProblems(register, e).map((p) => error(e, NC_EXTENSION, p.path, p.message, p.hint)));

/** The finding an id names (`AUD-0003#F2`), with its audit, when both exist. */
function findingOf(register: Register, ref: string | undefined) {
  const m = ref === undefined ? null : FINDING_REF_PATTERN.exec(ref);
  if (!m) return undefined;
  const target = register.byId.get(m[1]!);
  if (target?.kind !== audit) return undefined;
  const finding = (target.data as AuditRecord).report?.findings.find((f) => f.ref === m[2]);
  return finding ? { audit: target as Entry<AuditRecord>, finding } : undefined;
}

/** An NC or OFI raised from an audit finding is the record the finding names as raised. */
export const findingLinks: Rule = (register) =>
  [...entriesOf(register, nc), ...entriesOf(register, ofi)].flatMap((e) => {
    const found = findingOf(register, e.data.source.ref);
    if (!found || isVoid(e.kind, e.data.status)) return [];
    const { finding } = found;
    const ref = e.data.source.ref!;
    if (finding.raised === e.data.id) return [];
    const raises = RAISED_KIND[finding.type];
    const why =
      finding.raised !== undefined
        ? `which raised ${finding.raised}`
        : raises !== e.kind.name
          ? `a ${finding.type} finding, which raises ${raises === undefined ? 'nothing' : `${raises === 'nc' ? 'an NC' : 'an OFI'}`}`
          : finding.no_action !== undefined
            ? 'which records that it raises nothing'
            : 'which does not name it as raised';
    return [
      error(
        e,
        NC_FINDING_LINK,
        ['source', 'ref'],
        `${e.data.id} was raised from ${ref}, ${why}`,
        finding.raised === undefined && raises === e.kind.name && finding.no_action === undefined
          ? `open records from a finding with cim ${e.kind.name} ${e.kind === nc ? 'open' : 'propose'} --source-ref ${ref}, which names it on the finding`
          : `correct the source: cim edit ${e.data.id} --set source.ref=…`,
      ),
    ];
  });

/** A certification body's observation or OFI set aside says why, in words an auditor can weigh. */
export const certificationDismissals: Rule = (register) =>
  entriesOf(register, audit)
    .filter((e) => EXTERNAL_TYPES.includes(e.data.type))
    .flatMap((e) =>
      (e.data.report?.findings ?? []).flatMap((f, i) =>
        (f.type === 'ofi' || f.type === 'observation') &&
        f.no_action !== undefined &&
        saysTooLittle(f.no_action, DISMISSAL_WORDS)
          ? [
              error(
                e,
                AUDIT_DISMISSAL,
                ['report', 'findings', i, 'no_action'],
                `${e.data.id}'s ${f.type} ${f.ref} from the certification body is set aside with "${f.no_action.trim()}", which does not say why nothing is raised`,
                `say why no OFI is raised (what already addresses it, or why it does not apply), or raise one: cim ofi propose --source-ref ${e.data.id}#${f.ref}`,
              ),
            ]
          : [],
      ),
    );

/**
 * The dates a certification body met (the plan accepted, the actions verified) record events, so
 * none is after the day judged on (one day's grace for time zones, as for every event date).
 */
export const certificationDates: Rule = (register, { asOf }) =>
  entriesOf(register, nc).flatMap((e) => {
    const c = e.data.certification;
    if (!c) return [];
    const next = addDays(asOf, 1);
    const latest = isIsoDate(next) ? next : asOf;
    return (['plan_accepted_on', 'verified_on'] as const).flatMap((k) => {
      const on = c[k];
      return on !== undefined && on > latest
        ? [
            error(
              e,
              DATE_FUTURE,
              ['certification', k],
              `certification.${k} ${on} is after ${asOf}: it records an event that has not happened yet`,
              `record it once it has happened: cim edit ${e.data.id} --set certification.${k}=YYYY-MM-DD`,
            ),
          ]
        : [];
    });
  });

export const NONCONFORMITY_RULES: readonly Rule[] = [
  certificationDates,
  caRepeatsCorrection,
  actionWaivers,
  lateClosures,
  closeByExtensions,
  findingLinks,
  certificationDismissals,
];
