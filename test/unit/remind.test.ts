// cim remind: who has what due, the step that moves each item on, and the Markdown and calendar
// feed made from it. One register serves every read-only case.
import { beforeAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { openRegister } from '../../src/commands/open.js';
import { remind, type RemindResult } from '../../src/commands/remind.js';
import type { Context } from '../../src/context.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { dueItems, stepsToMeet } from '../../src/domain/queries.js';
import { ExitCode, UserError } from '../../src/errors.js';
import { formatRemindMarkdown, formatRemindText } from '../../src/cli/remind-format.js';
import { eventUid, formatRemindIcs, slug } from '../../src/cli/remind-ics.js';
import { BASE_CONFIG, tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import { TEST_ENV } from '../helpers/git.js';

const AS_OF = '2026-06-30';
const NC_TITLE = 'Backups, restores; and the C:\\ drive';
const ACTION_TEXT = 'Check a,b;c\\d\nthen report to the board';

const config = {
  ...BASE_CONFIG,
  people: BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'alice@example.com' } : p)),
};

const records = r.files(
  r.nc({ title: NC_TITLE, raised_on: '2026-06-01', respond_by: '2026-06-20', close_by: '2026-07-10' }),
  r.ca({ owner: 'bob', due: '2026-07-05' }),
  r.ca({ owner: 'dave', due: '2026-07-01', title: 'Rotate the *keys* | <b>now</b>' }, 'CA-0002'),
  r.heldMrt({
    actions: [
      { ref: 'A1', text: ACTION_TEXT, owner: 'carol', due: '2026-06-25', status: 'open' },
      {
        ref: 'A2',
        text: 'Already done',
        owner: 'carol',
        due: '2026-06-01',
        status: 'done',
        done_on: '2026-05-30',
        evidence: 'The report of 30 May',
      },
    ],
  }),
  r.objective({ owner: 'bob', due: '2026-12-31' }),
);

const ctx = (cwd: string): Context => ({ cwd, env: TEST_ENV, now: new Date('2026-01-01T12:00:00Z') });

let root: string;
let report: RemindResult;
beforeAll(async () => {
  root = await tempRegister({ 'cim.yaml': config, ...records });
  report = await remind({ asOf: AS_OF }, ctx(root));
});

it('reads a register whose records all pass their schema', async () => {
  const { result } = await openRegister({ asOf: AS_OF }, ctx(root));
  expect(result.diagnostics.filter((d) => d.rule.startsWith('schema/'))).toEqual([]);
});

const byPerson = (result: RemindResult, id: string) => result.people.find((p) => p.id === id)!;
const ids = (items: readonly { id: string; what: string }[]) => items.map((i) => `${i.id} ${i.what}`);

describe('cim remind: who has what due', () => {
  it('lists every person in cim.yaml, in its order, those with nothing due with empty lists', () => {
    expect(report.people.map((p) => p.id)).toEqual(['alice', 'bob', 'carol']);
    expect(report.days).toBe(14);
  });

  it('puts the overdue first, oldest first, then what falls due within the days asked', () => {
    const alice = byPerson(report, 'alice');
    expect(ids(alice.overdue)).toEqual(['NC-0001 Nonconformity correction']);
    expect(alice.overdue[0]).toMatchObject({
      due: '2026-06-20',
      overdue: true,
      days: 10,
      command: 'cim nc correct NC-0001',
    });
    expect(ids(alice.soon)).toEqual(['NC-0001 Nonconformity closure']);
    expect(alice.soon[0]).toMatchObject({ due: '2026-07-10', overdue: false, days: 10 });
  });

  it('names the command that moves each item on: the next lifecycle step, or cim mrt done for an action', () => {
    expect(byPerson(report, 'bob').soon).toEqual([
      {
        id: 'CA-0001',
        title: 'Automate access review reminders',
        what: 'Corrective action implementation',
        due: '2026-07-05',
        overdue: false,
        days: 5,
        step: 'Start work on it',
        command: 'cim ca start CA-0001',
      },
    ]);
    expect(byPerson(report, 'carol').overdue).toEqual([
      expect.objectContaining({
        id: 'MRT-0001',
        what: 'Management review action A1',
        title: ACTION_TEXT,
        command: 'cim mrt done MRT-0001 A1 --evidence "…"',
      }),
    ]);
  });

  it('puts what no person in cim.yaml owns under unassigned', () => {
    expect(ids(report.unassigned.soon)).toEqual(['CA-0002 Corrective action implementation']);
  });

  it('takes a person by id or by name, and leaves the unassigned out then', async () => {
    const bob = await remind({ asOf: AS_OF, person: 'bob example' }, ctx(root));
    expect(bob.people.map((p) => p.id)).toEqual(['bob']);
    expect(bob.unassigned).toEqual({ overdue: [], soon: [] });
  });

  it('refuses a person cim.yaml does not have, naming those it has', async () => {
    const error = (await remind({ asOf: AS_OF, person: 'zed' }, ctx(root)).catch((e: unknown) => e)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.exitCode).toBe(ExitCode.Usage);
    expect(error.hint).toContain('alice, bob, carol');
  });

  it('looks as far ahead as --days says, or at everything for a feed', async () => {
    const none = await remind({ asOf: AS_OF, days: '0' }, ctx(root));
    expect(byPerson(none, 'alice').soon).toEqual([]);
    const all = await remind({ asOf: AS_OF, all: true }, ctx(root));
    expect(all.days).toBeUndefined();
    expect(ids(byPerson(all, 'bob').soon)).toContain('OBJ-0001 Objective target date');
    expect(ids(byPerson(all, 'alice').soon)).toContain('cim.yaml Policy review');
    expect(byPerson(all, 'alice').soon.find((i) => i.id === 'cim.yaml')).not.toHaveProperty('command');
  });
});

