// References: every person, area, requirement and record a value names exists and is of the right
// kind, and a record's source is the kind of record its type says.
import { FINDING_REF_PATTERN, requirementId, type FieldRole } from '../../fields.js';
import type { FieldDiagnostic } from '../../diagnostics.js';
import { requirementKind } from '../../iso27001.js';
import type { Kind } from '../../kind.js';
import { audit, KINDS, type AuditRecord } from '../../kinds/index.js';
import { SOURCE_KINDS } from '../../kinds/source.js';
import type { Register } from '../../register.js';
import { error, type Rule } from '../rule.js';
import {
  REF_AREA,
  REF_DANGLING,
  REF_FINDING,
  REF_PERSON,
  REF_REQUIREMENT,
  REF_SOURCE,
  REF_WRONG_KIND,
} from '../rule-ids.js';
import { article, withArticle } from '../wording.js';
import { refFields, valuesAt, type RefField } from '../zod-walk.js';

const refFieldsByKind = new WeakMap<Kind, RefField[]>();

/** The fields of a kind that name people, areas, requirements or records, walked once per kind. */
function refFieldsOf(kind: Kind): RefField[] {
  let fields = refFieldsByKind.get(kind);
  if (!fields) refFieldsByKind.set(kind, (fields = refFields(kind.shape)));
  return fields;
}

/** Every person, area, requirement and record a value names must exist, and be of the right kind. */
export function checkReferences(
  register: Register,
  file: string,
  data: unknown,
  fields: readonly RefField[],
): FieldDiagnostic[] {
  const out: FieldDiagnostic[] = [];
  const { people, areas } = register.config;
  const personIds = new Set(people.map((p) => p.id));
  const areaIds = new Set(areas.map((a) => a.id));
  for (const { pattern, role } of fields) {
    for (const { path, value } of valuesAt(data, pattern)) {
      const problem = checkOne(register, role, value, personIds, areaIds);
      if (problem) out.push({ severity: 'error', file, path, ...problem });
    }
  }
  return out;
}

function checkOne(
  register: Register,
  role: FieldRole,
  value: unknown,
  personIds: ReadonlySet<string>,
  areaIds: ReadonlySet<string>,
): { rule: string; message: string; hint: string } | undefined {
  switch (role.role) {
    case 'person':
      return personIds.has(String(value))
        ? undefined
        : {
            rule: REF_PERSON,
            message: `unknown person "${String(value)}"`,
            hint: `declare ${String(value)} under people in cim.yaml, or use one of: ${list([...personIds])}`,
          };
    case 'area':
      return areaIds.has(String(value))
        ? undefined
        : {
            rule: REF_AREA,
            message: `unknown area "${String(value)}"`,
            hint: `declare ${String(value)} under areas in cim.yaml, or use one of: ${list([...areaIds])}`,
          };
    case 'requirement': {
      const id = requirementId(value as string | number);
      return requirementKind(id)
        ? undefined
        : {
            rule: REF_REQUIREMENT,
            message: `${id} is not an ISO 27001:2022 clause or Annex A control`,
            hint: 'use a clause from 4.1 to 10.2 or a control from A.5.1 to A.8.34',
          };
    }
    case 'record': {
      const raw = String(value);
      const finding = FINDING_REF_PATTERN.exec(raw);
      const id = finding ? finding[1]! : raw;
      const target = register.byId.get(id);
      if (!target && register.unchecked.has(id)) return undefined; // its own errors are reported
      if (!target) {
        const kind = register.prefixes.kindOf(id);
        return {
          rule: REF_DANGLING,
          message: `${id} does not exist`,
          hint: kind
            ? `check the id; \`cim list ${kind.name}\` lists the ${kind.folder}`
            : 'check the id; `cim list` lists every record',
        };
      }
      if (role.kinds.length > 0 && !role.kinds.includes(target.kind.name)) {
        const wanted = role.kinds.map((k) => KINDS.find((x) => x.name === k)!).map(article);
        return {
          rule: REF_WRONG_KIND,
          message: `${id} is ${article(target.kind)}, not ${wanted.join(' or ')}`,
          hint: `refer to ${wanted.join(' or ')} here`,
        };
      }
      if (finding) {
        const findings = target.kind === audit ? ((target.data as AuditRecord).report?.findings ?? []) : undefined;
        if (!findings)
          return {
            rule: REF_WRONG_KIND,
            message: `${id} is ${article(target.kind)}; only audits have findings`,
            hint: `refer to ${id} without "#${finding[2]}"`,
          };
        if (!findings.some((f) => f.ref === finding[2])) {
          return {
            rule: REF_FINDING,
            message: `${id} has no finding ${finding[2]}`,
            hint: `add the finding to ${id} (\`cim audit finding\`), or correct the reference`,
          };
        }
      }
      return undefined;
    }
  }
}

function list(ids: readonly string[]): string {
  return ids.length === 0 ? '(none declared)' : ids.length > 12 ? `${ids.slice(0, 12).join(', ')}, …` : ids.join(', ');
}

export const references: Rule = (register) =>
  register.entries.flatMap((e) => checkReferences(register, e.file, e.data, refFieldsOf(e.kind)));

/** `source.type` says what kind of record `source.ref` must be. */
export const sources: Rule = (register) =>
  register.entries.flatMap((e) => {
    const src = (e.data as { source?: { type: keyof typeof SOURCE_KINDS; ref?: string } }).source;
    if (!src) return [];
    const expected = SOURCE_KINDS[src.type];
    if (expected === undefined) return [];
    const kind = KINDS.find((k) => k.name === expected)!;
    if (src.ref === undefined) {
      return [
        error(
          e,
          REF_SOURCE,
          ['source'],
          `${withArticle(src.type)} source names ${article(kind)} in source.ref`,
          `add ref: ${register.prefixes.of(kind)}-NNNN${kind === audit ? ' (or AUD-NNNN#F1 for a finding)' : ''}`,
        ),
      ];
    }
    const target = register.byId.get(src.ref.split('#')[0]!);
    if (target && target.kind !== kind) {
      return [
        error(
          e,
          REF_SOURCE,
          ['source', 'ref'],
          `${withArticle(src.type)} source must be ${article(kind)}, but ${target.data.id} is ${article(target.kind)}`,
          'correct source.type or source.ref',
        ),
      ];
    }
    return [];
  });
