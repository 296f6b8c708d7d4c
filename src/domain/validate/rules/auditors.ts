// Who audits what (9.2.2, 7.2): the areas an internal audit covers, named in it or found through
// the areas' `owns` in cim.yaml, the people on its team, and whether a person's recorded
// competence holds on a day. The rules on independence and competence, and the programme's
// compliance rules, all ask here.
import type { Config, Person } from '../../config.js';
import { startOf } from '../../dates.js';
import type { Path } from '../../diagnostics.js';
import { requirementId } from '../../fields.js';
import { expandRequirement } from '../../iso27001.js';
import type { AuditRecord } from '../../kinds/index.js';

/** The clauses and controls a list of requirement values names: `9` is 9.1, 9.2 and 9.3. */
export function expanded(values: readonly (string | number)[]): Set<string> {
  return new Set(values.flatMap((v) => expandRequirement(requirementId(v))));
}

/** Each area's `owns`, expanded once per cim.yaml: several rules ask it of every audit. */
const owned = new WeakMap<Config, readonly { id: string; owns: ReadonlySet<string> }[]>();

function ownsOf(config: Config): readonly { id: string; owns: ReadonlySet<string> }[] {
  let areas = owned.get(config);
  if (!areas) {
    areas = config.areas.filter((a) => a.owns?.length).map((a) => ({ id: a.id, owns: expanded(a.owns!) }));
    owned.set(config, areas);
  }
  return areas;
}

/** The areas whose `owns` share a clause or control with the criteria, in cim.yaml's order. */
export function owningAreas(config: Config, criteria: readonly (string | number)[]): string[] {
  const areas = ownsOf(config);
  if (!areas.length) return [];
  const audited = expanded(criteria);
  return areas.filter((a) => [...a.owns].some((id) => audited.has(id))).map((a) => a.id);
}

/**
 * The areas an audit covers: those it names, and those that own any of its criteria. Naming
 * areas does not unname the owner of a clause audited: the organisation's map says who runs it.
 */
export function auditedAreas(config: Config, record: AuditRecord): string[] {
  const named = record.areas ?? [];
  return [...named, ...owningAreas(config, record.criteria).filter((a) => !named.includes(a))];
}

/** The lead auditor and the other auditors, each with where the record names them. */
export function auditTeam(record: AuditRecord): { path: Path; id: string; role: string }[] {
  return [
    { path: ['lead_auditor'], id: record.lead_auditor, role: 'lead auditor' },
    ...(record.auditors ?? []).map((id, i) => ({ path: ['auditors', i] as Path, id, role: 'auditor' })),
  ];
}

/** The day an audit's fieldwork starts, or is planned to: the first of its planned month. */
export function auditDay(record: AuditRecord): string {
  return record.conducted?.from ?? startOf(record.planned);
}

/**
 * A person's competence on a day, when they have records of it: `valid` if a record was completed
 * by then and has not lapsed, else `lapsed` with the latest lapse (or `later` if the only records
 * were completed after the day). Undefined when the person has no competence records: cim checks
 * them only where the register keeps them.
 */
export function competenceOn(
  person: Person | undefined,
  day: string,
): { state: 'valid' } | { state: 'lapsed'; course: string; on: string } | { state: 'later' } | undefined {
  const records = person?.competence;
  if (!records?.length) return undefined;
  const held = records.filter((c) => c.date <= day);
  if (held.some((c) => c.expires_on === undefined || c.expires_on >= day)) return { state: 'valid' };
  const last = held.sort((a, b) => (a.expires_on! < b.expires_on! ? -1 : 1)).at(-1);
  return last ? { state: 'lapsed', course: last.course, on: last.expires_on! } : { state: 'later' };
}

/** Whether an audit's criteria include any clause 4–10 of the management system. */
export function auditsClauses(record: AuditRecord): boolean {
  return [...expanded(record.criteria)].some((id) => !id.startsWith('A.'));
}
