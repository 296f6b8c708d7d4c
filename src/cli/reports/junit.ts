// JUnit XML, the test report GitLab's merge-request widget, Jenkins and most CI dashboards read:
// each file checked is a test suite, and each rule that checks files of its kind is a test case in
// it, passing when the rule found nothing there. A clean register is then a green suite per file,
// and a new problem shows as a new failing case rather than as a changed count.
//
// The pipeline runs each rule over the whole register, not file by file, so it cannot say which
// rules looked at a given file. The rule catalogue says which kinds of file each rule checks, and a
// file's cases are those rules (plus any other rule that reported in it): what applies to a record
// of that kind, with no cost to validation.
//
// Warnings are <skipped> cases with the warning as their message. GitLab and Jenkins both count
// and list skipped cases in their summaries, so a policy warning is seen without failing the
// pipeline; <system-out> is shown only when someone opens the case, and the warning would read as
// a plain pass.
import { CONFIG_FILE } from '../../domain/config.js';
import type { Diagnostic } from '../../domain/diagnostics.js';
import { rulesChecking } from '../../domain/validate/rule-help.js';
import type { Report } from './report.js';

interface Case {
  readonly rule: string;
  readonly problems: readonly Diagnostic[];
}

interface Suite {
  readonly file: string;
  readonly cases: readonly Case[];
}

export function junitReport(r: Report): string {
  const suites = suitesOf(r);
  const all = suites.flatMap((s) => s.cases);
  const title = `cim validate, as of ${r.asOf}${r.strict ? ', strict' : ''}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(title)}" tests="${all.length}" failures="${count(all, 'failure')}" errors="0" skipped="${count(all, 'skipped')}">`,
    ...suites.flatMap((s) => suiteXml(s, r.repoPath(s.file))),
    '</testsuites>',
    '',
  ].join('\n');
}

/** Every file read, and any other file a problem was found in, in path order. */
function suitesOf(r: Report): Suite[] {
  const kinds = new Map<string, string | undefined>(r.checked.files.map((f) => [f.file, f.kind]));
  const byFile = new Map<string, Diagnostic[]>();
  for (const f of kinds.keys()) byFile.set(f, []);
  for (const d of r.diagnostics) {
    const found = byFile.get(d.file);
    if (found) found.push(d);
    else byFile.set(d.file, [d]);
  }
  return [...byFile.keys()].sort().map((file) => {
    const problems = byFile.get(file)!;
    // A file not read as a record (unparsable, misplaced, deleted in the history, evidence, a
    // document) was checked only by the rules that reported in it.
    const target = kinds.has(file) ? (kinds.get(file) ?? CONFIG_FILE) : undefined;
    const rules = new Set(target === undefined ? [] : rulesChecking(target, r.checked));
    for (const d of problems) rules.add(d.rule);
    return {
      file,
      cases: [...rules].map((rule) => ({ rule, problems: problems.filter((d) => d.rule === rule) })),
    };
  });
}

type Outcome = 'passed' | 'failure' | 'skipped';

const outcomeOf = (c: Case): Outcome =>
  c.problems.length === 0 ? 'passed' : c.problems.some((d) => d.severity === 'error') ? 'failure' : 'skipped';

const count = (cases: readonly Case[], outcome: Outcome): number =>
  cases.filter((c) => outcomeOf(c) === outcome).length;

function suiteXml(s: Suite, path: string): string[] {
  // Jenkins reads a class name's last dot as the start of the class; without the extension, the
  // path is the package and the file its class, as ESLint's JUnit report does it.
  const classname = attr(path.replace(/\.ya?ml$/i, ''));
  return [
    `  <testsuite name="${attr(path)}" tests="${s.cases.length}" failures="${count(s.cases, 'failure')}" errors="0" skipped="${count(s.cases, 'skipped')}">`,
    ...s.cases.map((c) => caseXml(c, classname, path)),
    '  </testsuite>',
  ];
}

/**
 * One case per rule; its problems in that file go in one <failure> (or <skipped>), each on its own
 * lines, since GitLab and Jenkins show only the first such element of a case.
 */
function caseXml(c: Case, classname: string, path: string): string {
  const open = `    <testcase name="${attr(c.rule)}" classname="${classname}" file="${attr(path)}"`;
  const outcome = outcomeOf(c);
  if (outcome === 'passed') return `${open}/>`;
  const first = c.problems.find((d) => (outcome === 'failure' ? d.severity === 'error' : true))!;
  const more = c.problems.length - 1;
  const message = more > 0 ? `${first.message} (and ${more} more)` : first.message;
  const body = c.problems
    .map((d) => `${path}:${d.line}:${d.column} ${d.severity}: ${d.message}\nhint: ${d.hint}`)
    .join('\n\n');
  const element =
    outcome === 'failure'
      ? `<failure message="${attr(message)}" type="${attr(c.rule)}">${text(body)}</failure>`
      : `<skipped message="${attr(message)}">${text(body)}</skipped>`;
  return `${open}>\n      ${element}\n    </testcase>`;
}

/**
 * What XML 1.0 cannot hold even escaped (most C0 controls, U+FFFE, U+FFFF, half a surrogate pair)
 * becomes U+FFFD. cim shows control characters escaped already; this keeps the report well-formed
 * whatever a message holds.
 */
const xmlChars = (s: string): string =>
  s.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '\ufffd',
  );

/** Element text: `>` is escaped too, so that `]]>` never appears in it. */
const text = (s: string): string =>
  xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/** An attribute value in double quotes; line breaks and tabs are kept as characters, not spaces. */
const attr = (s: string): string =>
  text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
