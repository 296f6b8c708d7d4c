// The d1 trends: the last four review periods cut by the held reviews, the nonconformities of those
// periods by source, requirement group, area and cause, the effectiveness rate and days to close.
import { describe, expect, it } from 'vitest';
import { agendaDocument } from '../../src/commands/documents.js';
import { agendaPeriod } from '../../src/docs/agenda/period.js';
import { meanDays, rate, rateText, requirementGroup, trends } from '../../src/docs/trends.js';
import type { Register } from '../../src/domain/register.js';
import { check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

async function registerOf(files: Record<string, unknown>): Promise<Register> {
  return (await openedOf(files)).register;
}

async function openedOf(files: Record<string, unknown>) {
  const result = await check(files, { asOf: '2026-06-30' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { root: result.register!.root, asOf: '2026-06-30', result, register: result.register! };
}

/** Reviews held on the 1st of March and September, 2024 to 2026: five held, the sixth the one in hand. */
const HELD = ['2024-03-01', '2024-09-01', '2025-03-01', '2025-09-01', '2026-03-01'];
/** `presented`: the NCs a review presented, as one closed as reviewed there must be among them. */
const reviews = (presented: Record<string, string[]> = {}) => [
  ...HELD.map((on, i) => {
    const id = `MRT-000${i + 1}`;
    return r.heldMrt(
      { scheduled_on: on, held_on: on, created: on, ...(presented[id] ? { items: presented[id] } : {}) },
      id,
    );
  }),
  r.mrt({ scheduled_on: '2026-09-01', created: '2026-03-02' }, 'MRT-0006'),
];

const raised = (on: string, more: Record<string, unknown> = {}) => ({ raised_on: on, created: on, ...more });
const closedOn = (on: string) => ({
  status: 'closed',
  correction: { action: 'Revoked the access at once.', consequences: 'None found.', date: on },
  analysis: {
    method: '5-whys',
    root_cause: 'Nobody owned the quarterly review.',
    category: 'process',
    similar: { exist: false, could_occur: false },
  },
  action_required: false,
  action_justification: 'The one account was removed and no other system is affected.',
  action_waiver: { approved_by: 'carol', accepted_in: 'MRT-0003' },
  closed_by: 'carol',
  closed_on: on,
});

async function trendsOf(files: Record<string, unknown>, id = 'MRT-0006', asOf = '2026-06-30') {
  const register = await registerOf({ ...files });
  return trends(register, agendaPeriod(register, id, asOf));
}

describe('the review periods of the trends', () => {
  it('are the last four, cut by the held reviews, the last ending on the meeting or the date prepared', async () => {
    const t = await trendsOf(r.files(...reviews()));
    expect(t.periods.map((p) => [p.review, p.from, p.to, p.current])).toEqual([
      ['MRT-0003', '2024-09-02', '2025-03-01', false],
      ['MRT-0004', '2025-03-02', '2025-09-01', false],
      ['MRT-0005', '2025-09-02', '2026-03-01', false],
      ['MRT-0006', '2026-03-02', '2026-06-30', true],
    ]);
  });

  it('do not exist before the first review: with one held, there are two, the first without a start', async () => {
    const t = await trendsOf(r.files(...reviews()), 'MRT-0002');
    expect(t.periods.map((p) => [p.review, p.from, p.to])).toEqual([
      ['MRT-0001', undefined, '2024-03-01'],
      ['MRT-0002', '2024-03-02', '2024-09-01'],
    ]);
  });

  it('count what was raised and closed in each, a withdrawn nonconformity not at all', async () => {
    const t = await trendsOf(
      r.files(
        ...reviews(),
        r.nc(raised('2025-03-01'), 'NC-0001'),
        r.nc(raised('2025-03-02'), 'NC-0002'),
        r.nc(raised('2026-04-01'), 'NC-0003'),
        r.nc(
          raised('2026-04-02', {
            status: 'withdrawn',
            withdrawn: { on: '2026-04-03', reason: 'Raised twice by mistake.', approved_by: 'carol' },
          }),
          'NC-0004',
        ),
      ),
    );
    expect(t.periods.map((p) => [p.raised, p.closed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 0],
      [1, 0],
    ]);
  });
});

describe('the nonconformities of the periods shown', () => {
  const files = () =>
    r.files(
      ...reviews(),
      // Before the periods shown: not counted.
      r.nc(raised('2024-06-01', { area: 'hr' }), 'NC-0001'),
      r.nc(raised('2025-05-01', { requirement: ['9.2', 'A.5.15', 'A.5.18'] }), 'NC-0002'),
      r.nc(
        raised('2026-04-01', {
          area: 'hr',
          source: { type: 'incident', ref: 'INC-0001' },
          requirement: ['A.8', '7.5'],
          status: 'analysed',
          correction: { action: 'Restored from the last copy.', consequences: 'One day lost.', date: '2026-04-02' },
          analysis: {
            method: 'fishbone',
            root_cause: 'The new system was never added to the backups.',
            category: 'technology',
            similar: { exist: false, could_occur: true },
          },
          action_required: true,
        }),
        'NC-0003',
      ),
      r.incident(),
    );

  it('by source, the most first, in this period and over the periods shown', async () => {
    const t = await trendsOf(files());
    expect(t.bySource.map((c) => [c.label, c.period, c.shown])).toEqual([
      ['Incident', 1, 1],
      ['Self-identified', 0, 1],
    ]);
  });

  it('by requirement group, each group once per NC, every group shown', async () => {
    const t = await trendsOf(files());
    expect(t.byRequirement.map((c) => [c.key, c.period, c.shown])).toEqual([
      ['clauses', 1, 2],
      ['A.5', 0, 1],
      ['A.6', 0, 0],
      ['A.7', 0, 0],
      ['A.8', 1, 1],
    ]);
  });

  it('by area, named as cim.yaml names it', async () => {
    const t = await trendsOf(files());
    expect(t.byArea.map((c) => [c.label, c.shown])).toEqual([
      ['HR', 1],
      ['IT', 1],
    ]);
  });

  it('by root-cause category, with those not categorised (or not yet analysed)', async () => {
    const t = await trendsOf(files());
    expect(Object.fromEntries(t.byCause.map((c) => [c.key, c.shown]))).toEqual({
      process: 0,
      people: 0,
      technology: 1,
      supplier: 0,
      documentation: 0,
      other: 0,
      'not categorised': 1,
    });
  });

  it.each([
    ['9.2', 'clauses'],
    ['4', 'clauses'],
    ['10.1', 'clauses'],
    ['A.5.15', 'A.5'],
    ['A.6', 'A.6'],
    ['A.7.4', 'A.7'],
    ['A.8.13', 'A.8'],
    ['A.9.1', undefined],
  ])('puts requirement %s in group %s', (id, group) => expect(requirementGroup(id)).toBe(group));
});

describe('corrective action effectiveness and time to close', () => {
  const review = (id: string, nc: string, on: string, result: string) =>
    r.ca(
      {
        nc,
        status: 'verified',
        created: '2024-12-05',
        started_on: '2024-12-06',
        implemented_on: '2024-12-10',
        evidence: 'Reminder rule IT-42 live.',
        effectiveness: { reviewed_on: on, reviewed_by: 'carol', result, evidence: 'Two quarters of reviews held.' },
      },
      id,
    );

  it('is the share reviewed effective, and the mean days from raised to closed, in the period and to date', async () => {
    const t = await trendsOf(
      r.files(
        ...reviews({ 'MRT-0003': ['NC-0001'], 'MRT-0005': ['NC-0002', 'NC-0003'] }),
        r.nc(raised('2025-01-01', { ...closedOn('2025-03-10'), reviewed_in: 'MRT-0003' }), 'NC-0001'),
        r.nc(raised('2026-02-20', { ...closedOn('2026-03-15'), reviewed_in: 'MRT-0005' }), 'NC-0002'),
        r.nc(raised('2026-02-01', { ...closedOn('2026-03-26'), reviewed_in: 'MRT-0005' }), 'NC-0003'),
        r.nc(
          raised('2024-12-01', {
            status: 'actioned',
            correction: { action: 'Locked the share.', consequences: 'None found.', date: '2024-12-02' },
            analysis: {
              method: '5-whys',
              root_cause: 'Shares were created without an owner.',
              similar: { exist: false, could_occur: true },
            },
            action_required: true,
          }),
          'NC-0004',
        ),
        review('CA-0001', 'NC-0004', '2025-06-01', 'effective'),
        review('CA-0002', 'NC-0004', '2026-04-01', 'effective'),
        review('CA-0003', 'NC-0004', '2026-05-01', 'ineffective'),
        review('CA-0004', 'NC-0004', '2026-05-02', 'effective'),
      ),
    );
    expect(t.effectiveness).toEqual({
      period: { effective: 2, reviewed: 3, percent: 67 },
      overall: { effective: 3, reviewed: 4, percent: 75 },
    });
    // 23 and 53 days in the period; 68 before it.
    expect(t.daysToClose).toEqual({ period: { closed: 2, days: 38 }, overall: { closed: 3, days: 48 } });
  });

  it('says so when nothing was reviewed or closed', () => {
    expect(rate(0, 0)).toEqual({ effective: 0, reviewed: 0, percent: null });
    expect(rateText(rate(0, 0))).toBe('no effectiveness review');
    expect(rateText(rate(3, 4))).toBe('75% (3 effective of 4 reviewed)');
    expect(meanDays([])).toEqual({ closed: 0, days: null });
  });
});

describe('the trends in the agenda', () => {
  const files = () => r.files(...reviews(), r.nc({ raised_on: '2026-04-01', created: '2026-04-01' }));

  it('are tables in Markdown, charts beside the tables in HTML, and numbers in JSON', async () => {
    const opened = await openedOf(files());
    const md = agendaDocument(opened, 'MRT-0006', 'md').text;
    const html = agendaDocument(opened, 'MRT-0006', 'html').text;
    const json = JSON.parse(agendaDocument(opened, 'MRT-0006', 'json').text) as {
      sections: { key: string; trends?: { periods: { raised: number }[] }; figures: object[] }[];
    };
    expect(md).not.toMatch(/<svg|<figure/);
    expect(md).toContain('| MRT-0006, 30 June 2026 (this period) | 1 | 0 |');
    expect(md).toContain('| Self-identified | 1 | 1 |');
    expect(html.match(/<figure class="chart">\n<svg /g)).toHaveLength(5);
    expect(html).not.toMatch(/<p>\s*<figure|<p><svg/);
    const d1 = json.sections.find((s) => s.key === 'd1')!;
    expect(d1.trends!.periods.map((p) => p.raised)).toEqual([0, 0, 0, 1]);
    expect(JSON.stringify(json)).not.toMatch(/svg|"chart"/);
  });

  it('leave out a breakdown with nothing to show', async () => {
    const opened = await openedOf(r.files(...reviews()));
    const md = agendaDocument(opened, 'MRT-0006', 'md').text;
    expect(md).not.toContain('by source');
    expect(md).toContain('Corrective action effectiveness and time to close');
  });
});
