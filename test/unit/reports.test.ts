// The report formats for CI, each checked by what its consumer reads it with: SARIF against the
// OASIS JSON Schema, JUnit with an XML parser, Markdown with a GFM renderer. And the rule
// catalogue they describe rules from, which must have an entry for every rule id.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { markdownReport, MAX_MARKDOWN_BYTES, md } from '../../src/cli/reports/markdown.js';
import { junitReport } from '../../src/cli/reports/junit.js';
import type { Report } from '../../src/cli/reports/report.js';
import { sarifReport, uriReference } from '../../src/cli/reports/sarif.js';
import { CONFIG_FILE } from '../../src/domain/config.js';
import type { Diagnostic } from '../../src/domain/diagnostics.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import { RULE_HELP, RULE_IDS, rulesChecking } from '../../src/domain/validate/rule-help.js';
import * as ids from '../../src/domain/validate/rule-ids.js';
import { SARIF_SCHEMA_ID, sarifProblems } from '../helpers/sarif.js';

const NC = 'nonconformities/NC-0001.yaml';
const CA = 'actions/CA-0001.yaml';

const problem = (over: Partial<Diagnostic> = {}): Diagnostic => ({
  severity: 'error',
  rule: ids.NC_ROOT_CAUSE,
  file: NC,
  line: 12,
  column: 3,
  message: "NC-0001's root cause restates its description: a symptom, not a cause",
  hint: 'say why it happened',
  ...over,
});

/** A report of a register in the folder `reg/` of its repository, as `cim validate` makes it. */
function report(diagnostics: readonly Diagnostic[], over: Partial<Report> = {}): Report {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    diagnostics,
    errors,
    warnings: diagnostics.length - errors,
    records: 2,
    asOf: '2026-06-30',
    strict: false,
    root: '/repo/reg',
    display: (f) => f,
    repoPath: (f) => `reg/${f}`,
    version: '1.2.3',
    checked: {
      files: [{ file: CONFIG_FILE }, { file: NC, kind: 'nc' }, { file: CA, kind: 'ca' }],
      docs: false,
      history: false,
    },
    ...over,
  };
}

const HOSTILE = `a < b & c ]]> "quoted" 'single' \u0007bell`;

describe('the rule catalogue', () => {
  // Every string rule-ids.ts exports is a rule id, but for the prefix policy rules share.
  const declared = Object.entries(ids as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ids.POLICY_RULES,
  );

  it.each(declared)('%s has a summary and a help text', (_name, id) => {
    const help = RULE_HELP[id];
    expect(help, `${id} has no entry in rule-help.ts`).toBeDefined();
    expect(help!.summary).toMatch(/^\S.*\.$/);
    expect(help!.summary).not.toContain('\n');
    expect(help!.help.length).toBeGreaterThan(help!.summary.length);
  });

  it('describes no rule that rule-ids.ts does not declare', () => {
    expect([...RULE_IDS].sort()).toEqual(declared.map(([, id]) => id).sort());
  });

  it('names only kinds and cim.yaml as the files a rule checks', () => {
    const targets = new Set([...KINDS.map((k) => k.name), CONFIG_FILE]);
    for (const id of RULE_IDS) for (const t of RULE_HELP[id]!.checks) expect(targets, `${id}: ${t}`).toContain(t);
  });

  it('gives policy rules the warning they report without --strict', () => {
    for (const id of RULE_IDS.filter(ids.isPolicyRule)) expect(RULE_HELP[id]!.severity, id).toBe('warning');
    expect(RULE_HELP[ids.NC_ROOT_CAUSE]!.severity).toBe('error');
  });

  it("lists the rules of a record's kind, and the optional checks only when they ran", () => {
    const off = { docs: false, history: false };
    const nc = rulesChecking('nc', off);
    expect(nc).toEqual(expect.arrayContaining([ids.NC_ROOT_CAUSE, ids.SCHEMA_TYPE, ids.POLICY_NC_OVERDUE]));
    expect(nc).not.toContain(ids.MRT_DECISIONS);
    expect(nc).not.toContain(ids.POLICY_COVERAGE);
    expect(nc).not.toContain(ids.HISTORY_TRANSITION);
    expect(rulesChecking('nc', { docs: false, history: true })).toContain(ids.HISTORY_TRANSITION);
    expect(rulesChecking(CONFIG_FILE, off)).toEqual(expect.arrayContaining([ids.POLICY_COVERAGE, ids.YAML_SYNTAX]));
    expect(rulesChecking(CONFIG_FILE, off)).not.toContain(ids.NC_ROOT_CAUSE);
  });
});

