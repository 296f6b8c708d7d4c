// Layer 3: rules across records. Each rule is a small function from the register to findings;
// the pipeline runs them all on records that passed their schema.
import { FINDING_REF_PATTERN, requirementId, type FieldRole } from '../fields.js';
import { formatPath, type Finding, type Path } from '../diagnostics.js';
import { addDays, isIsoDate } from '../dates.js';
import { eventDatePatterns } from '../inputs.js';
import { requirementKind } from '../iso27001.js';
import type { Kind } from '../kind.js';
import { audit, ca, exception, KINDS, mrt, nc, ofi, type AuditRecord, type CaRecord } from '../kinds/index.js';
import { SOURCE_KINDS } from '../kinds/source.js';
import { entriesOf, type Entry, type Register } from '../register.js';
import { controlCharacters } from './text.js';
import { refFields, valuesAt, type RefField } from './zod-walk.js';

export interface RuleContext {
  /** The date compliance is judged at (today, or --as-of). */
  readonly asOf: string;
}

export type Rule = (register: Register, ctx: RuleContext) => Finding[];

const error = (e: { file: string }, rule: string, path: Path, message: string, hint: string): Finding => ({
  severity: 'error',
  rule,
  file: e.file,
  path,
  message,
  hint,
});

const refFieldsByKind = new Map<Kind, RefField[]>(KINDS.map((k) => [k, refFields(k.shape)]));

/** "an incident", "a nonconformity": the words with the article they take. */
export function withArticle(words: string): string {
  return `${/^[aeiou]/i.test(words) ? 'an' : 'a'} ${words}`;
}

export function article(kind: Kind): string {
  return withArticle(kind.title.toLowerCase());
}

/** Every person, area, requirement and record a value names must exist, and be of the right kind. */
export function checkReferences(
  register: Register,
  file: string,
  data: unknown,
  fields: readonly RefField[],
): Finding[] {
  const out: Finding[] = [];
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
            rule: 'ref/person',
            message: `unknown person "${String(value)}"`,
            hint: `declare ${String(value)} under people in cim.yaml, or use one of: ${list([...personIds])}`,
          };
    case 'area':
      return areaIds.has(String(value))
        ? undefined
        : {
            rule: 'ref/area',
            message: `unknown area "${String(value)}"`,
            hint: `declare ${String(value)} under areas in cim.yaml, or use one of: ${list([...areaIds])}`,
          };
    case 'requirement': {
      const id = requirementId(value as string | number);
      return requirementKind(id)
        ? undefined
        : {
            rule: 'ref/requirement',
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
          rule: 'ref/dangling',
          message: `${id} does not exist`,
          hint: kind
            ? `check the id; \`cim list ${kind.name}\` lists the ${kind.folder}`
            : 'check the id; `cim list` lists every record',
        };
      }
      if (role.kinds.length > 0 && !role.kinds.includes(target.kind.name)) {
        const wanted = role.kinds.map((k) => KINDS.find((x) => x.name === k)!).map(article);
        return {
          rule: 'ref/wrong-kind',
          message: `${id} is ${article(target.kind)}, not ${wanted.join(' or ')}`,
          hint: `refer to ${wanted.join(' or ')} here`,
        };
      }
      if (finding) {
        const findings = target.kind === audit ? ((target.data as AuditRecord).report?.findings ?? []) : undefined;
        if (!findings)
          return {
            rule: 'ref/wrong-kind',
            message: `${id} is ${article(target.kind)}; only audits have findings`,
            hint: `refer to ${id} without "#${finding[2]}"`,
          };
        if (!findings.some((f) => f.ref === finding[2])) {
          return {
            rule: 'ref/finding',
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

const references: Rule = (register) =>
  register.entries.flatMap((e) => checkReferences(register, e.file, e.data, refFieldsByKind.get(e.kind)!));

/** `source.type` says what kind of record `source.ref` must be. */
const sources: Rule = (register) =>
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
          'ref/source',
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
          'ref/source',
          ['source', 'ref'],
          `${withArticle(src.type)} source must be ${article(kind)}, but ${target.data.id} is ${article(target.kind)}`,
          'correct source.type or source.ref',
        ),
      ];
    }
    return [];
  });

