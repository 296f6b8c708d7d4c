// Documents that print: the page model and stylesheet every HTML document carries, the running
// footer escaped for CSS, and the PDF step around Chromium, run here with a stand-in browser (the
// real one is test/e2e/print-browser.test.ts).
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocs } from '../../src/commands/docs-check.js';
import { logDocument, policyDocument, type Opened } from '../../src/commands/documents.js';
import { loadRegister } from '../../src/io/register.js';
import { cssString } from '../../src/docs/escape.js';
import { pageModel, render } from '../../src/docs/render.js';
import { CHROMIUM_VARIABLE, findChromium, printPdf, renumberNodes, stampDates } from '../../src/io/chromium.js';
import { ExitCode, UserError } from '../../src/errors.js';
import { BASE_CONFIG, check, tempRegister } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const NO_REGISTER = join(tmpdir(), 'cim-no-register-here');

async function opened(files: Record<string, unknown> = r.files(r.nc())): Promise<Opened> {
  const result = await check(files, { asOf: '2026-06-30' });
  expect(result.errors).toBe(0);
  return { root: NO_REGISTER, asOf: '2026-06-30', register: result.register!, result };
}

/** The text of the page's one style element. */
const styleOf = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';

describe('the CSS string of a footer', () => {
  it.each([
    ['plain words', 'Policy 2', '"Policy 2"'],
    ['a quote', 'a"b', '"a\\22 b"'],
    ['a backslash', 'a\\b', '"a\\5c b"'],
    ['the end of the style element', '</style><script>', '"\\3c \\2f style\\3e \\3c script\\3e "'],
    ['a brace', '} body {', '"\\7d  body \\7b "'],
    ['a line break, as a space', 'a\nb', '"a b"'],
    ['letters of any script', 'Ünïcødé — 東京', '"Ünïcødé \\2014  東京"'],
  ])('%s', (_what, text, css) => expect(cssString(text)).toBe(css));
});

describe('the page model', () => {
  it('is on A4 unless letter is asked for', () => {
    expect(pageModel({ title: 'x' }, '').paper).toBe('A4');
    expect(pageModel({ title: 'x', paper: 'letter' }, '').paper).toBe('letter');
  });

  it('puts the title, version and classification on the left of the footer, the date on the right', () => {
    const m = pageModel(
      { title: 'Acme — Policy', footer: { version: '2.2', classification: 'Internal', asOf: '30 June 2026' } },
      '',
    );
    expect(m.footer.left).toBe(cssString('Acme — Policy · Version 2.2 · Internal'));
    expect(m.footer.right).toBe(cssString('As of 30 June 2026 · '));
  });

  it('leaves out what a document has not', () => {
    const m = pageModel({ title: 'Log', footer: { asOf: '30 June 2026' } }, '');
    expect(m.footer.left).toBe('"Log"');
  });
});

