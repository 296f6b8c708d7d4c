import { z } from 'zod';
import { addDays } from '../dates.js';
import { defineKind, type KindSettings, type ReportProblem } from '../kind.js';
import { area, date, line, person, ref, refs, requirements, riskRefs, text } from '../fields.js';
import { source } from './source.js';
import { NC_CERTIFICATION, NC_JUSTIFICATION, NC_NO_ACTION, NC_ROOT_CAUSE } from '../validate/rule-ids.js';
import { isPlaceholderCause, restates, saysTooLittle } from '../validate/substance.js';

/** What kind of cause a root-cause analysis found, for the trends a management review reads. */
export const CAUSE_CATEGORIES = ['process', 'people', 'technology', 'supplier', 'documentation', 'other'] as const;

const OPEN_STATES = ['open', 'corrected', 'analysed', 'actioned', 'verified'];

interface Dated {
  readonly grade?: unknown;
  readonly raised_on: string;
  readonly respond_by?: string | undefined;
  readonly close_by?: string | undefined;
}

const byGrade = (r: Dated, settings: KindSettings) => settings.deadlines[r.grade === 'major' ? 'major' : 'minor'];

/** When the correction is due: the NC's own date, or the cim.yaml default for its grade. */
const respondBy = (r: Dated, settings: KindSettings) =>
  r.respond_by ?? addDays(r.raised_on, byGrade(r, settings).respond_days);

/** When the policy says an NC of its grade must be closed, before any extension: the cim.yaml default. */
export const policyCloseBy = (r: Dated, settings: KindSettings) =>
  addDays(r.raised_on, byGrade(r, settings).close_days);

/** When the NC must be closed: its own date, or the cim.yaml default for its grade. */
export const closeBy = (r: Dated, settings: KindSettings) => r.close_by ?? policyCloseBy(r, settings);

