// The audit programme of a year: the audits planned in it by type, and how far the audits of the
// cycle ending with that year cover clauses 4–10 and the applicable Annex A controls. Coverage is
// internal audits' alone, as validate's policy/coverage judges it.
import { requirementId } from '../domain/fields.js';
import { CLAUSES, CONTROLS, expandRequirement } from '../domain/iso27001.js';
import { AGREEMENT_TYPES, EXTERNAL_TYPES } from '../domain/kinds/audit.js';
import { audit, type AuditRecord } from '../domain/kinds/index.js';
import { hasFact } from '../domain/queries.js';
import { compareIds, entriesOf, type Entry, type Register } from '../domain/register.js';
import { count, longDate, personName } from './format.js';

type Audit = Entry<AuditRecord>;

const GROUPS = [
  { title: 'Internal audits', types: ['internal'] },
  { title: 'External certification audits', types: EXTERNAL_TYPES },
  { title: 'Client and third-party audits', types: AGREEMENT_TYPES },
] as const;

const THEMES = [
  ['organizational', 'Organisational controls (A.5)'],
  ['people', 'People controls (A.6)'],
  ['physical', 'Physical controls (A.7)'],
  ['technological', 'Technological controls (A.8)'],
] as const;

/**
 * How far the cycle's audits reach a clause or control, in the words the coverage tables print:
 * the programme's own terms, not states of a record.
 */
type CoverageState = 'audited' | 'planned' | 'excluded' | 'gap';

interface Coverage {
  readonly id: string;
  readonly title: string;
  readonly state: CoverageState;
  readonly by: string;
}

export interface ProgrammeModel {
  readonly organisation: string;
  readonly title: string;
  readonly year: number;
  readonly asOf: string;
  readonly cycle: string;
  readonly groups: readonly {
    readonly title: string;
    readonly audits: readonly Readonly<Record<string, string>>[];
  }[];
  readonly planned: number;
  readonly clauses: readonly Coverage[];
  readonly clauseGaps: number;
  readonly themes: readonly {
    readonly title: string;
    readonly total: number;
    readonly audited: number;
    readonly planned: number;
    readonly excluded: number;
    readonly gaps: readonly { id: string; title: string }[];
  }[];
  readonly controlGaps: number;
  readonly excluded: readonly { control: string; reason: string }[];
}

export function programmeModel(register: Register, year: number, asOf: string): ProgrammeModel {
  const { cycle_years, excluded_controls } = register.config.audit_programme;
  const first = year - cycle_years + 1;
  const audits = [...entriesOf(register, audit)].sort((a, b) => compareIds(a.data.id, b.data.id));
  const inYear = audits.filter(
    (e) => e.data.planned.startsWith(String(year)) || e.data.conducted?.from.startsWith(String(year)),
  );
  const internal = audits.filter((e) => e.data.type === 'internal');
  const stateOf = coverage(register, internal, `${first}-01-01`, `${year}-12-31`);
  const clauses = CLAUSES.map((c) => ({ id: c.id, title: c.title, ...stateOf(c.id) }));
  const themes = THEMES.map(([theme, title]) => themeCoverage(theme, title, stateOf));
  return {
    organisation: register.config.organisation,
    title: `Audit programme ${year}`,
    year,
    asOf: longDate(asOf),
    cycle: `${first}–${year} (${count(cycle_years, 'year')})`,
    groups: GROUPS.map((g) => ({ title: g.title, audits: auditRows(register, inYear, g.types) })),
    planned: inYear.length,
    clauses,
    clauseGaps: clauses.filter((c) => c.state === 'gap').length,
    themes,
    controlGaps: themes.reduce((n, t) => n + t.gaps.length, 0),
    excluded: excluded_controls
      .map((x) => ({ control: requirementId(x.control), reason: x.reason }))
      .sort((a, b) => compareRequirement(a.control, b.control)),
  };
}

/** The audits of the year of some types, by the month planned, as the programme's table shows them. */
function auditRows(register: Register, inYear: readonly Audit[], types: readonly string[]) {
  return inYear
    .filter((e) => types.includes(e.data.type))
    .sort((a, b) =>
      a.data.planned < b.data.planned ? -1 : a.data.planned > b.data.planned ? 1 : compareIds(a.data.id, b.data.id),
    )
    .map((e) => ({
      id: e.data.id,
      title: e.data.title,
      type: e.data.type,
      planned: longDate(e.data.planned),
      scope: e.data.scope,
      criteria: e.data.criteria.map(requirementId).join(', '),
      lead: personName(register, e.data.lead_auditor),
      status: e.data.status,
    }));
}

/**
 * What each internal audit of the cycle covers (9.2: external and client audits are another's
 * assurance, not the organisation's own audit): audited once conducted and reported in the cycle (by the
 * latest report), planned while in hand and planned in it; excluded by the Statement of
 * Applicability; else a gap.
 */
function coverage(register: Register, audits: readonly Audit[], from: string, to: string) {
  const audited = new Map<string, Audit>();
  const planned = new Map<string, Audit>();
  for (const e of audits) {
    const date = e.data.report?.date;
    const done = hasFact(audit, e.data.status, 'conducted') && date !== undefined && date >= from && date <= to;
    const coming =
      hasFact(audit, e.data.status, 'in-hand') && e.data.planned >= from.slice(0, 7) && e.data.planned <= to;
    if (!done && !coming) continue;
    for (const c of e.data.criteria) {
      for (const id of expandRequirement(requirementId(c))) {
        if (done) {
          const prev = audited.get(id);
          if (!prev || prev.data.report!.date < date) audited.set(id, e);
        } else if (!planned.has(id)) planned.set(id, e);
      }
    }
  }
  const excludedIds = new Set(register.config.audit_programme.excluded_controls.map((x) => requirementId(x.control)));
  return (id: string): { state: CoverageState; by: string } => {
    const a = audited.get(id);
    if (a) return { state: 'audited', by: `${a.data.id} (${longDate(a.data.report!.date)})` };
    const p = planned.get(id);
    if (p) return { state: 'planned', by: `${p.data.id} (${longDate(p.data.planned)})` };
    if (excludedIds.has(id)) return { state: 'excluded', by: '—' };
    return { state: 'gap', by: '—' };
  };
}

/** The controls of one Annex A theme, counted by coverage, with the gaps listed. */
function themeCoverage(theme: string, title: string, stateOf: ReturnType<typeof coverage>) {
  const controls = CONTROLS.filter((c) => c.theme === theme).map((c) => ({ ...c, ...stateOf(c.id) }));
  const counted = (state: CoverageState) => controls.filter((c) => c.state === state);
  return {
    title,
    total: controls.length,
    audited: counted('audited').length,
    planned: counted('planned').length,
    excluded: counted('excluded').length,
    gaps: counted('gap').map((c) => ({ id: c.id, title: c.title })),
  };
}

/** A.5.9 before A.5.10. */
function compareRequirement(a: string, b: string): number {
  const pa = a.replace(/^A\./, '').split('.').map(Number);
  const pb = b.replace(/^A\./, '').split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}