describe('--format sarif', () => {
  type Log = ReturnType<typeof sarifReport>;
  const valid = (log: Log) => sarifProblems(log);

  it('is a valid SARIF 2.1.0 log with no results for a clean register', () => {
    const log = sarifReport(report([]));
    expect(valid(log)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe(SARIF_SCHEMA_ID);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver).toMatchObject({ name: 'cim', version: '1.2.3' });
    expect(log.runs[0]!.tool.driver).not.toHaveProperty('informationUri');
  });

  it('the schema check refuses what SARIF does not allow', () => {
    const log = sarifReport(report([problem()]));
    const broken = JSON.parse(JSON.stringify(log)) as Log;
    broken.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(valid(broken)).not.toBe(true);
    expect(valid({ ...log, version: '2.0.0' })).not.toBe(true);
  });

  it('reports errors and warnings as results placed on the repository-relative file', () => {
    const log = sarifReport(
      report([
        problem(),
        problem({ severity: 'warning', rule: ids.POLICY_NC_OVERDUE, line: 1, column: 1, message: HOSTILE }),
        problem({ file: CA, rule: ids.CA_EVIDENCE, line: 0, column: 0 }),
      ]),
    );
    expect(valid(log)).toBe(true);
    const [first, second, third] = log.runs[0]!.results;
    expect(first).toMatchObject({
      ruleId: ids.NC_ROOT_CAUSE,
      level: 'error',
      message: { text: `${problem().message}\nhint: say why it happened` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `reg/${NC}`, uriBaseId: '%SRCROOT%' },
            region: { startLine: 12, startColumn: 3 },
          },
        },
      ],
    });
    expect(second).toMatchObject({ level: 'warning', message: { text: `${HOSTILE}\nhint: say why it happened` } });
    expect(third!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1, startColumn: 1 });
    expect(log.runs[0]!.originalUriBaseIds).toHaveProperty('%SRCROOT%');
  });

  it('lists every rule, and each result points at its rule by index', () => {
    const diagnostics = [problem(), problem({ rule: ids.INTERNAL_RULE }), problem({ rule: ids.FILE_CONFLICT })];
    const { tool, results } = sarifReport(report(diagnostics)).runs[0]!;
    expect(tool.driver.rules.map((r) => r.id)).toEqual(RULE_IDS);
    for (const r of tool.driver.rules) {
      expect(r.shortDescription.text).toBe(RULE_HELP[r.id]!.summary);
      expect(r.help.text).toBe(RULE_HELP[r.id]!.help);
      expect(['error', 'warning']).toContain(r.defaultConfiguration.level);
    }
    for (const res of results) expect(tool.driver.rules[res.ruleIndex!]!.id).toBe(res.ruleId);
  });

  it('gives each result a fingerprint that stays when the problem moves, and differs between two alike', () => {
    const fp = (ds: Diagnostic[]) =>
      sarifReport(report(ds)).runs[0]!.results.map((r) => r.partialFingerprints['cimProblem/v1']);
    const once = fp([problem()]);
    expect(once[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(fp([problem()])).toEqual(once);
    expect(fp([problem({ line: 40 })])).toEqual(once);
    const twice = fp([problem(), problem({ line: 30 })]);
    expect(twice[0]).toBe(once[0]);
    expect(twice[1]).not.toBe(once[0]);
    expect(fp([problem({ message: 'another' })])).not.toEqual(once);
  });

  it.each([
    ['nonconformities/NC-0001.yaml', 'nonconformities/NC-0001.yaml'],
    ['evidence/NC-0001/log export #2 (100%).pdf', 'evidence/NC-0001/log%20export%20%232%20(100%25).pdf'],
    ['evidence/NC-0001/übersicht.pdf', 'evidence/NC-0001/%C3%BCbersicht.pdf'],
    ['a:b/c?d', 'a%3Ab/c%3Fd'],
  ])('writes the path %j as the URI reference %j', (path, uri) => {
    expect(uriReference(path)).toBe(uri);
    const log = sarifReport(report([problem({ file: path })], { repoPath: (f) => f }));
    expect(valid(log)).toBe(true);
  });
});