const duplicateIds: Rule = (register) => {
  const seen = new Map<string, Entry>();
  const out: Finding[] = [];
  for (const e of register.entries) {
    const first = seen.get(e.data.id);
    if (first)
      out.push(
        error(
          e,
          'id/duplicate',
          ['id'],
          `id ${e.data.id} is also used by ${first.file}`,
          'give each record its own id; the file name is the id',
        ),
      );
    else seen.set(e.data.id, e);
  }
  return out;
};

/** Event dates follow the lifecycle (raised ≤ corrected ≤ closed, …). */
const dateOrder: Rule = (register) =>
  register.entries.flatMap((e) => {
    let latest: { path: string; value: string } | undefined;
    const out: Finding[] = [];
    for (const path of e.kind.dateOrder) {
      const [value] = valuesAt(e.data, path.split('.'));
      if (typeof value?.value !== 'string') continue;
      if (latest && value.value < latest.value) {
        out.push(
          error(
            e,
            'date/order',
            value.path,
            `${path} ${value.value} is before ${latest.path} ${latest.value}`,
            `dates follow the lifecycle: ${e.kind.dateOrder.join(' ≤ ')}`,
          ),
        );
      } else {
        latest = { path, value: value.value };
      }
    }
    return out;
  });

export const DATE_FUTURE = 'date/future';

/**
 * Event dates are not after the date of the check: a record states what has happened. One day
 * ahead is allowed, since a date is written where the person is and the check may run where it
 * is still the day before (a CI runner in UTC checking a morning's work in Sydney).
 */
const futureDates: Rule = (register, { asOf }) => {
  // The day after 9999-12-31 is no date cim reads (the year 10000 sorts before it), and nothing
  // is later than that last day anyway.
  const next = addDays(asOf, 1);
  const latest = isIsoDate(next) ? next : asOf;
  return register.entries.flatMap((e) =>
    eventDatePatterns(e.kind).flatMap((pattern) =>
      valuesAt(e.data, pattern).flatMap(({ path, value }) =>
        typeof value === 'string' && value > latest
          ? [
              error(
                e,
                DATE_FUTURE,
                path,
                `${formatPath(path)} ${value} is after ${asOf}: it records an event that has not happened yet`,
                'record events once they have happened; check the year, or judge the register as of a later date with --as-of',
              ),
            ]
          : [],
      ),
    ),
  );
};

/** Internal auditors audit areas they do not work in or own. */
export function auditorConflicts(register: Register, record: AuditRecord): { path: Path; message: string }[] {
  if (record.type !== 'internal' || !record.areas?.length) return [];
  const audited = new Set(record.areas);
  const auditors: { path: Path; id: string; role: string }[] = [
    { path: ['lead_auditor'], id: record.lead_auditor, role: 'lead auditor' },
    ...(record.auditors ?? []).map((id, i) => ({ path: ['auditors', i] as Path, id, role: 'auditor' })),
  ];
  const out: { path: Path; message: string }[] = [];
  for (const a of auditors) {
    const person = register.config.people.find((p) => p.id === a.id);
    const works = person?.areas.find((x) => audited.has(x));
    const owns = register.config.areas.find((x) => x.owner === a.id && audited.has(x.id));
    if (works)
      out.push({ path: a.path, message: `${a.role} ${a.id} works in ${works}, an area this internal audit covers` });
    else if (owns)
      out.push({ path: a.path, message: `${a.role} ${a.id} owns ${owns.id}, an area this internal audit covers` });
  }
  return out;
}

const auditorIndependence: Rule = (register) =>
  entriesOf(register, audit)
    .filter((e) => e.data.status !== 'cancelled')
    .flatMap((e) =>
      auditorConflicts(register, e.data).map((c) =>
        error(
          e,
          'independence/auditor',
          c.path,
          c.message,
          'internal audits are conducted by people independent of the audited areas: choose another auditor',
        ),
      ),
    );

