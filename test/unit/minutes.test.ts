// The minutes of a management review: what the model holds for a held and an approved review, the
// refusals, and the Markdown compared with test/golden/minutes-MRT-0002.md. Regenerate the golden
// file with `UPDATE_GOLDEN=1 npx vitest run test/unit/minutes.test.ts` and review the difference.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minutesDocument } from '../../src/commands/documents.js';
import { minutesModel } from '../../src/docs/minutes.js';
import { loadRegister } from '../../src/io/register.js';
import { validate } from '../../src/domain/validate/index.js';
import { UserError } from '../../src/errors.js';
import { MINUTES_AS_OF, minutesFiles } from '../golden/minutes-register.js';
import { REPO } from '../helpers/cli.js';
import { tempRegister } from '../helpers/register.js';

const GOLDEN = join(REPO, 'test', 'golden', 'minutes-MRT-0002.md');

async function opened(files = minutesFiles(), asOf = MINUTES_AS_OF) {
  const root = await tempRegister(files);
  const input = await loadRegister(root, process.env);
  const result = validate(input, { asOf });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { root, asOf, input, result, register: result.register! };
}

async function model(files = minutesFiles(), asOf = MINUTES_AS_OF) {
  const o = await opened(files, asOf);
  return minutesModel(o.register, 'MRT-0002', asOf, o.result.diagnostics);
}

const approved = {
  status: 'approved',
  conclusion: 'The ISMS remains suitable, adequate and effective; backups need widening.',
  approved_by: 'carol',
  approved_on: '2026-03-09',
};

describe('the minutes of a management review', () => {
  it('heads them with the meeting, its chair, its standing and the period it covered', async () => {
    const m = await model();
    expect(m).toMatchObject({
      id: 'MRT-0002',
      heldOn: '2 March 2026',
      chair: 'Alice Example',
      standing: 'draft, not yet approved',
      asOf: '30 June 2026',
    });
    expect(m.period).toContain('2 March 2026');
  });

  it('lists who attended, the members who did not, and the guests', async () => {
    const m = await model();
    expect([m.attendees, m.apologies, m.guests]).toEqual([
      'Alice Example and Carol Example',
      'Bob Example',
      'Dana Example',
    ]);
  });

  it('gives every 9.3.2 input in order, with the agenda of the day and what was noted', async () => {
    const m = await model();
    expect(m.inputs.map((i) => i.key)).toEqual(['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g']);
    const d1 = m.inputs.find((i) => i.key === 'd1')!;
    // As of the meeting NC-0002 was still open: it closed three days later.
    expect(d1.agenda).toMatch(/^2 nonconformities raised and 1 closed since MRT-0001 \(1 September 2025\)/);
    expect(d1.notes).toBe('Two nonconformities were raised; the leaver checklist worked.');
    expect(d1.items).toEqual([
      { id: 'NC-0002', title: 'HR access review late' },
      { id: 'NC-0003', title: 'Ticketing system not backed up' },
    ]);
    expect(d1.nothing).toBe(false);
    expect(d1.figures.map((f) => f.table.caption)).toContain('Nonconformities raised and closed by review period');
  });

  it('says when the agenda had nothing to consider under an input', async () => {
    const m = await model();
    const nothing = m.inputs.filter((i) => i.nothing).map((i) => i.key);
    expect(nothing).toContain('c');
    expect(nothing).not.toContain('d1');
    expect(nothing).not.toContain('a');
  });

  it('shows each action as open, overdue as of the date given, or done with its date and evidence', async () => {
    const m = await model();
    expect(m.actions.map((a) => [a.ref, a.state, a.status, a.evidence])).toEqual([
      ['A1', 'overdue', 'overdue', '—'],
      ['A2', 'done', 'done on 10 April 2026', 'Briefing notes of 10 April in the HR folder.'],
      ['A3', 'open', 'open', '—'],
    ]);
    expect((await model(minutesFiles(), '2026-04-20')).actions.map((a) => a.state)).toEqual(['open', 'done', 'open']);
  });

  it('gives the items presented with their titles, and the decisions', async () => {
    const m = await model();
    expect(m.items.map((i) => `${i.id} ${i.title}`)).toEqual([
      'NC-0002 HR access review late',
      'NC-0003 Ticketing system not backed up',
    ]);
    expect(m.decisions.map((d) => d.type)).toEqual(['improvement', 'resource']);
  });

  it('of a held review, has no conclusion or approval yet; of an approved one, both', async () => {
    const held = await model();
    expect(held.conclusion).toMatch(/^Not yet recorded/);
    expect(held.approval).toMatch(/draft/);
    const m = await model(minutesFiles({ mrt2: approved }));
    expect(m.standing).toBe('approved by Carol Example on 9 March 2026');
    expect(m.conclusion).toBe(approved.conclusion);
    expect(m.approval).toBe('These minutes were approved by Carol Example on 9 March 2026.');
  });

  it.each([
    ['MRT-0003', 'MRT-0003 has not been held yet (it is scheduled), so it has no minutes', 'cim mrt hold MRT-0003'],
    ['MRT-0004', 'MRT-0004 was cancelled, so it has no minutes', 'cim list mrt'],
    ['NC-0001', 'NC-0001 is not a management review', 'cim list mrt'],
    ['MRT-0042', 'no management review MRT-0042 in this register', 'cim list mrt'],
  ])('refuses %s with what is wrong and what to do', async (id, message, hint) => {
    const o = await opened();
    const error = (() => {
      try {
        minutesModel(o.register, id, MINUTES_AS_OF, []);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(message);
    expect((error as UserError).hint).toContain(hint);
    expect((error as UserError).exitCode).toBe(2);
  });

  it('is the Markdown of the golden file', async () => {
    const { text } = minutesDocument(await opened(), 'MRT-0002', 'md');
    if (process.env.UPDATE_GOLDEN) await writeFile(GOLDEN, text);
    expect(text).toBe(await readFile(GOLDEN, 'utf8'));
  });

  it('draws the d1 trends in HTML only, and prints their numbers, not the drawing, as JSON', async () => {
    const o = await opened();
    const md = minutesDocument(o, 'MRT-0002', 'md').text;
    const html = minutesDocument(o, 'MRT-0002', 'html').text;
    const json = minutesDocument(o, 'MRT-0002', 'json').text;
    expect(md).not.toContain('<svg');
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(4);
    expect(json).not.toMatch(/svg|chart/i);
    const parsed = JSON.parse(json) as { inputs: { key: string; figures: { table: { rows: unknown[] } }[] }[] };
    expect(parsed.inputs.find((i) => i.key === 'd1')!.figures[0]!.table.rows).toEqual([
      { period: 'MRT-0001, 1 September 2025', raised: '1', closed: '0' },
      // NC-0001 closed four days after MRT-0001; NC-0002 after this meeting, so in no period shown.
      { period: 'MRT-0002, 2 March 2026 (this period)', raised: '2', closed: '1' },
    ]);
  });
});
