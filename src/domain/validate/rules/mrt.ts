// Management reviews: what a record says was presented at, decided at or reported to a review
// needs that review held, and held at a date that fits the record's own.
import type { FieldDiagnostic, Path } from '../../diagnostics.js';
import type { Kind } from '../../kind.js';
import { audit, mrt, nc, ofi } from '../../kinds/index.js';
import { hasFact } from '../../queries.js';
import { entriesOf } from '../../register.js';
import { error, type Rule } from '../rule.js';
import { MRT_DATE_ORDER, MRT_NC_PRESENTED, MRT_NOT_HELD, MRT_TOP_MANAGEMENT } from '../rule-ids.js';

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

/** The step that holds a review: the first on the table into a held state from one not held. */
const holdStep = (kind: Kind): string | undefined =>
  kind.transitions.find((t) => hasFact(kind, t.to, 'held') && t.from.some((from) => !hasFact(kind, from, 'held')))
    ?.verb;

const dateAt = (data: unknown, path: Path): string | undefined => {
  let v: unknown = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/**
 * A record presented at, decided at or reported to an MRT needs that MRT to have been held, and
 * held after the record existed and before what it allowed.
 */
export const heldReviews: Rule = (register) =>
  PRESENTED.flatMap(({ kind, ref, before, after }) =>
    entriesOf(register, kind).flatMap((e): FieldDiagnostic[] => {
      const id = dateAt(e.data, ref);
      const review = id ? register.byId.get(id) : undefined;
      if (!review || review.kind !== mrt) return [];
      const field = ref.join('.');
      if (!hasFact(review.kind, review.data.status, 'held')) {
        const step = holdStep(review.kind);
        return [
          error(
            e,
            MRT_NOT_HELD,
            ref,
            `${id} is ${review.data.status}, not yet held`,
            step ? `record the meeting first (\`cim ${review.kind.name} ${step} ${id}\`)` : 'record the meeting first',
          ),
        ];
      }
      const held = (review.data as { held_on?: string }).held_on;
      if (!held) return [];
      const out: FieldDiagnostic[] = [];
      for (const path of before) {
        const d = dateAt(e.data, path);
        if (d && d > held)
          out.push(
            error(
              e,
              MRT_DATE_ORDER,
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
              MRT_DATE_ORDER,
              path,
              `${path.join('.')} ${d} is before ${id} was held (${held}), which ${field} says it followed`,
              `set ${path.join('.')} to ${held} or later`,
            ),
          );
      }
      return out;
    }),
  );

/** The role whose presence makes a meeting a review by top management (9.3.1). */
const TOP_MANAGEMENT = 'top-management';

/** A review is held by top management: at least one attendee has that role in cim.yaml. */
export const topManagement: Rule = (register) => {
  const top = new Set(register.config.people.filter((p) => p.roles.includes(TOP_MANAGEMENT)).map((p) => p.id));
  return entriesOf(register, mrt).flatMap((e): FieldDiagnostic[] => {
    const attendees = e.data.attendees;
    if (!attendees?.length || attendees.some((p) => top.has(p))) return [];
    const members = e.data.members.filter((p) => top.has(p));
    return [
      error(
        e,
        MRT_TOP_MANAGEMENT,
        ['attendees'],
        `no one with the ${TOP_MANAGEMENT} role attended ${e.data.id}; clause 9.3 asks top management to review the ISMS`,
        members.length
          ? `hold it with top management there (of its members: ${members.join(', ')})`
          : `invite a person whose roles in cim.yaml include ${TOP_MANAGEMENT}, and hold it with them there`,
      ),
    ];
  });
};

/**
 * An NC closed as reviewed at an MRT was presented there: the review lists it among its items
 * (the review's own or an input's), so that the minutes show the review considered it.
 */
export const ncPresented: Rule = (register) =>
  entriesOf(register, nc).flatMap((e): FieldDiagnostic[] => {
    const id = e.data.reviewed_in;
    const review = id ? register.byId.get(id) : undefined;
    if (!review || review.kind !== mrt || !hasFact(mrt, review.data.status, 'held')) return [];
    const r = review.data as { items?: string[]; inputs?: Record<string, { items?: string[] } | undefined> };
    const presented = [...(r.items ?? []), ...Object.values(r.inputs ?? {}).flatMap((i) => i?.items ?? [])];
    if (presented.includes(e.data.id)) return [];
    return [
      error(
        e,
        MRT_NC_PRESENTED,
        ['reviewed_in'],
        `${e.data.id} names ${id} as the review it was reported to, but ${id} does not list it among what it presented`,
        `name a review whose items include ${e.data.id} (\`cim show ${id}\` lists its items), or present it at the next review and close it there`,
      ),
    ];
  });