describe('the step that meets a deadline, read from the lifecycle', () => {
  // Every deadline of every kind, in every state it runs in, has a step that moves it on.
  const running = KINDS.flatMap((k) =>
    k.states.flatMap((s) => (k.meaning[s]?.due ?? []).map((d) => [k.name, s, d] as const)),
  );
  it.each(running)('%s %s: %s', (name, state, deadline) => {
    const kind = KINDS.find((k) => k.name === name)!;
    const [verb] = stepsToMeet(kind, state, deadline);
    expect(kind.transitions.find((t) => t.verb === verb && t.from.includes(state))).toBeDefined();
  });

  it('covers every deadline a kind declares', () => {
    const declared = KINDS.flatMap((k) => Object.keys(k.deadlines).map((d) => `${k.name} ${d}`));
    expect(new Set(running.map(([k, , d]) => `${k} ${d}`))).toEqual(new Set(declared));
  });

  it.each([
    [false, 'cim nc close NC-0001'],
    [true, 'cim nc action NC-0001'],
  ])('an analysed NC with action_required %s is moved on by %s', async (required, command) => {
    const analysed = r.nc({
      status: 'analysed',
      correction: { action: 'Stopped it.', consequences: 'None.', date: '2026-01-11' },
      analysis: {
        root_cause: 'No reminder existed for the quarterly review',
        method: '5-whys',
        similar: { exist: false, could_occur: false },
        date: '2026-01-12',
      },
      action_required: required,
      ...(required ? {} : { action_justification: 'A one-off: the reviewer was on leave and it was caught at once.' }),
    });
    const dir = await tempRegister(r.files(analysed));
    const { result } = await openRegister({ asOf: AS_OF }, ctx(dir));
    expect(result.diagnostics.filter((d) => d.rule.startsWith('schema/'))).toEqual([]);
    const closure = dueItems(result.register!).find((i) => i.id === 'NC-0001' && i.what === 'closure');
    expect(closure?.next.command).toBe(command);
  });
});

describe('text and Markdown', () => {
  it('leave out the people with nothing due, and head the unassigned', () => {
    const text = formatRemindText(report, new Chalk({ level: 0 }));
    expect(text).toContain('Alice Example (alice)');
    const bobClear = { ...report, people: report.people.map((p) => (p.id === 'bob' ? { ...p, soon: [] } : p)) };
    expect(text).toContain('Bob Example (bob)');
    expect(formatRemindText(bobClear, new Chalk({ level: 0 }))).not.toContain('Bob Example');
    expect(text).toContain('Unassigned');
    const quiet = { ...report, people: report.people.map((p) => ({ ...p, overdue: [], soon: [] })) };
    expect(formatRemindText({ ...quiet, unassigned: { overdue: [], soon: [] } }, new Chalk({ level: 0 }))).toContain(
      'Nothing is overdue or due within 14 days.',
    );
  });

  it('make one section per person, a checkbox per item, with the command as code and user text escaped', () => {
    const md = formatRemindMarkdown(report);
    expect(md.match(/^## .*$/gm)).toEqual(['## Alice Example', '## Bob Example', '## Carol Example', '## Unassigned']);
    expect(md).toContain(
      '- [ ] **NC-0001** Nonconformity correction, due 2026-06-20 (10 days overdue): Backups, restores; and the C:\\\\ drive  \n  `cim nc correct NC-0001` — record the correction',
    );
    expect(md).toContain('Rotate the \\*keys\\* \\| \\<b\\>now\\</b\\>');
    expect(md).toContain('Check a,b;c\\\\d<br>then report to the board');
  });
});

/** The content lines of an iCalendar text, unfolded (RFC 5545 3.1). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n');
}

/** The events of a feed, each as its property lines by name (parameters dropped). */
function events(ics: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let current: Record<string, string> | undefined;
  for (const line of unfold(ics)) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') {
      out.push(current!);
      current = undefined;
    } else if (current) {
      const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      current[line.slice(0, colon).split(';')[0]!] = line.slice(colon + 1);
    }
  }
  return out;
}