describe('--format junit', () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    isArray: (name) => ['testsuite', 'testcase'].includes(name),
    parseAttributeValue: false,
    trimValues: false,
  });
  type Case = { name: string; classname: string; file: string; failure?: Outcome; skipped?: Outcome };
  type Outcome = { message: string; type?: string; '#text': string };
  type Suite = { name: string; tests: string; failures: string; skipped: string; testcase: Case[] };
  type Doc = { testsuites: { tests: string; failures: string; skipped: string; errors: string; testsuite: Suite[] } };

  const parse = (xml: string): Doc['testsuites'] => {
    expect(XMLValidator.validate(xml)).toBe(true);
    return (parser.parse(xml) as Doc).testsuites;
  };
  const suite = (doc: Doc['testsuites'], file: string) => doc.testsuite.find((s) => s.name === `reg/${file}`)!;
  const testcase = (s: Suite, rule: string) => s.testcase.find((c) => c.name === rule)!;

  it('makes a passing suite of every file checked in a clean register', () => {
    const doc = parse(junitReport(report([])));
    expect(doc.testsuite.map((s) => s.name)).toEqual([`reg/${CA}`, `reg/${CONFIG_FILE}`, `reg/${NC}`]);
    expect(doc.failures).toBe('0');
    expect(doc.skipped).toBe('0');
    const nc = suite(doc, NC);
    expect(nc.testcase.map((c) => c.name)).toEqual(rulesChecking('nc', { docs: false, history: false }));
    expect(suite(doc, CONFIG_FILE).testcase.map((c) => c.name)).toContain(ids.POLICY_COVERAGE);
    expect(Number(doc.tests)).toBe(doc.testsuite.reduce((n, s) => n + s.testcase.length, 0));
    for (const s of doc.testsuite) expect(Number(s.tests)).toBe(s.testcase.length);
    expect(nc.testcase[0]).toMatchObject({ classname: 'reg/nonconformities/NC-0001', file: `reg/${NC}` });
  });

  it('fails the case of a rule that found errors, and skips one that found only warnings', () => {
    const doc = parse(
      junitReport(
        report([
          problem(),
          problem({ line: 30, message: 'a second restatement' }),
          problem({ severity: 'warning', rule: ids.POLICY_NC_OVERDUE, line: 1, column: 1 }),
          problem({ file: CA, rule: ids.CA_EVIDENCE }),
        ]),
      ),
    );
    expect(doc).toMatchObject({ failures: '2', skipped: '1', errors: '0' });
    const nc = suite(doc, NC);
    expect(nc).toMatchObject({ failures: '1', skipped: '1' });
    const failed = testcase(nc, ids.NC_ROOT_CAUSE).failure!;
    expect(failed.type).toBe(ids.NC_ROOT_CAUSE);
    expect(failed.message).toBe(`${problem().message} (and 1 more)`);
    expect(failed['#text']).toContain(`reg/${NC}:12:3 error: ${problem().message}\nhint: say why it happened`);
    expect(failed['#text']).toContain(`reg/${NC}:30:3 error: a second restatement`);
    expect(testcase(nc, ids.POLICY_NC_OVERDUE).skipped!.message).toBe(problem().message);
    expect(testcase(nc, ids.SCHEMA_TYPE)).not.toHaveProperty('failure');
    expect(suite(doc, CA)).toMatchObject({ failures: '1', skipped: '0' });
  });

  it('carries a hostile message through XML escaping unchanged', () => {
    const hint = 'use ]]> & </failure> <![CDATA[ with care';
    const doc = parse(junitReport(report([problem({ message: HOSTILE, hint })])));
    const failed = testcase(suite(doc, NC), ids.NC_ROOT_CAUSE).failure!;
    // XML cannot hold U+0007 at all; it is replaced, and everything else is read back as written.
    const readable = HOSTILE.replace('\u0007', '\ufffd');
    expect(failed.message).toBe(readable);
    expect(failed['#text']).toBe(`reg/${NC}:12:3 error: ${readable}\nhint: ${hint}`);
  });

  it('reports a file that was not read as a record with the rules that found something there', () => {
    const unread = 'nonconformities/NC-0002.yaml';
    const doc = parse(junitReport(report([problem({ file: unread, rule: ids.YAML_SYNTAX })])));
    expect(suite(doc, unread).testcase.map((c) => c.name)).toEqual([ids.YAML_SYNTAX]);
  });

  it('lists the history rules only when the history was checked', () => {
    const names = (history: boolean) =>
      suite(parse(junitReport(report([], { checked: { ...report([]).checked, history } }))), NC).testcase.map(
        (c) => c.name,
      );
    expect(names(false)).not.toContain(ids.HISTORY_TRANSITION);
    expect(names(true)).toContain(ids.HISTORY_TRANSITION);
  });
});

