// Document models and rendering: escaping for Markdown, HTML and CSV; which records an agenda
// shows, by the dates around the previous review; templates the register overrides.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { agendaModel } from '../../src/docs/agenda/index.js';
import { csv, escapeHtml, escapeMarkdown } from '../../src/docs/escape.js';
import { logCsv, logModel } from '../../src/docs/log.js';
import { render } from '../../src/docs/render.js';
import type { Register } from '../../src/domain/register.js';
import { UserError } from '../../src/errors.js';
import { check, tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';

/** The size a register's template may have, as the README says. */
const TEMPLATE_LIMIT = 256 * 1024;

const HOSTILE = 'Door | left <script>alert(1)</script> open *now* [x](javascript:alert(1)) {{title}} `x` & co';

async function registerOf(files: Record<string, unknown>, asOf = '2026-06-30'): Promise<Register> {
  const result = await check(files, { asOf });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.register!;
}

/** The cells of each table row of a Markdown text, split on unescaped pipes. */
const cells = (line: string) => line.split(/(?<!\\)\|/).slice(1, -1);

describe('escaping', () => {
  it('keeps a Markdown table whole and renders user text as the text it is', () => {
    const row = `| NC-0001 | ${escapeMarkdown(HOSTILE)} | open |`;
    expect(cells(row)).toHaveLength(3);
    const html = marked.parse(`| a | b | c |\n| --- | --- | --- |\n${row}\n`, { async: false });
    expect(html).not.toMatch(/<script|<a |<em>|<code>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('*now*');
    expect(html).toContain('{{title}}');
  });

  it('stops text at the start of a line from opening a heading or a list, and keeps line breaks', () => {
    for (const text of ['# Heading', '- item', '1. item', '+ item', '===']) {
      const html = marked.parse(`${escapeMarkdown(text)}\n`, { async: false });
      expect(html.trim()).toBe(`<p>${text}</p>`);
    }
    expect(escapeMarkdown('2.1 and NC-0001')).toBe('2.1 and NC-0001');
    expect(escapeMarkdown('one\r\ntwo')).toBe('one<br>two');
  });

  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('quotes CSV fields and defuses spreadsheet formulas', () => {
    expect(
      csv(
        ['a', 'b'],
        [
          ['=HYPERLINK("x")', 'one, "two"\nthree'],
          ['-1', 2],
        ],
      ),
    ).toBe(`a,b\r\n"'=HYPERLINK(""x"")","one, ""two""\nthree"\r\n'-1,2\r\n`);
  });
});

describe('rendering', () => {
  it('escapes hostile titles in the Markdown and HTML of the log', async () => {
    const register = await registerOf(r.files(r.nc({ title: HOSTILE }), r.incident({ title: HOSTILE })));
    const model = logModel(register, '2026-06-30');
    const md = render(model, { root: register.root, template: 'log.md.hbs', format: 'md', title: 'Log' });
    const ncRow = md.split('\n').find((l) => l.startsWith('| NC-0001'))!;
    expect(cells(ncRow)).toHaveLength(
      md
        .split('\n')
        .find((l) => l.startsWith('| NC |'))!
        .split('|').length - 2,
    );
    const html = render(model, { root: register.root, template: 'log.md.hbs', format: 'html', title: HOSTILE });
    expect(html).not.toMatch(/<script|javascript:alert\(1\)"|<a /);
    expect(html).toContain('<title>Door | left &lt;script&gt;');
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;/g)).toHaveLength(3);
  });

  it("uses the register's own template of the same name instead of the built-in one", async () => {
    const register = await registerOf(r.files(r.nc()));
    const model = logModel(register, '2026-06-30');
    const builtIn = render(model, { root: register.root, template: 'log.md.hbs', format: 'md', title: 'Log' });
    await mkdir(join(register.root, 'templates'), { recursive: true });
    await writeFile(
      join(register.root, 'templates', 'log.md.hbs'),
      '# Our log for {{organisation}}\n{{#each ncs}}\n- {{id}}: {{title}}\n{{/each}}\n',
    );
    const own = render(model, { root: register.root, template: 'log.md.hbs', format: 'md', title: 'Log' });
    expect(builtIn).toContain('## Nonconformities and corrective actions');
    expect(own).toBe('# Our log for Test Co\n- NC-0001: Access reviews not performed\n');
  });

  it('names the template and the field when a template uses one the document does not have', async () => {
    const root = await tempRegister({
      'templates/log.md.hbs': '# {{organisation}}\n{{#each ncs}}{{titel}}{{/each}}\n',
    });
    const register = await registerOf({ ...r.files(r.nc()), 'templates/log.md.hbs': '' });
    const error = (() => {
      try {
        render(logModel(register, '2026-06-30'), { root, template: 'log.md.hbs', format: 'md', title: 'Log' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/^template templates\/log\.md\.hbs failed: .*"titel"/);
  });

  /** What rendering the log with `setup` done to the register's templates/ throws, or undefined. */
  async function renderWith(setup: (templates: string) => Promise<void>): Promise<UserError | undefined> {
    const register = await registerOf(r.files(r.nc()));
    const templates = join(register.root, 'templates');
    await setup(templates);
    try {
      render(logModel(register, '2026-06-30'), {
        root: register.root,
        template: 'log.md.hbs',
        format: 'md',
        title: 'Log',
      });
      return undefined;
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      return e;
    }
  }

  it.each([
    ['each', '{{#each nope}}- {{id}}\n{{/each}}'],
    ['if', 'Log\n\n{{#if nope}}yes{{/if}}'],
    ['unless', 'Log\n\n{{#unless nope}}no{{/unless}}'],
    ['with', 'Log\n\n{{#with nope}}{{x}}{{/with}}'],
    ['each, inside another block', 'Log\n{{#each ncs}}\n\n{{#each nope}}x{{/each}}{{/each}}'],
  ])(
    'names the template, the line and the name when %s is given a name the document does not have',
    async (_, text) => {
      const error = await renderWith(async (templates) => {
        await mkdir(templates);
        await writeFile(join(templates, 'log.md.hbs'), text);
      });
      const line = text.slice(0, text.indexOf('nope')).split('\n').length;
      expect(error?.message).toBe(
        `template templates/log.md.hbs failed: line ${line}: "nope" is not a field of the document at that place`,
      );
    },
  );

  it('still lets blocks test what the document has, and what each item is', async () => {
    const error = await renderWith(async (templates) => {
      await mkdir(templates);
      await writeFile(
        join(templates, 'log.md.hbs'),
        '{{#if ncs.length}}{{#each ncs as |n|}}{{#if n.overdue}}{{/if}}{{#with this}}{{id}}{{/with}}{{#if @first}}{{/if}}{{/each}}{{/if}}{{#unless organisation}}{{/unless}}',
      );
    });
    expect(error).toBeUndefined();
  });

  it.each([
    [
      'a symbolic link to a file outside the register',
      async (t: string) => {
        await mkdir(t);
        const outside = join(t, '..', '..', 'outside.hbs');
        await writeFile(outside, 'SECRET');
        await symlink(outside, join(t, 'log.md.hbs'));
      },
      'templates/log.md.hbs is a symbolic link',
    ],
    [
      'a symbolic link to a file inside it',
      async (t: string) => {
        await mkdir(t);
        await writeFile(join(t, 'other.hbs'), 'x');
        await symlink('other.hbs', join(t, 'log.md.hbs'));
      },
      'templates/log.md.hbs is a symbolic link',
    ],
    [
      'a templates folder that links outside the register',
      async (t: string) => {
        const outside = await mkdtemp(join(tmpdir(), 'cim-outside-'));
        await writeFile(join(outside, 'log.md.hbs'), 'SECRET');
        await symlink(outside, t);
      },
      'templates is a symbolic link',
    ],
    [
      'a named pipe',
      async (t: string) => {
        await mkdir(t);
        execFileSync('mkfifo', [join(t, 'log.md.hbs')]);
      },
      'templates/log.md.hbs is a named pipe, not a plain file',
    ],
    [
      'a folder',
      async (t: string) => {
        await mkdir(join(t, 'log.md.hbs'), { recursive: true });
      },
      'templates/log.md.hbs is a folder, not a plain file',
    ],
    [
      'a file over 256 KiB',
      async (t: string) => {
        await mkdir(t);
        await writeFile(join(t, 'log.md.hbs'), 'x'.repeat(TEMPLATE_LIMIT + 1));
      },
      'templates/log.md.hbs is larger than 256 KiB',
    ],
    [
      'a file that is not UTF-8',
      async (t: string) => {
        await mkdir(t);
        await writeFile(join(t, 'log.md.hbs'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
      },
      'templates/log.md.hbs is not UTF-8 text',
    ],
  ])('refuses a template that is %s, naming the file', async (_, setup, message) => {
    const error = await renderWith(setup);
    expect(error?.message.startsWith(message), error?.message).toBe(true);
    expect(error?.hint).toBeTruthy();
    expect(error?.message).not.toContain('SECRET');
  });

  it('reads a template of exactly 256 KiB', async () => {
    const error = await renderWith(async (t) => {
      await mkdir(t);
      await writeFile(join(t, 'log.md.hbs'), `# Log\n${'x'.repeat(TEMPLATE_LIMIT - 7)}\n`);
    });
    expect(error).toBeUndefined();
  });
});

/** Text GFM would turn into links: a web address, a www. address and an email. */
const LINKY = 'See https://evil.example/x?a=1, www.evil.example and mail dana.w+isms@evil.example now';
const LINKS = ['https://evil.example/x?a=1', 'www.evil.example', 'dana.w+isms@evil.example'];

describe('user text that looks like a link', () => {
  it.each([
    ['a title', LINKY],
    ['a description', `Found on HTTPS://intranet.example/wiki.\nAsk ops@example.com or FTP://files.example.`],
    ['evidence', 'Ticket www.tracker.example/IT-42 (mailto:it@example.com), xmpp:bot@example.com'],
  ])('stays text in %s, and reads as written', (_what, text) => {
    const html = marked.parse(`${escapeMarkdown(text)}\n`, { async: false, gfm: true });
    expect(html).not.toContain('<a ');
    expect(html.trim()).toBe(`<p>${escapeHtml(text).replaceAll('\n', '<br>')}</p>`);
  });

  it('leaves words, sentences and clause numbers as they are', () => {
    expect(escapeMarkdown('Done by 5.2, see A.5.15. Ask Dana: she knows.')).toBe(
      'Done by 5.2, see A.5.15. Ask Dana: she knows.',
    );
  });
});

describe('the incident and corrective action log', () => {
  const analysed = {
    status: 'actioned',
    correction: { action: `Revoked access; ${LINKY}`, consequences: 'None.', date: '2026-01-12' },
    analysis: {
      method: '5-whys',
      root_cause: `The review had no owner and no reminder; ${LINKY}`,
      similar: { exist: false, could_occur: false },
    },
    action_required: true,
  };
  const files = () =>
    r.files(
      r.nc({ ...analysed, title: `Reviews skipped; ${LINKY}` }),
      r.ca({
        title: 'Give the review an owner',
        action: `Make the IT lead own the review; ${LINKY}`,
        addresses: 'No owner',
      }),
      r.incident({ title: `Laptop lost; ${LINKY}` }),
    );

  it('never turns user text into a live link in HTML', async () => {
    const register = await registerOf(files());
    const html = render(logModel(register, '2026-06-30'), {
      root: register.root,
      template: 'log.md.hbs',
      format: 'html',
      title: LINKY,
    });
    expect(html).not.toMatch(/<a |href=/);
    for (const link of LINKS) expect(html.split(link.replaceAll('&', '&amp;')).length - 1).toBeGreaterThanOrEqual(4);
  });

  it("shows a corrective action's own title, and the NC's correction and root cause", async () => {
    const register = await registerOf(files());
    const model = logModel(register, '2026-06-30');
    expect(model.ncs[0]).toMatchObject({
      correction: `Revoked access; ${LINKY}`,
      rootCause: `The review had no owner and no reminder; ${LINKY}`,
    });
    expect(model.ncs[0]!.actions[0]).toMatchObject({
      title: 'Give the review an owner',
      action: `Make the IT lead own the review; ${LINKY}`,
      addresses: 'No owner',
    });
    const md = render(model, { root: register.root, template: 'log.md.hbs', format: 'md', title: 'Log' });
    const header = cells(md.split('\n').find((l) => l.startsWith('| NC |'))!).map((c) => c.trim());
    expect(header).toContain('Correction or action');
    expect(header).toContain('Root cause');
    const row = (start: string) => {
      const found = cells(md.split('\n').find((l) => l.startsWith(start))!).map((c) => c.trim());
      expect(found).toHaveLength(header.length);
      return Object.fromEntries(header.map((h, i) => [h, found[i]]));
    };
    expect(row('| NC-0001')).toMatchObject({
      'Correction or action': escapeMarkdown(`Revoked access; ${LINKY}`),
      'Root cause': escapeMarkdown(`The review had no owner and no reminder; ${LINKY}`),
    });
    expect(row('| ↳ CA-0001')).toMatchObject({
      Title: 'Give the review an owner',
      'Correction or action': escapeMarkdown(`Make the IT lead own the review; ${LINKY}`),
      'Root cause': 'No owner',
    });
  });

  it('has the correction or action and the root cause in the CSV, and the title of each corrective action', async () => {
    const register = await registerOf(files());
    const rows = logCsv(logModel(register, '2026-06-30')).split('\r\n');
    const header = rows[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['title', 'correction_or_action', 'root_cause']));
    const caRow = rows.find((l) => l.startsWith('CA-0001,'))!;
    expect(caRow).toContain(',Give the review an owner,');
    expect(caRow).toContain(
      '"Make the IT lead own the review; See https://evil.example/x?a=1, www.evil.example and mail dana.w+isms@evil.example now",No owner',
    );
  });
});

describe('the agenda of a management review', () => {
  // MRT-0001 held on 2026-03-01 is the previous review; MRT-0002 is the one the agenda is for.
  const previous = r.heldMrt({
    actions: [
      { ref: 'A1', text: 'Fix the thing.', owner: 'alice', due: '2026-05-01', status: 'open' },
      {
        ref: 'A2',
        text: 'Done before.',
        owner: 'carol',
        due: '2026-04-01',
        status: 'done',
        done_on: '2026-02-20',
        evidence: 'Report filed in the ISMS folder.',
      },
      {
        ref: 'A3',
        text: 'Done since.',
        owner: 'carol',
        due: '2026-04-01',
        status: 'done',
        done_on: '2026-04-02',
        evidence: 'Report filed in the ISMS folder.',
      },
    ],
  });
  const next = r.mrt({ title: 'Management review H2', scheduled_on: '2026-09-01' }, 'MRT-0002');
  const before = r.nc({ title: 'Raised before', raised_on: '2026-02-01', created: '2026-02-01' }, 'NC-0001');
  const after = r.nc({ title: 'Raised after', raised_on: '2026-04-01', created: '2026-04-01' }, 'NC-0002');
  const incidentBefore = r.incident({ occurred_on: '2026-02-10', detected_on: '2026-02-10', created: '2026-02-10' });
  const incidentAfter = r.incident(
    { title: 'Later incident', occurred_on: '2026-05-10', detected_on: '2026-05-10', created: '2026-05-10' },
    'INC-0002',
  );

  async function agenda() {
    const files = r.files(previous, next, before, after, incidentBefore, incidentAfter);
    const register = await registerOf(files);
    return agendaModel(register, 'MRT-0002', '2026-06-30', []);
  }

  it('covers the period since the previous held review', async () => {
    const model = await agenda();
    expect(model.previous).toBe('MRT-0001, held on 1 March 2026');
    expect(model.period).toBe('2 March 2026 (the day after MRT-0001) to 30 June 2026');
  });

  it('reports the nonconformities raised after the previous review, not those before', async () => {
    const d1 = (await agenda()).sections.find((s) => s.key === 'd1')!;
    expect(d1.items).toEqual(['NC-0002']);
    expect(d1.summary).toMatch(
      /^1 nonconformity raised and 0 closed since MRT-0001 \(1 March 2026\) \(previous period: 1 raised, 0 closed\)/,
    );
  });

  it('carries open actions forward and lists only those done since', async () => {
    const a = (await agenda()).sections.find((s) => s.key === 'a')!;
    const rows = a.tables.flatMap((t) => t.rows.map((row) => `${t.caption}: ${row.ref}`));
    expect(rows).toEqual(['Open actions: MRT-0001 A1', 'Completed since MRT-0001 (1 March 2026): MRT-0001 A3']);
    expect(a.summary).toContain('1 of them overdue');
  });

  it('lists incidents that occurred in the period and counts the previous one for the trend', async () => {
    const model = await agenda();
    expect(model.sections.find((s) => s.key === 'b')!.items).toEqual(['INC-0002']);
    expect(model.sections.find((s) => s.key === 'd2')!.summary).toContain(
      '1 incident since MRT-0001 (1 March 2026) (no change on the previous period)',
    );
  });

  it('lists a nonconformity by the first of its deadlines that has passed, and a corrective action past its due date', async () => {
    const raised = (on: string) => ({ raised_on: on, created: on });
    const correction = { action: 'Reviewed now.', consequences: 'None.', date: '2026-01-05' };
    const register = await registerOf(
      r.files(
        previous,
        next,
        r.nc(raised('2026-04-01'), 'NC-0001'),
        r.nc({ ...raised('2025-12-01'), status: 'corrected', correction }, 'NC-0002'),
        r.nc(raised('2025-12-01'), 'NC-0003'),
        r.ca({ due: '2026-06-01' }, 'CA-0001'),
        r.ca(
          {
            status: 'implemented',
            due: '2026-06-01',
            started_on: '2026-02-01',
            implemented_on: '2026-05-01',
            evidence: 'Reminder rule IT-42 live.',
          },
          'CA-0002',
        ),
      ),
    );
    const d1 = agendaModel(register, 'MRT-0002', '2026-06-30', []).sections.find((s) => s.key === 'd1')!;
    const rows = (caption: string) => d1.tables.find((t) => t.caption === caption)?.rows ?? [];
    expect(rows('Overdue nonconformities').map((row) => `${row.id}: ${row.due}`)).toEqual([
      'NC-0001: correction by 1 May 2026',
      'NC-0002: closure by 30 May 2026',
      'NC-0003: correction by 31 December 2025',
    ]);
    expect(rows('Overdue corrective actions').map((row) => row.id)).toEqual(['CA-0001']);
    expect(d1.summary).toContain('3 open, 3 overdue; 1 corrective action overdue');
    expect(logModel(register, '2026-06-30').ncs.map((n) => n.overdue)).toEqual([true, true, true]);
    expect(logModel(register, '2026-04-15').ncs.map((n) => n.overdue)).toEqual([false, false, true]);
  });

  it('has one section for every clause 9.3.2 input, in order', async () => {
    expect((await agenda()).sections.map((s) => s.key)).toEqual(['a', 'b', 'c', 'd1', 'd2', 'd3', 'd4', 'e', 'f', 'g']);
  });

  it('refuses a record that is not a management review, and a cancelled one', async () => {
    const register = await registerOf(
      r.files(r.nc(), r.mrt({ status: 'cancelled', cancelled: { on: '2026-02-01', reason: 'Moved.' } })),
    );
    expect(() => agendaModel(register, 'NC-0001', '2026-06-30', [])).toThrow('NC-0001 is not a management review');
    expect(() => agendaModel(register, 'MRT-0001', '2026-06-30', [])).toThrow('MRT-0001 was cancelled');
  });
});