describe('the print stylesheet of every HTML document', () => {
  const html = (paper?: 'a4' | 'letter', format: 'md' | 'html' = 'html') =>
    render(
      { organisation: 'Test Co', title: 'Log', asOf: '2026-06-30', ncs: [], incidents: [] },
      { root: NO_REGISTER, template: 'log.md.hbs', format, title: 'Test Co — Log', ...(paper ? { paper } : {}) },
    );

  it.each([
    ['A4 paper by default', /@page \{\s*size: A4;/],
    ['page margins', /@page \{[^@]*margin: \d+mm/],
    ['page numbers in a margin box', /@bottom-right \{ content: [^;]*"Page " counter\(page\) " of " counter\(pages\)/],
    ['the title in a margin box', /@bottom-left \{ content: "Test Co \\2014 {2}Log";/],
    ['headings kept with what follows', /h1, h2, h3, h4 \{ break-after: avoid;/],
    ['table headers repeated on each page', /thead \{ display: table-header-group; \}/],
    ['rows not split', /tr, figure\.chart \{ break-inside: avoid; \}/],
    ['the header block not styled as a header row', /h1 \+ table thead \{ display: table-row-group; \}/],
    [
      'a landscape page for wide tables',
      /@page wide \{ size: A4 landscape; \}[\s\S]*table:has\(tr > :nth-child\(9\)\) \{ page: wide;/,
    ],
  ])('%s', (_what, css) => expect(styleOf(html())).toMatch(css));

  it('letter paper when asked, portrait and landscape', () => {
    const style = styleOf(html('letter'));
    expect(style).toMatch(/@page \{\s*size: letter;/);
    expect(style).toContain('@page wide { size: letter landscape; }');
    expect(style).not.toContain('A4');
  });

  it('tables may break between rows: no rule keeps a whole table on one page', () => {
    // The header block under the title (h1 + table) is the one table kept whole: it is short.
    expect(styleOf(html())).not.toMatch(/^\s*(table|tbody)(,[^{]*)? \{[^}]*break-inside: avoid/m);
  });

  it('a title that tries to leave the stylesheet stays text in it', () => {
    const hostile = render(
      { organisation: 'x', title: 'x', asOf: '2026-06-30', ncs: [], incidents: [] },
      {
        root: NO_REGISTER,
        template: 'log.md.hbs',
        format: 'html',
        title: '"; } </style><script>alert(1)</script> {',
        footer: { version: '1"}', classification: '</style>', asOf: '30 June 2026' },
      },
    );
    expect(hostile.match(/<\/style>/g)).toHaveLength(1);
    expect(hostile).not.toContain('<script>');
    expect(styleOf(hostile)).toContain('@bottom-left { content: "\\22 \\3b  \\7d  \\3c \\2f style\\3e');
  });

  it('Markdown has none of it', () => {
    expect(html('letter', 'md')).not.toContain('@page');
  });
});

describe('the footer of each document', () => {
  it('the policy: its title, version, classification and as-of date', async () => {
    const style = styleOf(policyDocument(await opened(), 'html').text);
    expect(style).toContain(
      `@bottom-left { content: ${cssString('Test Co — Continual Improvement Policy · Version 1.0 · Internal')};`,
    );
    expect(style).toContain(`content: ${cssString('As of 30 June 2026 · ')} "Page "`);
  });

  it('the log: its title and as-of date, on the paper asked for', async () => {
    const style = styleOf(logDocument(await opened(), 'html', { paper: 'letter' }).text);
    expect(style).toContain(`@bottom-left { content: ${cssString('Test Co — Incident and corrective action log')};`);
    expect(style).toContain(cssString('As of 30 June 2026 · '));
    expect(style).toMatch(/size: letter;/);
  });
});

describe('the policy approval block', () => {
  it('states the version in force, who approved it and when, as cim.yaml records them', async () => {
    const md = policyDocument(await opened(), 'md').text;
    expect(md).toContain(
      '### Approval\n\n| Version | Approved by | Approved on |\n| --- | --- | --- |\n| 1.0 | Carol Example | 15 January 2026 |\n',
    );
    expect(md.indexOf('### Approval')).toBeGreaterThan(md.indexOf('## Document version control'));
    expect(md.indexOf('### Approval')).toBeLessThan(md.indexOf('## Contents'));
  });

  it('says "not recorded" for an approval cim.yaml does not record, and invents none', async () => {
    const cfg = BASE_CONFIG;
    const draft = { version: '1.1', date: '2026-03-01', author: 'alice', changes: 'Draft' };
    const unapproved = { ...cfg, policy: { ...cfg.policy, version: '1.1', history: [...cfg.policy.history, draft] } };
    const result = await check({ 'cim.yaml': unapproved }, { asOf: '2026-06-30' });
    const md = policyDocument({ root: NO_REGISTER, asOf: '2026-06-30', register: result.register!, result }, 'md').text;
    expect(md).toContain('| 1.1 | not recorded | not recorded |');
  });
});

describe('validate --docs and a page printed on letter', () => {
  it('finds the page fresh when it is what cim generates on the paper it names, and names --paper to regenerate it', async () => {
    const page = policyDocument(await opened(), 'html', { paper: 'letter' }).text;
    const fresh = await tempRegister({ ...r.files(r.nc()), 'docs/policy.html': page });
    expect(await checkDocs(fresh, await loadRegister(fresh, {}), '2026-06-30')).toEqual([]);
    const edited = await tempRegister({ ...r.files(r.nc()), 'docs/policy.html': page.replace('Purpose', 'Aim') });
    const [stale] = await checkDocs(edited, await loadRegister(edited, {}), '2026-06-30');
    expect(stale?.hint).toContain('`cim policy --format html --paper letter --as-of 2026-06-30 -o docs/policy.html`');
  });
});

describe('the browser', () => {
  /** A folder holding an executable script of that name. */
  async function fakeBrowser(name: string, script: string): Promise<{ folder: string; file: string }> {
    const folder = await mkdtemp(join(tmpdir(), 'cim-browser-'));
    const file = join(folder, name);
    await writeFile(file, `#!/bin/sh\n${script}\n`);
    await chmod(file, 0o755);
    return { folder, file };
  }

  it('is found on PATH under the first of its names', async () => {
    const { folder, file } = await fakeBrowser('chromium-browser', 'exit 0');
    expect(await findChromium({ PATH: `/nonexistent:${folder}` })).toBe(file);
  });

  it('is the one CIM_CHROMIUM names, before PATH', async () => {
    const onPath = await fakeBrowser('chromium', 'exit 0');
    const named = await fakeBrowser('my-chrome', 'exit 0');
    expect(await findChromium({ PATH: onPath.folder, [CHROMIUM_VARIABLE]: named.file })).toBe(named.file);
  });

  it('when none is found, says how to install one (exit 2)', async () => {
    const e = await findChromium({ PATH: '/nonexistent' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    const err = e as UserError;
    expect(err.exitCode).toBe(ExitCode.Usage);
    expect(err.message).toContain('--format pdf needs Chromium');
    expect(err.hint).toContain('apt-get install chromium');
    expect(err.hint).toContain('brew install --cask chromium');
    expect(err.hint).toContain(CHROMIUM_VARIABLE);
  });

  it('refuses a CIM_CHROMIUM that is not a program', async () => {
    const e = (await findChromium({ PATH: '', [CHROMIUM_VARIABLE]: '/nonexistent/chrome' }).catch(
      (x: unknown) => x,
    )) as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(`${CHROMIUM_VARIABLE}=/nonexistent/chrome is not a program cim can run`);
  });

  it("is run headless with the page, and the PDF's dates are the as-of date", async () => {
    const log = join(await mkdtemp(join(tmpdir(), 'cim-args-')), 'args');
    const { file } = await fakeBrowser(
      'chromium',
      `printf '%s\\n' "$@" > '${log}'
for a in "$@"; do case "$a" in --print-to-pdf=*) out="\${a#--print-to-pdf=}";; esac; done
printf "%%PDF-1.4\\n/CreationDate (D:20261202065425+00'00')\\n/ModDate (D:20261202065425+00'00')>>\\n" > "$out"`,
    );
    const pdf = Buffer.from(
      await printPdf('<!doctype html><p>x</p>', { asOf: '2026-06-30', env: { [CHROMIUM_VARIABLE]: file } }),
    );
    expect(pdf.toString('latin1')).toBe(
      "%PDF-1.4\n/CreationDate (D:20260630000000+00'00')\n/ModDate (D:20260630000000+00'00')>>\n",
    );
    const args = (await readFile(log, 'utf8')).trim().split('\n');
    for (const flag of ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer'])
      expect(args).toContain(flag);
    expect(args.find((a) => a.startsWith('--print-to-pdf='))).toMatch(/cim-print-.*document\.pdf$/);
    expect(args.at(-1)).toMatch(/^file:\/\/.*document\.html$/);
  });

  it('a browser that prints nothing is a clear error, not a crash', async () => {
    const { file } = await fakeBrowser('chromium', 'echo "no display" >&2; exit 0');
    const e = (await printPdf('<p>x</p>', { asOf: '2026-06-30', env: { [CHROMIUM_VARIABLE]: file } }).catch(
      (x: unknown) => x,
    )) as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(`${file} did not print the PDF: no display`);
  });

  it('a browser that fails says what it said', async () => {
    const { file } = await fakeBrowser('chromium', 'echo "crashed" >&2; exit 3');
    const e = (await printPdf('<p>x</p>', { asOf: '2026-06-30', env: { [CHROMIUM_VARIABLE]: file } }).catch(
      (x: unknown) => x,
    )) as UserError;
    expect(e).toBeInstanceOf(UserError);
    expect(e.message).toBe(`${file} failed: crashed`);
  });

  it('stamping keeps every byte offset: the PDF is as long as before', () => {
    const before = Buffer.from("x/CreationDate (D:20261202065425+00'00')y/ModDate (D:20261202065425Z)z", 'latin1');
    const after = Buffer.from(stampDates(before, '2027-01-05'));
    expect(after.length).toBe(before.length);
    expect(after.toString('latin1')).toBe("x/CreationDate (D:20270105000000+00'00')y/ModDate (D:20270105000000Z)z");
  });

  it('numbers the structure ids from 1, in their order, whatever number Chromium started at', () => {
    const run = (start: number) =>
      Buffer.from(
        `/ID (node${String(start).padStart(8, '0')})/ID (node${String(start + 1).padStart(8, '0')})` +
          `/Limits [(node${String(start).padStart(8, '0')}) (node${String(start + 1).padStart(8, '0')})]`,
        'latin1',
      );
    const a = Buffer.from(renumberNodes(run(16)));
    expect(a.toString('latin1')).toBe('/ID (node00000001)/ID (node00000002)/Limits [(node00000001) (node00000002)]');
    expect(a.equals(Buffer.from(renumberNodes(run(15))))).toBe(true);
  });
});
