// Policy compliance of the audit programme, as of a date (9.2, 7.2): ready for the stage 2
// certification audit, internal audits whose claimed scope fits the days spent on it, and lead
// auditors still competent when the audits they are to lead come round.
import { CONFIG_FILE } from '../../config.js';
import { addDays, daysBetween, startOf } from '../../dates.js';
import type { FieldDiagnostic } from '../../diagnostics.js';
import { CLAUSES, CONTROLS } from '../../iso27001.js';
import { audit, mrt } from '../../kinds/index.js';
import { countedEntries, entriesWith, hasFact, heldReviews } from '../../queries.js';
import type { Register } from '../../register.js';
import { warn, type Rule } from '../rule.js';
import { POLICY_AUDIT_SCOPE, POLICY_AUDITOR_COMPETENCE, POLICY_STAGE2_READINESS } from '../rule-ids.js';
import { auditDay, competenceOn, expanded } from '../rules/auditors.js';
import { coverageGaps } from './audits.js';

/** How long before stage 2 the register is asked whether its plan reaches it. */
export const STAGE2_NOTICE_DAYS = 90;

const internal = (register: Register) => countedEntries(register, audit).filter((e) => e.data.type === 'internal');

/**
 * Stage 2 (`certification.stage2_on`): every clause 4–10 internally audited, and a management
 * review held, before it. From the day itself, what the register shows was done before it; in the
 * STAGE2_NOTICE_DAYS before, what neither was done nor is planned or scheduled before it. A stage 2
 * before the register started is not judged: its evidence is not here.
 */
export const stage2Readiness: Rule = (register, { asOf }) => {
  const { certification, started_on } = register.config;
  const on = certification?.stage2_on;
  if (!on || on <= started_on || addDays(on, -STAGE2_NOTICE_DAYS) > asOf) return [];
  const passed = asOf >= on;
  const audits = internal(register).filter((e) => {
    const reported = hasFact(audit, e.data.status, 'conducted') && e.data.report && e.data.report.date < on;
    const coming = !passed && hasFact(audit, e.data.status, 'in-hand') && auditDay(e.data) < on;
    return reported || coming;
  });
  const covered = expanded(audits.flatMap((e) => e.data.criteria));
  const missing = CLAUSES.map((c) => c.id).filter((id) => !covered.has(id));
  const reviewed =
    heldReviews(register).some((m) => m.data.held_on! < on) ||
    (!passed && entriesWith(register, mrt, 'upcoming').some((m) => m.data.scheduled_on < on));
  const out: FieldDiagnostic[] = [];
  const path = ['certification', 'stage2_on'];
  if (missing.length)
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_STAGE2_READINESS,
        path,
        passed
          ? `clauses not internally audited before the stage 2 audit on ${on}: ${missing.join(', ')}`
          : `the stage 2 audit is on ${on}, and clauses ${missing.join(', ')} are neither internally audited nor in an internal audit planned before it`,
        passed
          ? 'audit them now (`cim audit plan --type internal`) and expect the certification body to raise it; if stage 2 moved, set certification.stage2_on to its date'
          : `plan an internal audit of them before ${on}: \`cim audit plan --type internal --criteria ${missing.join(',')}\`, or move certification.stage2_on`,
      ),
    );
  if (!reviewed)
    out.push(
      warn(
        CONFIG_FILE,
        POLICY_STAGE2_READINESS,
        path,
        passed
          ? `no management review was held before the stage 2 audit on ${on}`
          : `the stage 2 audit is on ${on}, and no management review is held or scheduled before it`,
        passed
          ? 'hold one now (`cim mrt schedule`, then `cim mrt hold`); if stage 2 moved, set certification.stage2_on to its date'
          : `schedule one before ${on}: \`cim mrt schedule --scheduled-on DATE\``,
      ),
    );
  return out;
};

/** Clauses 4–10 and Annex A themes A.5–A.8: the groups fieldwork days are judged by. */
const GROUPS = [...new Set([...CLAUSES, ...CONTROLS].map((r) => r.id.slice(0, r.id.lastIndexOf('.'))))].map((group) =>
  [...CLAUSES, ...CONTROLS].filter((r) => r.id.startsWith(`${group}.`)).map((r) => r.id),
);

/** How many groups the criteria cover, each counted by the share of its members named: A.8 is 1. */
export function groupsCovered(criteria: readonly (string | number)[]): number {
  const covered = expanded(criteria);
  return GROUPS.reduce((n, members) => n + members.filter((id) => covered.has(id)).length / members.length, 0);
}

/** Fieldwork days, first and last inclusive. */
const fieldworkDays = (from: string, to: string) => daysBetween(from, to) + 1;

/**
 * An internal audit that counts toward this cycle's coverage claims no more than its days allow:
 * groups covered × audit_programme.days_per_group, rounded to the nearest day and at least one.
 */
export const implausibleScope: Rule = (register, { asOf }) => {
  const perGroup = register.config.audit_programme.days_per_group;
  const { since } = coverageGaps(register, asOf);
  return internal(register).flatMap((e) => {
    const r = e.data;
    const reported = r.report?.date;
    if (!hasFact(audit, r.status, 'conducted') || !r.conducted?.to || !reported) return [];
    if (reported < since || reported > asOf) return [];
    const groups = groupsCovered(r.criteria);
    const needed = Math.max(1, Math.round(groups * perGroup));
    const days = fieldworkDays(r.conducted.from, r.conducted.to);
    if (days >= needed) return [];
    const worth = Number.isInteger(groups) ? String(groups) : groups.toFixed(1);
    return [
      warn(
        e.file,
        POLICY_AUDIT_SCOPE,
        ['criteria'],
        `${r.id} claims criteria worth ${worth} of the ${GROUPS.length} groups (clauses 4–10, themes A.5–A.8) from ${days} day${days === 1 ? '' : 's'} of fieldwork; at ${perGroup} days a group that takes at least ${needed}: its scope is not plausible`,
        `narrow its criteria to what was audited (\`cim edit ${r.id} --set criteria=[…]\`), correct conducted.from and conducted.to, or set audit_programme.days_per_group in cim.yaml to the pace your audits keep`,
      ),
    ];
  });
};

/** A planned internal audit whose lead's recorded competence will have lapsed by its start. */
export const competenceLapsing: Rule = (register, { asOf }) =>
  internal(register).flatMap((e) => {
    const r = e.data;
    if (!hasFact(audit, r.status, 'upcoming')) return [];
    const day = startOf(r.planned);
    const held = competenceOn(
      register.config.people.find((p) => p.id === r.lead_auditor),
      day,
    );
    if (!held || held.state === 'valid') return [];
    return [
      warn(
        e.file,
        POLICY_AUDITOR_COMPETENCE,
        ['lead_auditor'],
        held.state === 'lapsed'
          ? `${r.id} is planned for ${r.planned}, and lead auditor ${r.lead_auditor}'s competence (${held.course}) ${held.on < asOf ? 'lapsed' : 'lapses'} on ${held.on}, before it`
          : `${r.id} is planned for ${r.planned}, and lead auditor ${r.lead_auditor} has no competence recorded as completed by then`,
        `renew the training and record it under people[].competence in cim.yaml, or choose another lead: \`cim edit ${r.id} --set lead_auditor=PERSON\``,
      ),
    ];
  });

export const AUDIT_PROGRAMME_COMPLIANCE: readonly Rule[] = [stage2Readiness, implausibleScope, competenceLapsing];