/** The effectiveness review is independent of the owner and comes after the minimum wait. */
export function reviewProblems(
  register: Register,
  record: CaRecord,
): { rule: string; path: Path; message: string; hint: string }[] {
  const review = record.effectiveness;
  if (!review) return [];
  const out = [];
  if (review.reviewed_by === record.owner) {
    out.push({
      rule: 'independence/ca-reviewer',
      path: ['effectiveness', 'reviewed_by'],
      message: `the effectiveness of ${record.id} is reviewed by its own owner ${record.owner}`,
      hint: 'have someone other than the action owner review its effectiveness',
    });
  }
  const min = register.config.corrective_actions.effectiveness_review_min_days;
  if (record.implemented_on && review.reviewed_on < addDays(record.implemented_on, min)) {
    out.push({
      rule: 'ca/review-too-early',
      path: ['effectiveness', 'reviewed_on'],
      message: `effectiveness reviewed on ${review.reviewed_on}, less than ${min} days after implementation on ${record.implemented_on}`,
      hint: `review effectiveness on or after ${addDays(record.implemented_on, min)} (corrective_actions.effectiveness_review_min_days in cim.yaml)`,
    });
  }
  return out;
}

const caReviews: Rule = (register) =>
  entriesOf(register, ca).flatMap((e) =>
    reviewProblems(register, e.data).map((p) => error(e, p.rule, p.path, p.message, p.hint)),
  );

/** The corrective actions of each NC, by NC id. */
export function actionsByNc(register: Register): Map<string, Entry<CaRecord>[]> {
  const map = new Map<string, Entry<CaRecord>[]>();
  for (const e of entriesOf(register, ca)) {
    if (!map.has(e.data.nc)) map.set(e.data.nc, []);
    map.get(e.data.nc)!.push(e);
  }
  return map;
}

/**
 * Why an NC in state actioned, verified or closed does not have the actions its state needs:
 * actioned needs a planned action; verified and closed need every live action verified, at least
 * one effective, and any ineffective one answered by reopening the analysis.
 */
export function ncActionProblems(
  ncRecord: { id: string; status: string; action_required?: boolean; reopened?: { on: string }[] },
  actions: readonly Entry<CaRecord>[],
  asOf: string,
): string[] {
  if (ncRecord.action_required === false) return [];
  const live = actions.filter((a) => a.data.status !== 'cancelled');
  if (['actioned', 'verified', 'closed'].includes(ncRecord.status) && live.length === 0) {
    return [`${ncRecord.id} is ${ncRecord.status} but has no corrective action`];
  }
  if (!['verified', 'closed'].includes(ncRecord.status)) return [];
  const out: string[] = [];
  const pending = live.filter((a) => a.data.status !== 'verified').map((a) => a.data.id);
  if (pending.length)
    out.push(
      `${ncRecord.id} is ${ncRecord.status} but ${pending.join(', ')} ${pending.length > 1 ? 'are' : 'is'} not yet reviewed for effectiveness`,
    );
  // A review dated after the day the NC is judged on has not happened yet: it verifies nothing.
  const ahead = live.filter((a) => a.data.status === 'verified' && (a.data.effectiveness?.reviewed_on ?? '') > asOf);
  if (ahead.length)
    out.push(
      `${ncRecord.id} is ${ncRecord.status} on the strength of ${ahead.map((a) => `${a.data.id}'s review dated ${a.data.effectiveness!.reviewed_on}`).join(', ')}, which has not happened yet`,
    );
  const verified = live.filter((a) => a.data.status === 'verified' && !ahead.includes(a));
  if (verified.length > 0 && !verified.some((a) => a.data.effectiveness?.result === 'effective')) {
    out.push(`${ncRecord.id} is ${ncRecord.status} but none of its corrective actions was reviewed as effective`);
  }
  const lastReopen = ncRecord.reopened
    ?.map((r) => r.on)
    .sort()
    .at(-1);
  for (const a of verified) {
    const r = a.data.effectiveness;
    if (r?.result === 'ineffective' && !(lastReopen && lastReopen >= r.reviewed_on)) {
      out.push(
        `${a.data.id} was reviewed as ineffective on ${r.reviewed_on} but ${ncRecord.id} was not reopened after it`,
      );
    }
  }
  return out;
}

const ncActions: Rule = (register, { asOf }) => {
  const byNc = actionsByNc(register);
  return entriesOf(register, nc).flatMap((e) =>
    ncActionProblems(e.data, byNc.get(e.data.id) ?? [], asOf).map((m) =>
      error(
        e,
        'nc/actions',
        ['status'],
        m,
        `plan and complete corrective actions (\`cim ca plan --nc ${e.data.id}\`), or reopen the analysis (\`cim nc reopen ${e.data.id}\`)`,
      ),
    ),
  );
};

