// The minutes of a management review that took place: who was there, what the agenda put before
// the meeting under each clause 9.3.2 input and what the meeting noted, the records presented, the
// decisions and actions (9.3.3) with where each action stands, the conclusion on the ISMS and the
// approval. The agenda is the one of the meeting's day, so the minutes show what was before it.
import type { Diagnostic } from '../domain/diagnostics.js';
import { mrt, type MrtRecord } from '../domain/kinds/index.js';
import { isDoneAction, MRT_INPUTS, type MrtInput } from '../domain/kinds/mrt.js';
import { hasFact, isVoid } from '../domain/queries.js';
import type { Entry, Register } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { agendaModel } from './agenda/index.js';
import type { AgendaFigure, AgendaSection } from './agenda/section.js';
import { longDate, personName, prose } from './format.js';
import type { Trends } from './trends.js';

export interface Presented {
  readonly id: string;
  readonly title: string;
}

export interface MinutesInput {
  readonly key: MrtInput;
  readonly heading: string;
  /** The agenda's summary of the input, as of the meeting. */
  readonly agenda: string;
  /** The agenda had no record, row or trend to put before the meeting under this input. */
  readonly nothing: boolean;
  readonly figures: readonly AgendaFigure[];
  /** The numbers of d1's trends, which its figures draw and tabulate. */
  readonly trends?: Trends;
  /** What the meeting noted. */
  readonly notes: string;
  readonly items: readonly Presented[];
}

export type ActionState = 'open' | 'overdue' | 'done';

export interface MinutesAction {
  readonly ref: string;
  readonly text: string;
  readonly owner: string;
  readonly due: string;
  /** As of the date the minutes are prepared. */
  readonly state: ActionState;
  /** "done on 10 April 2026", "overdue", "open". */
  readonly status: string;
  readonly evidence: string;
}

export interface MinutesModel {
  readonly organisation: string;
  readonly id: string;
  readonly title: string;
  readonly status: string;
  /** "draft, not yet approved", or "approved by … on …". */
  readonly standing: string;
  readonly heldOn: string;
  readonly chair: string;
  readonly period: string;
  readonly asOf: string;
  readonly attendees: string;
  readonly apologies: string;
  readonly guests: string;
  readonly inputs: readonly MinutesInput[];
  readonly items: readonly Presented[];
  readonly decisions: readonly { readonly type: string; readonly text: string }[];
  readonly actions: readonly MinutesAction[];
  readonly conclusion: string;
  readonly approval: string;
}

/**
 * The minutes of a held or approved review, as of a date (where its actions stand). `atMeeting`
 * are the diagnostics as of the day it was held, for the agenda it considered.
 */
export function minutesModel(
  register: Register,
  id: string,
  asOf: string,
  atMeeting: readonly Diagnostic[],
): MinutesModel {
  const review = heldReview(register, id);
  const r = review.data;
  const heldOn = r.held_on!;
  const agenda = agendaModel(register, r.id, heldOn, atMeeting);
  const name = (p: string | undefined) => personName(register, p);
  const names = (ps: readonly string[] | undefined, none: string) => (ps?.length ? prose(ps.map(name)) : none);
  const presented = (ids: readonly string[] | undefined): Presented[] =>
    (ids ?? []).map((ref) => ({ id: ref, title: register.byId.get(ref)?.data.title ?? '(not in the register)' }));
  const attended = new Set(r.attendees ?? []);
  const approved = r.status === 'approved';
  return {
    organisation: register.config.organisation,
    id: r.id,
    title: r.title,
    status: r.status,
    standing: approved ? `approved by ${name(r.approved_by)} on ${longDate(r.approved_on)}` : 'draft, not yet approved',
    heldOn: longDate(heldOn),
    chair: name(r.owner),
    period: agenda.period,
    asOf: longDate(asOf),
    attendees: names(r.attendees, 'none recorded'),
    apologies: names(
      r.members.filter((m) => !attended.has(m)),
      'none',
    ),
    guests: names(r.guests, 'none'),
    inputs: (Object.keys(MRT_INPUTS) as MrtInput[]).map((key) => {
      const section = agenda.sections.find((s) => s.key === key)!;
      const input = r.inputs?.[key];
      return {
        key,
        heading: section.heading,
        agenda: section.summary,
        nothing: hadNothing(section),
        figures: section.figures,
        // d1's trends as numbers, for --format json.
        ...('trends' in section ? { trends: section.trends as Trends } : {}),
        notes: input?.notes ?? 'Nothing was recorded.',
        items: presented(input?.items),
      };
    }),
    items: presented(r.items),
    decisions: (r.decisions ?? []).map((d) => ({ type: d.type, text: d.text })),
    actions: (r.actions ?? []).map((a) => minutesAction(register, a, asOf)),
    conclusion:
      r.conclusion ??
      'Not yet recorded: the conclusion on the suitability, adequacy and effectiveness of the ISMS is recorded when the minutes are approved.',
    approval: approved
      ? `These minutes were approved by ${name(r.approved_by)} on ${longDate(r.approved_on)}.`
      : 'These minutes are a draft: they are not yet approved.',
  };
}

type Action = NonNullable<MrtRecord['actions']>[number];

/** An action and where it stands as of a date: done, open, or open past its due date. */
function minutesAction(register: Register, a: Action, asOf: string): MinutesAction {
  const state: ActionState = isDoneAction(a) ? 'done' : a.due < asOf ? 'overdue' : 'open';
  return {
    ref: a.ref,
    text: a.text,
    owner: personName(register, a.owner),
    due: longDate(a.due),
    state,
    status: state === 'done' ? `done on ${longDate(a.done_on)}` : state,
    evidence: a.evidence ?? '—',
  };
}

/** The agenda put nothing before the meeting under an input: no record, no table row, no trend. */
export function hadNothing(section: AgendaSection): boolean {
  return section.items.length === 0 && section.tables.length === 0 && section.figures.length === 0;
}

/** The review the minutes are of: one that took place. */
function heldReview(register: Register, id: string): Entry<MrtRecord> {
  const review = register.byId.get(id) as Entry<MrtRecord> | undefined;
  if (!review || review.kind !== mrt)
    throw new UserError(
      review ? `${id} is not a management review` : `no management review ${id} in this register`,
      '`cim list mrt` lists them',
      ExitCode.Usage,
    );
  const { status } = review.data;
  if (isVoid(mrt, status))
    throw new UserError(
      `${id} was ${status}, so it has no minutes`,
      'minutes are of a review that was held: `cim list mrt` lists them',
      ExitCode.Usage,
    );
  if (!hasFact(mrt, status, 'held') || review.data.held_on === undefined)
    throw new UserError(
      `${id} has not been held yet (it is ${status}), so it has no minutes`,
      `record the meeting with \`cim mrt hold ${id}\`; until then \`cim agenda ${id}\` gives its agenda`,
      ExitCode.Usage,
    );
  return review;
}