/** A TEXT value as written before escaping (RFC 5545 3.3.11). */
const unescape = (value: string) =>
  value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

describe('the calendar feed', () => {
  let ics: string;
  let all: RemindResult;
  beforeAll(async () => {
    all = await remind({ asOf: AS_OF, all: true }, ctx(root));
    ics = formatRemindIcs(all);
  });

  it('is iCalendar with CRLF line ends, lines of at most 75 octets, cim as its producer', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//cim//cim reminders//EN\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('has one all-day event per item, on its due date, stamped with the as-of date', () => {
    const list = events(ics);
    const items = [...all.people.flatMap((p) => [...p.overdue, ...p.soon]), ...all.unassigned.soon];
    expect(list).toHaveLength(items.length);
    const nc = list.find((e) => e.UID === eventUid({ id: 'NC-0001', what: 'Nonconformity correction' }, 'Test Co'))!;
    expect(nc.DTSTART).toBe('20260620');
    expect(nc.DTSTAMP).toBe('20260630T000000Z');
    expect(nc.DESCRIPTION).toContain('cim nc correct NC-0001');
    expect(unfold(ics)).toContain('DTSTART;VALUE=DATE:20260620');
  });

  it('keeps the UIDs from one day to the next, and from one register to another they differ', async () => {
    const later = formatRemindIcs(await remind({ asOf: '2026-07-03', all: true }, ctx(root)));
    const uids = (text: string) => events(text).map((e) => e.UID);
    expect(uids(later)).toEqual(uids(ics));
    expect(new Set(uids(ics)).size).toBe(uids(ics).length);
    expect(slug('Acme Analytics Ltd.')).toBe('acme-analytics-ltd');
    expect(eventUid({ id: 'NC-0001', what: 'x' }, 'Other Co')).not.toBe(
      eventUid({ id: 'NC-0001', what: 'x' }, 'Test Co'),
    );
  });

  it('escapes commas, semicolons, backslashes and line breaks in what people wrote', () => {
    const list = events(ics);
    const nc = list.find((e) => e.UID!.startsWith('NC-0001.nonconformity-correction'))!;
    expect(nc.SUMMARY).toBe('NC-0001 Nonconformity correction: Backups\\, restores\\; and the C:\\\\ drive');
    expect(unescape(nc.SUMMARY!)).toBe(`NC-0001 Nonconformity correction: ${NC_TITLE}`);
    const action = list.find((e) => e.UID!.startsWith('MRT-0001.management-review-action-a1'))!;
    expect(action.SUMMARY).toBe(
      'MRT-0001 Management review action A1: Check a\\,b\\;c\\\\d\\nthen report to the board',
    );
    expect(unescape(action.SUMMARY!)).toBe(`MRT-0001 Management review action A1: ${ACTION_TEXT}`);
  });

  it('names an attendee and organiser only where cim.yaml gives an email', () => {
    const lines = unfold(ics);
    expect(lines.filter((l) => l.startsWith('ATTENDEE')).every((l) => l.endsWith(':MAILTO:alice@example.com'))).toBe(
      true,
    );
    expect(lines.filter((l) => l.startsWith('ATTENDEE'))).toHaveLength(3);
    expect(lines).toContain('ORGANIZER;CN="Alice Example":mailto:alice@example.com');
    expect(events(ics).find((e) => e.UID!.startsWith('CA-0001'))).not.toHaveProperty('ATTENDEE');
  });

  it('is the same text from run to run', async () => {
    expect(formatRemindIcs(await remind({ asOf: AS_OF, all: true }, ctx(root)))).toBe(ics);
  });
});
