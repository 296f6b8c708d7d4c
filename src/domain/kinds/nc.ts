import { z } from 'zod';
import { addDays } from '../dates.js';
import { defineKind, type KindSettings } from '../kind.js';
import { area, date, person, ref, refs, requirements, text } from '../fields.js';
import { source } from './source.js';
import { NC_JUSTIFICATION, NC_ROOT_CAUSE } from '../validate/rule-ids.js';

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

/** When the NC must be closed: its own date, or the cim.yaml default for its grade. */
const closeBy = (r: Dated, settings: KindSettings) =>
  r.close_by ?? addDays(r.raised_on, byGrade(r, settings).close_days);

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
      offers: ['action_justification'],
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
      summary: 'Close after it was presented at a held management review',
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
  refine: (r, problem) => {
    if (r.action_required === false && r.action_justification === undefined) {
      problem(
        ['action_justification'],
        NC_JUSTIFICATION,
        'action_required is false but no action_justification is given',
        'add action_justification: why no corrective action is needed',
      );
    }
    if (r.analysis && r.analysis.root_cause.trim() === r.description.trim()) {
      problem(
        ['analysis', 'root_cause'],
        NC_ROOT_CAUSE,
        'the root cause repeats the description',
        'state the underlying cause, not the symptom',
      );
    }
  },
});
