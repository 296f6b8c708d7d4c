// The agenda's 9.3.2 inputs, section by section: the period the first review covers, objectives not
// reviewed, changes awaiting their post-implementation review, the risks records name, and the
// actions of earlier reviews by their age.
import { describe, expect, it } from 'vitest';
import { agendaModel, type AgendaModel } from '../../src/docs/agenda/index.js';
import type { MrtInput } from '../../src/domain/kinds/mrt.js';
import type { Register } from '../../src/domain/register.js';
import {
  POLICY_CHANGE_UNREVIEWED,
  POLICY_MRT_ACTION_STALE,
  POLICY_OBJECTIVE_REVIEW_OVERDUE,
} from '../../src/domain/validate/rule-ids.js';
import type { ValidationResult } from '../../src/domain/validate/index.js';
import { BASE_CONFIG, check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

async function validated(files: Record<string, unknown>, asOf: string): Promise<ValidationResult> {
  const result = await check(files, { asOf });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

async function registerOf(files: Record<string, unknown>, asOf: string): Promise<Register> {
  return (await validated(files, asOf)).register!;
}

const sectionOf = (model: AgendaModel, key: MrtInput) => model.sections.find((s) => s.key === key)!;

/** The rows of a section's table by its caption; none when the table was left out. */
const rowsOf = (model: AgendaModel, key: MrtInput, caption: string) =>
  sectionOf(model, key).tables.find((t) => t.caption === caption)?.rows ?? [];

const on = (date: string) => ({ raised_on: date, created: date });

describe('the period of the first review', () => {
  // The register started on 1 January 2026 and entered what was already open before then.
  const config = { 'cim.yaml': { ...BASE_CONFIG, started_on: '2026-01-01' } };
  const onStart = r.nc({ ...on('2026-01-01'), title: 'Raised on the day the register started' }, 'NC-0001');
  const openBefore = r.nc({ ...on('2025-12-01'), title: 'Raised before, still open' }, 'NC-0002');
  const endedBefore = r.nc(
    {
      ...on('2025-11-01'),
      title: 'Raised before, withdrawn before',
      status: 'withdrawn',
      withdrawn: {
        on: '2025-11-15',
        reason: 'The access review had been done; its record was filed under another team.',
        approved_by: 'carol',
      },
    },
    'NC-0003',
  );
  const incidentOnStart = r.incident({ occurred_on: '2026-01-01', detected_on: '2026-01-01', created: '2026-01-01' });
  const first = r.mrt({ scheduled_on: '2026-03-01' }, 'MRT-0001');
  const records = [onStart, openBefore, endedBefore, incidentOnStart];

  async function firstAgenda() {
    const register = await registerOf({ ...config, ...r.files(first, ...records) }, '2026-02-15');
    return agendaModel(register, 'MRT-0001', '2026-02-15', []);
  }

  it('says it starts on the day the register started, with what was still open before it', async () => {
    const model = await firstAgenda();
    expect(model.previous).toBe('none held yet');
    expect(model.period).toBe(
      '1 January 2026 (when the register started) to 15 February 2026, with what was still open before it',
    );
  });

  it('reports an NC raised on the day the register started and one raised before it that is still open', async () => {
    const d1 = sectionOf(await firstAgenda(), 'd1');
    expect(d1.items).toEqual(['NC-0001', 'NC-0002']);
    expect(d1.summary).toMatch(/^2 nonconformities raised and 0 closed up to this first review; 2 open/);
  });

  it('lists an incident of the day the register started', async () => {
    expect(sectionOf(await firstAgenda(), 'b').items).toEqual(['INC-0001']);
  });

  it('lists the changes, legal changes and OFIs entered as open from before, and no exception that ended before', async () => {
    const before = { created: '2025-11-01' };
    const register = await registerOf(
      {
        ...config,
        ...r.files(
          first,
          r.change(before, 'CHG-0001'),
          r.lrc({ ...before, identified_on: '2025-11-01' }, 'LRC-0001'),
          r.ofi(before, 'OFI-0001'),
          r.exception(
            {
              ...before,
              requested_on: '2025-11-01',
              status: 'expired',
              approved_by: 'carol',
              approved_on: '2025-11-02',
              expires_on: '2025-12-01',
              expired_on: '2025-12-02',
            },
            'EXC-0001',
          ),
        ),
      },
      '2026-02-15',
    );
    const model = agendaModel(register, 'MRT-0001', '2026-02-15', []);
    expect(sectionOf(model, 'b').items).toEqual(['CHG-0001']);
    expect(sectionOf(model, 'b').summary).toMatch(/^1 change to the ISMS was proposed, made or still in hand/);
    expect(sectionOf(model, 'c').items).toEqual(['LRC-0001']);
    expect(sectionOf(model, 'g').items).toEqual(['OFI-0001']);
    expect(sectionOf(model, 'f').items).toEqual([]);
  });

  it('leaves out what ended before the register started, and counts the first period as the previous one after it', async () => {
    const second = r.mrt({ title: 'Management review H2', scheduled_on: '2026-09-01' }, 'MRT-0002');
    const held = r.heldMrt({ scheduled_on: '2026-03-01', held_on: '2026-03-01' }, 'MRT-0001');
    const later = r.nc({ ...on('2026-04-01'), title: 'Raised after the first review' }, 'NC-0004');
    const register = await registerOf({ ...config, ...r.files(held, second, ...records, later) }, '2026-06-30');
    const model = agendaModel(register, 'MRT-0002', '2026-06-30', []);
    expect(model.period).toBe('2 March 2026 (the day after MRT-0001) to 30 June 2026');
    const d1 = sectionOf(model, 'd1');
    expect(d1.items).toEqual(['NC-0004']);
    expect(d1.summary).toContain('(previous period: 2 raised, 0 closed)');
  });
});

describe('objectives (d4)', () => {
  const review = (date: string, on_track: boolean) => ({ date, result: `Measured on ${date}.`, on_track });
  const objectives = [
    r.objective({ reviews: [review('2026-05-01', true)] }, 'OBJ-0001'),
    // Reviewed and on track, but longer ago than the 3 months cim.yaml gives.
    r.objective({ reviews: [review('2026-02-01', true)] }, 'OBJ-0002'),
    r.objective({ created: '2026-06-01' }, 'OBJ-0003'),
    r.objective({ reviews: [review('2026-06-01', false)] }, 'OBJ-0004'),
    // Its own interval is 6 months, so a review in February still counts.
    r.objective({ review_interval_months: 6, reviews: [review('2026-02-01', true)] }, 'OBJ-0005'),
  ];

  async function d4Agenda() {
    const register = await registerOf(r.files(r.mrt({ scheduled_on: '2026-07-15' }), ...objectives), '2026-06-30');
    return agendaModel(register, 'MRT-0001', '2026-06-30', []);
  }

  it('calls an objective not reviewed within its interval, or never reviewed, "not reviewed", not "on track"', async () => {
    const rows = rowsOf(await d4Agenda(), 'd4', 'Objectives');
    expect(rows.map((row) => `${row.id}: ${row.status}`)).toEqual([
      'OBJ-0001: on track',
      'OBJ-0002: not reviewed',
      'OBJ-0003: not reviewed',
      'OBJ-0004: behind',
      'OBJ-0005: on track',
    ]);
  });

  it('counts the objectives not reviewed in the summary', async () => {
    expect(sectionOf(await d4Agenda(), 'd4').summary).toBe(
      '5 objectives active: 2 on track, 1 behind at its latest review, 2 not reviewed in the last 3 months; 0 concluded up to this first review.',
    );
  });

  it('agrees with the compliance check on which objectives are overdue for review, bar the newly set', async () => {
    const result = await validated(r.files(r.mrt({ scheduled_on: '2026-07-15' }), ...objectives), '2026-06-30');
    const overdue = result.diagnostics
      .filter((d) => d.rule === POLICY_OBJECTIVE_REVIEW_OVERDUE)
      .map((d) => d.file.replace(/^objectives\/(.*)\.yaml$/, '$1'));
    expect(overdue).toEqual(['OBJ-0002']);
  });
});

/** A change approved and implemented on a date. */
const implementedChange = (date: string) => ({
  status: 'implemented',
  approved_by: 'carol',
  approved_on: date,
  implemented_on: date,
});

describe('changes (b)', () => {
  const implemented = (date: string) => ({ ...implementedChange(date), approved_on: '2026-01-20' });
  const changes = [
    r.change(implemented('2026-02-01'), 'CHG-0001'),
    r.change(implemented('2026-06-01'), 'CHG-0002'),
    r.change(
      {
        ...implemented('2026-02-15'),
        status: 'reviewed',
        review: { on: '2026-05-01', by: 'bob', notes: 'Mail flows as before; no lost messages in the cut-over.' },
        improvement: { none: 'The review found nothing to improve: the cut-over ran to plan.' },
      },
      'CHG-0003',
    ),
    r.change({}, 'CHG-0004'),
  ];

  const files = r.files(r.heldMrt(), r.mrt({ scheduled_on: '2026-09-01' }, 'MRT-0002'), ...changes);

  async function bAgenda() {
    return agendaModel(await registerOf(files, '2026-06-30'), 'MRT-0002', '2026-06-30', []);
  }

  it('lists the implemented changes awaiting their post-implementation review, with the date it is due by', async () => {
    const rows = rowsOf(await bAgenda(), 'b', 'Awaiting post-implementation review');
    expect(rows).toEqual([
      {
        id: 'CHG-0001',
        title: 'Move mail to a new provider',
        implemented: '1 February 2026',
        due: '2 May 2026 (overdue)',
      },
      { id: 'CHG-0002', title: 'Move mail to a new provider', implemented: '1 June 2026', due: '30 August 2026' },
    ]);
  });

  it('counts them in the summary and presents them', async () => {
    const b = sectionOf(await bAgenda(), 'b');
    expect(b.summary).toContain('2 implemented changes await their post-implementation review, 1 of them overdue');
    expect(b.items).toEqual(expect.arrayContaining(['CHG-0001', 'CHG-0002']));
  });

  it('calls overdue exactly the changes the compliance check finds unreviewed', async () => {
    const result = await validated(files, '2026-06-30');
    const unreviewed = result.diagnostics
      .filter((d) => d.rule === POLICY_CHANGE_UNREVIEWED)
      .map((d) => d.file.replace(/^changes\/(.*)\.yaml$/, '$1'));
    const model = agendaModel(result.register!, 'MRT-0002', '2026-06-30', []);
    const overdue = rowsOf(model, 'b', 'Awaiting post-implementation review')
      .filter((row) => row.due!.endsWith('(overdue)'))
      .map((row) => row.id);
    expect(overdue).toEqual(unreviewed);
    expect(overdue).toEqual(['CHG-0001']);
  });
});

describe('risks (f)', () => {
  const withdrawn = {
    status: 'withdrawn',
    withdrawn: {
      on: '2026-02-01',
      reason: 'The access review had been done; its record was filed under another team.',
      approved_by: 'carol',
    },
  };
  const files = r.files(
    r.mrt({ scheduled_on: '2026-07-15' }),
    r.nc({ risk_refs: ['R-014', 'R-2'] }, 'NC-0001'),
    r.nc({ ...withdrawn, risk_refs: ['R-099'] }, 'NC-0002'),
    r.change({ status: 'approved', approved_by: 'carol', approved_on: '2026-01-20', risk_refs: ['R-014'] }, 'CHG-0001'),
  );

  async function fAgenda() {
    return agendaModel(await registerOf(files, '2026-06-30'), 'MRT-0001', '2026-06-30', []);
  }

  it('lists each risk live records name, in order, with the records and their state', async () => {
    expect(rowsOf(await fAgenda(), 'f', 'Risks named by records')).toEqual([
      { risk: 'R-2', records: 'NC-0001 (open)' },
      { risk: 'R-014', records: 'CHG-0001 (approved), NC-0001 (open)' },
    ]);
  });

  it('counts them in the summary and presents the records naming them', async () => {
    const f = sectionOf(await fAgenda(), 'f');
    expect(f.summary).toContain('2 risks named by 2 open nonconformities and changes');
    expect(f.items).toEqual(['CHG-0001', 'NC-0001']);
  });
});

describe('open actions of earlier reviews (a)', () => {
  const action = (ref: string, text: string) => ({ ref, text, owner: 'alice', due: '2026-06-01', status: 'open' });
  const held = (id: string, date: string, actions: unknown[]) =>
    r.heldMrt({ created: date, scheduled_on: date, held_on: date, actions }, id);
  const files = r.files(
    held('MRT-0001', '2025-07-01', [action('A1', 'Name an owner for access reviews.')]),
    held('MRT-0002', '2025-10-01', [action('A1', 'Budget the new mail provider.')]),
    held('MRT-0003', '2026-01-20', [action('A1', 'Train the new starters.')]),
    r.mrt({ created: '2026-01-21', scheduled_on: '2026-04-01' }, 'MRT-0004'),
  );

  it('gives each its age in reviews and escalates those open across two or more', async () => {
    const model = agendaModel(await registerOf(files, '2026-03-01'), 'MRT-0004', '2026-03-01', []);
    expect(rowsOf(model, 'a', 'Open actions').map(({ ref, age, escalated }) => ({ ref, age, escalated }))).toEqual([
      { ref: 'MRT-0001 A1', age: '2 reviews', escalated: 'yes' },
      { ref: 'MRT-0002 A1', age: '1 review', escalated: 'no' },
      { ref: 'MRT-0003 A1', age: '0 reviews', escalated: 'no' },
    ]);
    expect(sectionOf(model, 'a').summary).toContain('1 open across two or more reviews: escalated to this review.');
  });

  it('escalates exactly the actions the compliance check calls stale', async () => {
    const result = await validated(files, '2026-03-01');
    const stale = result.diagnostics
      .filter((d) => d.rule === POLICY_MRT_ACTION_STALE)
      .map((d) => d.file.replace(/^reviews\/(.*)\.yaml$/, '$1'));
    const model = agendaModel(result.register!, 'MRT-0004', '2026-03-01', []);
    const escalated = rowsOf(model, 'a', 'Open actions')
      .filter((row) => row.escalated === 'yes')
      .map((row) => row.ref!.split(' ')[0]);
    expect(escalated).toEqual(stale);
  });

  it('counts the reviews held before the one an agenda is for, not after it', async () => {
    const model = agendaModel(await registerOf(files, '2026-03-01'), 'MRT-0003', '2026-03-01', []);
    expect(rowsOf(model, 'a', 'Open actions').map((row) => `${row.ref}: ${row.age}`)).toEqual([
      'MRT-0001 A1: 1 review',
      'MRT-0002 A1: 0 reviews',
    ]);
    expect(sectionOf(model, 'a').summary).not.toContain('escalated');
  });
});

describe('the agenda of a review read again after it was held', () => {
  it('lists nothing raised after the meeting that is open now', async () => {
    const later = { created: '2026-04-01' };
    const register = await registerOf(
      r.files(
        r.heldMrt(),
        r.change(later, 'CHG-0001'),
        r.change({ risk_refs: ['R-001'] }, 'CHG-0002'),
        r.change({ ...later, ...implementedChange('2026-04-15') }, 'CHG-0003'),
        r.lrc({ ...later, identified_on: '2026-04-01' }, 'LRC-0001'),
        r.objective(later, 'OBJ-0001'),
        r.ofi(later, 'OFI-0001'),
        r.nc({ ...on('2026-04-01'), risk_refs: ['R-002'] }, 'NC-0001'),
        r.exception({ ...later, requested_on: '2026-04-01' }, 'EXC-0001'),
        r.audit(later, 'AUD-0001'),
      ),
      '2026-06-30',
    );
    const model = agendaModel(register, 'MRT-0001', '2026-06-30', []);
    expect(Object.fromEntries(model.sections.map((s) => [s.key, s.items]))).toMatchObject({
      b: ['CHG-0002'],
      c: [],
      d4: [],
      f: ['CHG-0002'],
      g: [],
    });
    expect(rowsOf(model, 'd3', 'Audits planned or in progress')).toEqual([]);
  });
});