const HELD = ['held', 'approved'];

/**
 * The fields that name the management review a record was presented at, decided at or reported
 * to; the dates of that record that must come no later than the meeting (what was presented had to
 * exist) and those that must come no earlier (what the meeting allowed).
 */
const PRESENTED: readonly { kind: Kind; ref: Path; before: Path[]; after: Path[] }[] = [
  { kind: nc, ref: ['reviewed_in'], before: [['raised_on']], after: [['closed_on']] },
  { kind: audit, ref: ['reported_to'], before: [['report', 'date']], after: [] },
  { kind: ofi, ref: ['decision', 'in'], before: [['created']], after: [['decision', 'on']] },
];

const dateAt = (data: unknown, path: Path): string | undefined => {
  let v: unknown = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/**
 * A record presented at, decided at or reported to an MRT needs that MRT to have been held, and
 * held after the record existed and before what it allowed.
 */
const heldReviews: Rule = (register) =>
  PRESENTED.flatMap(({ kind, ref, before, after }) =>
    entriesOf(register, kind).flatMap((e): Finding[] => {
      const id = dateAt(e.data, ref);
      const review = id ? register.byId.get(id) : undefined;
      if (!review || review.kind !== mrt) return [];
      const field = ref.join('.');
      if (!HELD.includes(review.data.status)) {
        return [
          error(
            e,
            'mrt/not-held',
            ref,
            `${id} is ${review.data.status}, not yet held`,
            `record the meeting first (\`cim mrt hold ${id}\`)`,
          ),
        ];
      }
      const held = (review.data as { held_on?: string }).held_on;
      if (!held) return [];
      const out: Finding[] = [];
      for (const path of before) {
        const d = dateAt(e.data, path);
        if (d && d > held)
          out.push(
            error(
              e,
              'mrt/date-order',
              path,
              `${path.join('.')} ${d} is after ${id} was held (${held}), yet ${field} names that meeting`,
              `name a management review held on or after ${d} in ${field}, or correct the date`,
            ),
          );
      }
      for (const path of after) {
        const d = dateAt(e.data, path);
        if (d && d < held)
          out.push(
            error(
              e,
              'mrt/date-order',
              path,
              `${path.join('.')} ${d} is before ${id} was held (${held}), which ${field} says it followed`,
              `set ${path.join('.')} to ${held} or later`,
            ),
          );
      }
      return out;
    }),
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
          hint: `raise it: \`cim audit finding ${record.id} --raise\` or add raised: NC-NNNN`,
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
          hint: 'add raised: OFI-NNNN, or no_action: the reason',
        });
    }
  });
  return out;
}

const auditClosure: Rule = (register) =>
  entriesOf(register, audit)
    .filter((e) => e.data.status === 'closed')
    .flatMap((e) =>
      auditFindingProblems(register, e.data).map((p) => error(e, 'audit/findings', p.path, p.message, p.hint)),
    );

const exceptionLength: Rule = (register) => {
  const max = register.config.exceptions.max_days;
  return entriesOf(register, exception).flatMap((e) => {
    const { approved_on, expires_on } = e.data;
    if (!approved_on || !expires_on || expires_on <= addDays(approved_on, max)) return [];
    return [
      error(
        e,
        'exception/too-long',
        ['expires_on'],
        `expires_on ${expires_on} is more than ${max} days after approval on ${approved_on}`,
        `set expires_on to ${addDays(approved_on, max)} or earlier (exceptions.max_days in cim.yaml)`,
      ),
    ];
  });
};

/** Records and cim.yaml hold plain text, nothing a terminal would act on. */
const plainText: Rule = (register) => [
  ...controlCharacters(register.config, 'cim.yaml'),
  ...register.entries.flatMap((e) => controlCharacters(e.data, e.file)),
];

export const RULES: readonly Rule[] = [
  duplicateIds,
  plainText,
  references,
  sources,
  dateOrder,
  futureDates,
  auditorIndependence,
  caReviews,
  ncActions,
  heldReviews,
  auditClosure,
  exceptionLength,
];