export const nc = defineKind({
  name: 'nc',
  title: 'Nonconformity',
  plural: 'Nonconformities',
  prefix: 'NC',
  folder: 'nonconformities',
  clause: '10.2',
  description: 'A requirement, policy or process not met: its correction, root-cause analysis and corrective actions',
  states: ['open', 'corrected', 'analysed', 'actioned', 'verified', 'closed', 'withdrawn'],
  meaning: {
    open: { live: true, due: ['correction', 'closure'] },
    corrected: { live: true, due: ['closure'] },
    analysed: { live: true, due: ['closure'] },
    actioned: { live: true, due: ['closure'], facts: ['actions-planned'] },
    verified: { live: true, due: ['closure'], facts: ['actions-planned', 'actions-reviewed', 'ready-to-close'] },
    closed: { live: false, facts: ['actions-planned', 'actions-reviewed'] },
    withdrawn: { live: false, void: true },
  },
  deadlines: {
    correction: { what: 'correction', on: (r, settings) => respondBy(r, settings) },
    closure: { what: 'closure', on: (r, settings) => closeBy(r, settings) },
  },
  fields: {
    grade: z.enum(['major', 'minor']).describe('Severity: major or minor'),
    source: source('Where the nonconformity was found'),
    requirement: requirements('Clauses or Annex A controls that were not met'),
    area: area('Area or function where it occurred'),
    risk_refs: riskRefs(),
    raised_by: person('Who raised it'),
    raised_on: date('When it was raised'),
    description: text('What was found, stated as fact'),
    evidence: text('Evidence of the nonconformity').optional(),
    respond_by: date('Deadline for the correction; defaults from cim.yaml by grade').optional(),
    close_by: date('Deadline for closing; defaults from cim.yaml by grade').optional(),
    correction: z
      .strictObject({
        action: text('What was done at once to control and correct it'),
        consequences: text('How its consequences were dealt with'),
        date: date('When the correction was made'),
      })
      .optional()
      .describe('The immediate reaction: control, correct, deal with consequences'),
    analysis: z
      .strictObject({
        method: z
          .enum(['5-whys', 'fishbone', 'fault-tree', 'other'])
          .describe('Root-cause method: 5-whys, fishbone, fault-tree or other'),
        root_cause: text('The cause that, removed, stops it happening again'),
        category: z
          .enum(CAUSE_CATEGORIES)
          .optional()
          .describe('What kind of cause: process, people, technology, supplier, documentation or other'),
        similar: z
          .strictObject({
            exist: z.boolean().describe('Whether similar nonconformities exist'),
            could_occur: z.boolean().describe('Whether similar nonconformities could occur elsewhere'),
            refs: refs(['nc'], 'Similar nonconformities').optional(),
            notes: text('Where else it exists or could occur').optional(),
          })
          .describe('Whether similar nonconformities exist or could occur'),
        date: date('When the analysis was completed').optional(),
      })
      .optional()
      .describe('Root-cause analysis'),
    action_required: z.boolean().optional().describe('Whether corrective action is needed to stop recurrence'),
    action_justification: text('Why no corrective action is needed (when action_required is false)').optional(),
    action_waiver: z
      .strictObject({
        approved_by: person('Who approved taking no corrective action; not the NC owner'),
        accepted_in: ref(['mrt'], 'The held management review that accepted it'),
      })
      .optional()
      .describe('The approval of taking no corrective action (action_required false), needed to close'),
    extensions: z
      .array(
        z.strictObject({
          from: date('The close_by it replaced'),
          to: date('The new close_by'),
          on: date('When the extension was agreed'),
          reason: text('Why more time is needed'),
          approved_by: person('Who approved it; not the NC owner'),
        }),
      )
      .optional()
      .describe('Each agreed move of close_by, oldest first (cim nc extend)'),
    certification: z
      .strictObject({
        body_ref: line("The certification body's own reference for the nonconformity"),
        plan_due: date('When the body expects the corrective action plan'),
        plan_accepted_on: date('When the body accepted the plan').optional(),
        verify_by: date('When the body is to verify the corrective actions').optional(),
        verified_on: date('When the body verified them').optional(),
      })
      .optional()
      .describe("A certification body's nonconformity (source external-audit): its reference and deadlines"),
    reopened: z
      .array(
        z.strictObject({
          on: date('When it was reopened'),
          reason: text('Why: a corrective action was ineffective, or it recurred'),
        }),
      )
      .optional()
      .describe('Each time the analysis was reopened'),
    reviewed_in: ref(['mrt'], 'The held management review it was presented at').optional(),
    closed_by: person('Who closed it').optional(),
    closed_on: date('When it was closed').optional(),
    closed_late: text('Why it was closed after close_by (needed when it was)').optional(),
    withdrawn: z
      .strictObject({
        on: date('When it was withdrawn'),
        reason: text('Why it was raised in error'),
        approved_by: person('Who approved the withdrawal'),
      })
      .optional()
      .describe('Set when the nonconformity was raised in error'),
  },
  transitions: [
    {
      verb: 'open',
      from: [],
      to: 'open',
      requires: ['title', 'grade', 'source', 'requirement', 'area', 'owner', 'description', 'raised_by', 'raised_on'],
      summary: 'Record a new nonconformity',
    },
    { verb: 'correct', from: ['open'], to: 'corrected', requires: ['correction'], summary: 'Record the correction' },
    {
      verb: 'analyse',
      from: ['corrected'],
      to: 'analysed',
      requires: ['analysis', 'action_required'],
      offers: ['action_justification', 'action_waiver'],
      summary: 'Record the root-cause analysis and whether corrective action is needed',
    },
    {
      verb: 'action',
      from: ['analysed'],
      to: 'actioned',
      requires: [],
      summary: 'Confirm corrective actions are planned',
    },
    {
      verb: 'verify',
      from: ['actioned'],
      to: 'verified',
      requires: [],
      summary: 'Confirm every corrective action was reviewed as effective',
    },
    {
      verb: 'reopen',
      from: ['actioned', 'verified'],
      to: 'analysed',
      requires: ['reopened'],
      summary: 'Reopen the analysis: an action was ineffective, or it recurred',
    },
    {
      verb: 'close',
      from: ['verified', 'analysed'],
      to: 'closed',
      requires: ['reviewed_in', 'closed_by', 'closed_on'],
      offers: ['action_waiver', 'closed_late'],
      summary: 'Close after it was presented at a held management review',
      // Straight from the analysis only when no corrective action is needed.
      suits: (r, from) => from !== 'analysed' || r.action_required === false,
    },
    {
      verb: 'withdraw',
      from: OPEN_STATES,
      to: 'withdrawn',
      requires: ['withdrawn'],
      summary: 'Withdraw a nonconformity raised in error',
    },
  ],
  derive: (r, settings) => {
    const raised = typeof r.raised_on === 'string' ? r.raised_on : undefined;
    if (!raised) return {};
    const dated = { ...r, raised_on: raised } as Dated;
    return { respond_by: respondBy(dated, settings), close_by: closeBy(dated, settings) };
  },
  dateOrder: ['raised_on', 'correction.date', 'analysis.date', 'closed_on', 'withdrawn.on'],
  refine: (fields, problem) => {
    // The schema refines the whole record: the common fields are there too.
    const r = fields as typeof fields & { readonly id: string; readonly title: string };
    if (r.action_required === false) noActionProblems(r, problem);
    const cause = r.analysis?.root_cause;
    if (cause !== undefined) {
      const restated = restates(cause, r.description) ? 'description' : restates(cause, r.title) ? 'title' : undefined;
      if (restated || isPlaceholderCause(cause))
        problem(
          ['analysis', 'root_cause'],
          NC_ROOT_CAUSE,
          restated
            ? `${r.id}'s root cause restates its ${restated}: a symptom, not a cause`
            : `${r.id}'s root cause "${cause.trim()}" names no cause: it does not say why it happened`,
          `say why it happened: the cause whose removal stops it recurring (--root-cause at cim nc analyse ${r.id})`,
        );
    }
    const external = r.source.type === 'external-audit';
    if (external && r.certification === undefined)
      problem(
        ['certification'],
        NC_CERTIFICATION,
        `${r.id} was raised by a certification body but records neither the body's reference nor when its plan is due`,
        `record them: cim edit ${r.id} --set certification.body_ref="…" --set certification.plan_due=YYYY-MM-DD`,
      );
    else if (!external && r.certification !== undefined)
      problem(
        ['certification'],
        NC_CERTIFICATION,
        `${r.id} records a certification body's reference, but its source is ${r.source.type}, not an external audit`,
        `remove certification, or correct the source: cim edit ${r.id} --set source.type=external-audit`,
      );
  },
});

