// Rules on audits and auditors: what an internal audit covers, and who may audit it (9.2, 7.2).
// Each is an error, so it is also the guard of the step that would plant it: an internal audit
// planned with no area to judge its auditors against, audited by the ISMS manager, led by someone
// who is not an internal auditor, or started by a lead whose recorded competence has lapsed; and
// competence records in cim.yaml whose dates cannot both be true.
import { CONFIG_FILE } from '../../config.js';
import { audit, type AuditRecord } from '../../kinds/index.js';
import { countedEntries } from '../../queries.js';
import type { Entry, Register } from '../../register.js';
import { error, type Rule } from '../rule.js';
import {
  AUDIT_AREAS,
  COMPETENCE_LEAD_LAPSED,
  COMPETENCE_LEAD_ROLE,
  DATE_ORDER,
  INDEPENDENCE_ISMS_MANAGER,
} from '../rule-ids.js';
import { auditedAreas, auditsClauses, auditTeam, competenceOn } from './auditors.js';

const internalAudits = (register: Register): Entry<AuditRecord>[] =>
  countedEntries(register, audit).filter((e) => e.data.type === 'internal');

const personOf = (register: Register, id: string) => register.config.people.find((p) => p.id === id);

/** An internal audit says which areas it audits, or cim.yaml's `owns` says for it. */
export const auditAreas: Rule = (register) =>
  internalAudits(register)
    .filter((e) => auditedAreas(register.config, e.data).length === 0)
    .map((e) =>
      error(
        e,
        AUDIT_AREAS,
        ['areas'],
        `${e.data.id} is an internal audit that names no area it audits, and no area in cim.yaml owns its criteria: the independence of its auditors cannot be judged`,
        `name the areas it audits (\`--areas\` when planning, \`cim edit ${e.data.id} --set areas=[AREA,…]\` after), or map clauses and controls to the areas that run them under areas[].owns in cim.yaml`,
      ),
    );

/** The ISMS manager runs clauses 4–10, so does not audit them. */
export const ismsManagerAudits: Rule = (register) =>
  internalAudits(register)
    .filter((e) => auditsClauses(e.data))
    .flatMap((e) =>
      auditTeam(e.data)
        .filter((a) => personOf(register, a.id)?.roles.includes('isms-manager'))
        .map((a) =>
          error(
            e,
            INDEPENDENCE_ISMS_MANAGER,
            a.path,
            `${a.role} ${a.id} is the ISMS manager, who runs the management system clauses 4–10 that ${e.data.id} audits: no one audits their own work`,
            `choose another auditor, or a contracted internal auditor: \`cim edit ${e.data.id} --set ${a.path.length > 1 ? 'auditors=[PERSON,…]' : 'lead_auditor=PERSON'}\``,
          ),
        ),
    );

/** The lead auditor of an internal audit is one of the organisation's internal auditors. */
export const leadAuditorRole: Rule = (register) =>
  internalAudits(register).flatMap((e) => {
    const lead = personOf(register, e.data.lead_auditor);
    if (!lead || lead.roles.includes('internal-auditor')) return [];
    return [
      error(
        e,
        COMPETENCE_LEAD_ROLE,
        ['lead_auditor'],
        `lead auditor ${lead.id} of ${e.data.id} does not hold the internal-auditor role`,
        `choose a lead who does: \`cim edit ${e.data.id} --set lead_auditor=PERSON\`, or, once ${lead.id} is trained, add internal-auditor to their roles in cim.yaml`,
      ),
    ];
  });

/** A lead auditor with competence records holds a current one on the day fieldwork starts. */
export const leadAuditorCompetence: Rule = (register) =>
  internalAudits(register).flatMap((e) => {
    const from = e.data.conducted?.from;
    if (!from) return [];
    const held = competenceOn(personOf(register, e.data.lead_auditor), from);
    if (!held || held.state === 'valid') return [];
    const lead = e.data.lead_auditor;
    return [
      error(
        e,
        COMPETENCE_LEAD_LAPSED,
        ['lead_auditor'],
        held.state === 'lapsed'
          ? `lead auditor ${lead}'s competence (${held.course}) lapsed on ${held.on}, before ${e.data.id}'s fieldwork began on ${from}`
          : `lead auditor ${lead} had no competence recorded in cim.yaml as completed by ${from}, when ${e.data.id}'s fieldwork began`,
        `record ${lead}'s current training under people[].competence in cim.yaml, or lead the audit with a competent internal auditor: \`cim edit ${e.data.id} --set lead_auditor=PERSON\``,
      ),
    ];
  });

/** A competence record in cim.yaml lapses after it was completed. */
export const competenceDates: Rule = (register) =>
  register.config.people.flatMap((p, i) =>
    (p.competence ?? []).flatMap((c, j) =>
      c.expires_on !== undefined && c.expires_on < c.date
        ? [
            error(
              { file: CONFIG_FILE },
              DATE_ORDER,
              ['people', i, 'competence', j, 'expires_on'],
              `${p.id}'s competence (${c.course}) lapses on ${c.expires_on}, before it was completed on ${c.date}`,
              'correct its date or expires_on in cim.yaml',
            ),
          ]
        : [],
    ),
  );

export const AUDIT_PROGRAMME_RULES: readonly Rule[] = [
  competenceDates,
  auditAreas,
  ismsManagerAudits,
  leadAuditorRole,
  leadAuditorCompetence,
];
