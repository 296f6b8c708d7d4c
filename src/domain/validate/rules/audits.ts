// Audits: internal auditors are independent of what they audit, and an audit closes only when
// every finding was acted on.
import type { Path } from '../../diagnostics.js';
import { audit, nc, type AuditRecord } from '../../kinds/index.js';
import { countedEntries, isCompleted } from '../../queries.js';
import { entriesOf, type Register } from '../../register.js';
import { error, type Rule } from '../rule.js';
import { auditedAreas, auditTeam } from './auditors.js';
import { AUDIT_FINDINGS, INDEPENDENCE_AUDITOR } from '../rule-ids.js';
import { article } from '../wording.js';

/**
 * Internal auditors audit areas they do not work in or own: the areas the audit names, and those
 * cim.yaml says own any of its criteria.
 */
export function auditorConflicts(register: Register, record: AuditRecord): { path: Path; message: string }[] {
  if (record.type !== 'internal') return [];
  const audited = new Set(auditedAreas(register.config, record));
  if (!audited.size) return [];
  const named = new Set(record.areas ?? []);
  const covered = (area: string) =>
    named.has(area)
      ? `${area}, an area this internal audit covers`
      : `${area}, which cim.yaml says runs clauses or controls this internal audit covers`;
  const out: { path: Path; message: string }[] = [];
  for (const a of auditTeam(record)) {
    const person = register.config.people.find((p) => p.id === a.id);
    const works = person?.areas.find((x) => audited.has(x));
    const owns = register.config.areas.find((x) => x.owner === a.id && audited.has(x.id));
    if (works) out.push({ path: a.path, message: `${a.role} ${a.id} works in ${covered(works)}` });
    else if (owns) out.push({ path: a.path, message: `${a.role} ${a.id} owns ${covered(owns.id)}` });
  }
  return out;
}

export const auditorIndependence: Rule = (register) =>
  countedEntries(register, audit).flatMap((e) =>
    auditorConflicts(register, e.data).map((c) =>
      error(
        e,
        INDEPENDENCE_AUDITOR,
        c.path,
        c.message,
        `internal audits are conducted by people independent of the audited areas: choose another auditor (\`cim edit ${e.data.id} --set ${c.path.length > 1 ? 'auditors=[PERSON,…]' : 'lead_auditor=PERSON'}\`), or a contracted one`,
      ),
    ),
  );

/** An audit closes only when every finding was acted on as its type requires. */
export function auditFindingProblems(
  register: Register,
  record: AuditRecord,
): { path: Path; message: string; hint: string }[] {
  const out: { path: Path; message: string; hint: string }[] = [];
  record.report?.findings.forEach((f, i) => {
    const path: Path = ['report', 'findings', i];
    const raised = f.raised ? register.byId.get(f.raised) : undefined;
    if (f.type === 'major' || f.type === 'minor') {
      if (!f.raised)
        out.push({
          path,
          message: `${f.type} finding ${f.ref} has no nonconformity raised`,
          hint: `raise it: \`cim nc open --source-ref ${record.id}#${f.ref}\` records the NC and names it on the finding`,
        });
      else if (raised && raised.kind !== nc)
        out.push({
          path: [...path, 'raised'],
          message: `${f.type} finding ${f.ref} must raise a nonconformity, not ${article(raised.kind)}`,
          hint: 'raise an NC for major and minor findings',
        });
    } else if (f.type === 'observation' || f.type === 'ofi') {
      if (!f.raised && f.no_action === undefined)
        out.push({
          path,
          message: `finding ${f.ref} (${f.type}) has neither an OFI raised nor a no_action reason`,
          hint: `raise one (\`cim ofi propose --source-ref ${record.id}#${f.ref}\`), or add no_action to the finding: why none is raised`,
        });
    }
  });
  return out;
}

export const auditClosure: Rule = (register) =>
  entriesOf(register, audit)
    .filter((e) => isCompleted(e.kind, e.data.status))
    .flatMap((e) =>
      auditFindingProblems(register, e.data).map((p) => error(e, AUDIT_FINDINGS, p.path, p.message, p.hint)),
    );