/** What an NC that takes no corrective action must show: a reason, and a grade and source that allow it. */
function noActionProblems(
  r: { id: string; grade: string; source: { type: string }; action_justification?: string | undefined },
  problem: ReportProblem,
): void {
  const why = r.action_justification;
  if (why === undefined || saysTooLittle(why))
    problem(
      ['action_justification'],
      NC_JUSTIFICATION,
      why === undefined
        ? `${r.id} takes no corrective action but gives no action_justification`
        : `${r.id}'s action_justification "${why.trim()}" is no justification: it does not say why no action is needed`,
      'say why no corrective action is needed to stop it recurring: --action-justification "…" at cim nc analyse',
    );
  if (r.grade === 'major')
    problem(
      ['action_required'],
      NC_NO_ACTION,
      `${r.id} is a major nonconformity: corrective action cannot be waived`,
      `plan a corrective action (cim ca plan --nc ${r.id}) and record action_required: yes`,
    );
  if (r.source.type === 'external-audit')
    problem(
      ['action_required'],
      NC_NO_ACTION,
      `${r.id} was raised by a certification body, which expects a corrective action plan: corrective action cannot be waived`,
      `plan a corrective action (cim ca plan --nc ${r.id}) and record action_required: yes`,
    );
}

/**
 * Moving close_by: a step outside the lifecycle table, since it leaves the NC in its state. It
 * records the agreed extension (from, to, on, reason, approved_by) and sets close_by to its `to`.
 */
export const EXTEND_STEP = {
  kind: 'nc',
  verb: 'extend',
  from: OPEN_STATES,
  /** The list the step appends to, and the field it moves. */
  field: 'extensions',
  moves: 'close_by',
} as const;