describe('--format markdown', () => {
  const rowsOf = (text: string) => marked.lexer(text).filter((t): t is Tokens.Table => t.type === 'table');

  it('says a clean register is valid, briefly', () => {
    expect(markdownReport(report([]))).toBe('### ✔ valid\n\n2 records, as of 2026-06-30.\n');
  });

  it('sums up the register and the rules, then lists the errors and the warnings with their place', () => {
    const out = markdownReport(
      report(
        [
          problem({ file: CA, rule: ids.CA_EVIDENCE }),
          problem({ severity: 'warning', rule: ids.POLICY_NC_OVERDUE, line: 2 }),
          problem(),
          problem({ line: 30 }),
        ],
        { strict: true },
      ),
    );
    expect(out.startsWith('### ✖ 3 errors, 1 warning\n')).toBe(true);
    const [summary, rules, errors, warnings] = rowsOf(out);
    expect(summary!.header.map((h) => h.text)).toEqual(['records', 'errors', 'warnings', 'as of', 'strict']);
    expect(summary!.rows[0]!.map((c) => c.text)).toEqual(['2', '3', '1', '2026-06-30', 'yes']);
    expect(rules!.rows.map((r) => r.map((c) => c.text))).toEqual([
      [`\`${ids.NC_ROOT_CAUSE}\``, '2', '0'],
      [`\`${ids.CA_EVIDENCE}\``, '1', '0'],
      [`\`${ids.POLICY_NC_OVERDUE}\``, '0', '1'],
    ]);
    expect(out).toContain('\n#### Errors (3)\n\n| file:line | rule | problem | hint |\n');
    expect(out).toContain('\n#### Warnings (1)\n');
    expect(errors!.rows.map((r) => r[0]!.text)).toEqual([`reg/${CA}:12:3`, `reg/${NC}:12:3`, `reg/${NC}:30:3`]);
    expect(errors!.rows[1]!.map((c) => c.text)).toEqual([
      `reg/${NC}:12:3`,
      `\`${ids.NC_ROOT_CAUSE}\``,
      problem().message,
      'say why it happened',
    ]);
    expect(warnings!.rows.map((r) => r[1]!.text)).toEqual([`\`${ids.POLICY_NC_OVERDUE}\``]);
  });

  it('shows user text as written: no cell split, no HTML, no heading, no mention', () => {
    const message =
      '# not | a heading `code` <script>alert(1)</script> *bold* [link](http://x) https://y www.z.org a@b.org @team &amp;';
    const out = markdownReport(report([problem({ message, hint: 'line one\nline two' })]));
    const html = marked.parse(out, { async: false });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<strong>');
    expect(html).not.toContain('<code>code</code>');
    expect(html).toContain('&lt;script&gt;');
    const cells = rowsOf(out)[2]!.rows[0]!;
    expect(cells).toHaveLength(4);
    const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    expect(html.replace(/\u200b/g, '')).toContain(`<td>${escaped}</td>`);
    expect(cells[3]!.text).toBe('line one<br>line two');
    expect(md('@team')).not.toMatch(/@[a-z]/);
  });

  it('stops before the size limit at a whole problem, and counts the ones left out', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      problem({
        file: `nonconformities/NC-${String(1 + Math.floor(i / 40)).padStart(4, '0')}.yaml`,
        line: (i % 40) + 1,
        message: `problem ${i} — ${'ünïcödé '.repeat(8)}`,
      }),
    );
    const out = markdownReport(report(many));
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(MAX_MARKDOWN_BYTES);
    expect(Buffer.byteLength(out)).toBeGreaterThan(MAX_MARKDOWN_BYTES - 1024);
    const shown = rowsOf(out)
      .slice(2)
      .reduce((n, t) => n + t.rows.length, 0);
    const left = /\n… and (\d+) more problems \(run `cim validate` for all\)\n$/.exec(out);
    expect(left).not.toBeNull();
    expect(shown + Number(left![1])).toBe(2000);
    expect(out).toContain(`problem ${shown - 1} —`);
    expect(out).not.toContain(`problem ${shown} —`);
  });

  it('shows the errors before the warnings when it cannot show all', () => {
    const warnings = Array.from({ length: 1500 }, (_, i) =>
      problem({ file: CA, severity: 'warning', rule: ids.POLICY_CA_OVERDUE, line: i + 1, message: 'x'.repeat(60) }),
    );
    const errors = Array.from({ length: 10 }, (_, i) => problem({ line: i + 1 }));
    const out = markdownReport(report([...warnings, ...errors]));
    const [, , shownErrors, shownWarnings] = rowsOf(out);
    expect(shownErrors!.rows).toHaveLength(10);
    const left = Number(/… and (\d+) more problems/.exec(out)![1]);
    expect(shownWarnings!.rows.length + left).toBe(1500);
  });

  it('keeps every problem when they fit', () => {
    const out = markdownReport(report([problem(), problem({ line: 2 })]), 10_000);
    expect(out).not.toContain('more problem');
    expect(rowsOf(out)[2]!.rows).toHaveLength(2);
  });
});
