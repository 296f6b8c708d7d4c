// The hostile-input corpus: malformed and malicious registers and arguments, one case a line,
// each with the exit code and what cim must say (the file:line:col, rule and words a person needs).
// cli.test.ts runs every case on the built bin/cim and checks what holds for all of them: no stack
// trace, nothing written or committed, nothing read from outside the register, no terminal control
// characters on the way out, and an answer within seconds.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { HISTORY } from './corpus-history.js';
import { MAX_YAML_BYTES } from '../../src/io/yaml.js';
import { git } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';
import * as r from '../helpers/records.js';
import { INTEGRITY_CORPUS } from './corpus-integrity.js';
import { DEFECTS } from './corpus-defects.js';
import { AUDITS_CORPUS } from './corpus-audits.js';
import { RECORDS_CORPUS } from './corpus-records.js';
import { NC_CORPUS } from './corpus-nc.js';
import { REVIEW_CORPUS } from './corpus-review.js';
import { YAML_CORPUS } from './corpus-yaml.js';
import { textCases } from './corpus-text.js';
import { outputCases } from './corpus-output.js';
import { documentCases } from './corpus-documents.js';
import { MINUTES_CORPUS } from './corpus-minutes.js';
import { EVIDENCE_CORPUS } from './corpus-evidence.js';
import { packCases } from './corpus-pack.js';
import { PRINT_CORPUS } from './corpus-print.js';
import { REMIND_CORPUS } from './corpus-remind.js';
import { reportCases } from './corpus-reports.js';
import { IMPORT_CORPUS } from './corpus-import.js';

export const AS_OF = '2026-06-30';
export const NC_FILE = 'nonconformities/NC-0001.yaml';
/** A valid nonconformity as text; every register starts with it and cim.yaml (BASE_CONFIG). */
export const NC = stringify(r.nc()[1]);
export const CONFIG = stringify(BASE_CONFIG);
/** In every file outside the register: output that shows it means cim read outside the register. */
export const TRAP = 'TRAP-7f3a9c';

export interface Dirs {
  /** The register root (and git work tree, unless the case says otherwise). */
  readonly root: string;
  /** A folder beside it, holding TRAP files; it must be left as it was. */
  readonly outside: string;
}

export interface HostileCase {
  readonly name: string;
  /** Files written over the base register: text, bytes, or data written as YAML. */
  readonly files?: Readonly<Record<string, string | Uint8Array | object>>;
  /** Runs after the files are written and before they are committed (symlinks, moves). */
  readonly setup?: (dirs: Dirs) => Promise<void>;
  /** Further commits after the first, each writing these files (the history cases). */
  readonly commits?: readonly Readonly<Record<string, string>>[];
  /** committed (default): a repository with everything committed, and no identity of its own;
   * detached: the same with HEAD detached; unborn: `git init` and no commit; none: no repository. */
  readonly git?: 'committed' | 'detached' | 'unborn' | 'none';
  /** Arguments to cim; `{outside}` stands for the outside folder. */
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly code: 0 | 1 | 2;
  /** Each must appear in stdout or stderr. */
  readonly says?: readonly (string | RegExp)[];
  /** None may appear in stdout or stderr. */
  readonly never?: readonly (string | RegExp)[];
  /** A case that must write: checks what was written. Every other case must change nothing. */
  readonly wrote?: (dirs: Dirs) => Promise<void>;
  /** How long the command may take (default 10 s; cim answers these in well under one). */
  readonly seconds?: number;
}

const VALIDATE = ['validate', '--as-of', AS_OF] as const;

/** `file:line:col` of the first `needle` in `text`, counted as an editor does (a BOM is invisible). */
export function at(file: string, text: string, needle: string): string {
  const visible = text.replace(/^\ufeff/, '');
  const index = visible.indexOf(needle);
  if (index < 0) throw new Error(`${file} does not contain ${JSON.stringify(needle)}`);
  const before = visible.slice(0, index);
  const line = before.split(/\r?\n|\r/).length;
  return `${file}:${line}:${index - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'))}`;
}

/** The line after the valid NC, where a case adds a field. */
const AFTER = NC.split('\n').length;

/** `file:line` of the first `needle` in the valid NC, for problems placed inside that line. */
const lineOf = (needle: string) => at(NC_FILE, NC, needle).replace(/:\d+$/, '');

/** The valid NC with one edit; fails loudly when the text to replace is not there. */
export function nc(from: string, to: string): string {
  if (!NC.includes(from)) throw new Error(`the NC does not contain ${JSON.stringify(from)}`);
  return NC.replace(from, to);
}

/** NC-0001 written as `text`: `cim validate` exits 1 with `rule` at `needle` in the text, or at
 * `needle` when it is itself a place (`nonconformities/NC-0001.yaml:1:1`). */
export function bad(
  name: string,
  text: string | Buffer,
  needle: string,
  rule: string,
  more: Partial<HostileCase> = {},
): HostileCase {
  const place = needle.startsWith(`${NC_FILE}:`) ? needle : at(NC_FILE, String(text), needle);
  return {
    name,
    files: { [NC_FILE]: text },
    args: VALIDATE,
    code: 1 as const,
    says: [`${place}  error  ${rule}`],
    ...more,
  };
}

/** cim.yaml written as `text`: `cim validate` exits 1 with `rule` at `needle`. */
export function badConfig(name: string, text: string, needle: string, rule: string): HostileCase {
  return {
    name,
    files: { 'cim.yaml': text },
    args: VALIDATE,
    code: 1,
    says: [`${at('cim.yaml', text, needle)}  error  ${rule}`],
  };
}

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

/** A file of `size` bytes, written at test time. */
const sized = (head: string, size: number) => `${head}# ${'x'.repeat(size - head.length - 3)}\n`;

/** Billion laughs: ten levels of nine aliases would expand to 9^9 strings. */
function aliasBomb(): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) {
    const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
    lines.push(`${name}: &${name} [${Array<string>(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A check that a file still holds `text`. */
const unchanged = (file: string, text: string) => async (d: Dirs) => {
  const now = await readFile(join(d.root, file), 'utf8');
  if (now !== text) throw new Error(`${file} was overwritten with:\n${now}`);
};

export const link = (target: (d: Dirs) => string, path: string) => async (d: Dirs) => {
  await mkdir(join(d.root, path, '..'), { recursive: true });
  await symlink(target(d), join(d.root, path));
};

const TEMPLATES = '{{constructor.constructor("return process")()}} ${process.exit(3)} <script>alert(1)</script>';
const TEMPLATED = nc('title: Access reviews not performed', `title: '${TEMPLATES}'`).replace(
  'description: Quarterly access reviews were skipped in Q4.',
  'description: "%s %n $(id) `id` {{7*7}} <%= 7*7 %> #{7*7}"',
);

/** A title that clears the screen and retitles the terminal window, if printed as it is. */
const ESCAPED = nc('title: Access reviews not performed', 'title: "\\e[2J\\e]0;owned\\aAccess reviews not performed"');

const OPEN = [
  'nc', 'open', '--grade', 'minor', '--source-type', 'self-identified', '--requirement', 'A.5.18', '--area', 'it',
  '--owner', 'alice', '--description', 'Found in review.', '--raised-by', 'alice', '--raised-on', '2026-01-10',
]; // prettier-ignore

/** git without the developer's configuration or any identity, and no guessing one from the host. */
const NO_IDENTITY = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'user.useConfigOnly',
  GIT_CONFIG_VALUE_0: 'true',
};

export const CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  ...INTEGRITY_CORPUS,
  ...RECORDS_CORPUS,
  'the base register': [
    {
      name: 'is valid, so each case below differs from it by its own mistake',
      args: VALIDATE,
      code: 0,
      says: ['✔ valid'],
    },
  ],
  'malformed YAML': [
    bad('an unclosed bracket', nc('requirement:\n  - A.5.18', 'requirement: [A.5.18'), 'area: it', 'yaml/syntax'),
    bad('a tab used for indentation', nc('  type: self', '\ttype: self'), '\ttype', 'yaml/syntax'),
    bad('a second YAML document', `${NC}---\nid: NC-0002\n`, '---', 'yaml/syntax'),
    bad('a file cut off inside a key', NC.slice(0, NC.indexOf('type:') + 2), 'ty', 'schema/type'),
    bad('a duplicate key', nc('area: it\n', 'area: it\narea: hr\n'), 'area: hr', 'yaml/duplicate-key'),
    bad('a JavaScript tag', nc('title: Access', "title: !!js/function 'f() {}' Access"), '!!js', 'yaml/unknown-tag'),
    bad('a merge key, which YAML 1.2 does not have', `${NC}<<: {grade: major}\n`, '<<', 'schema/unknown-field'),
    bad('a NUL byte in a title', nc('reviews not', 'reviews\0not'), 'Access', 'text/control-character'),
    bad('only a comment', '# nothing here yet\n', `${NC_FILE}:1:1`, 'file/empty'),
  ],
  'wrong types and unknown fields': [
    bad(
      'text where a list is expected',
      nc('requirement:\n  - A.5.18', 'requirement: A.5.18'),
      'A.5.18',
      'schema/type',
    ),
    bad('a mapping where text is expected', nc('title: Access', 'title:\n  en: Access'), 'en:', 'schema/type'),
    bad(
      'text where a mapping is expected',
      nc('source:\n  type: self-identified', 'source: audit'),
      'audit',
      'schema/type',
    ),
    bad('a number where a grade is expected', nc('grade: minor', 'grade: 3'), '3', 'schema/value'),
    bad('an empty owner', nc('owner: alice', 'owner:'), `${lineOf('owner:')}:7`, 'schema/empty'),
    bad('a misspelt field', `${NC}evidnce: screenshot\n`, 'evidnce', 'schema/unknown-field'),
    bad(
      'an unknown nested field',
      nc('  type: self-identified', '  type: self-identified\n  reff: x'),
      'reff',
      'schema/unknown-field',
    ),
    bad('a list instead of a record', '- id: NC-0001\n', `${NC_FILE}:1:1`, 'file/not-mapping'),
  ],
  'impossible dates': [
    bad('30 February', nc('raised_on: 2026-01-10', 'raised_on: 2026-02-30'), '2026-02-30', 'schema/date'),
    bad(
      '29 February in a common year',
      nc('raised_on: 2026-01-10', 'raised_on: 2027-02-29'),
      '2027-02-29',
      'schema/date',
    ),
    bad('month 13, quoted', nc('raised_on: 2026-01-10', 'raised_on: "2025-13-01"'), '"2025-13-01"', 'schema/date'),
    bad('year zero', nc('raised_on: 2026-01-10', 'raised_on: 0000-00-00'), '0000-00-00', 'schema/date'),
    bad(
      'a date and time',
      nc('raised_on: 2026-01-10', 'raised_on: 2026-01-10T25:00:00Z'),
      '2026-01-10T',
      'schema/date',
    ),
    bad('a number', nc('raised_on: 2026-01-10', 'raised_on: 20260110'), '20260110', 'schema/type'),
  ],
  'path-like and option-like ids in records': [
    bad('id: ../x', nc('id: NC-0001', 'id: ../x'), '../x', 'file/id-mismatch'),
    bad('id: ../../etc/passwd', nc('id: NC-0001', 'id: ../../etc/passwd'), '../../etc', 'schema/format'),
    bad('id: -rf', nc('id: NC-0001', 'id: -rf'), '-rf', 'schema/format'),
    bad('id: --upload-pack=…', nc('id: NC-0001', "id: '--upload-pack=touch /tmp/x'"), "'--upload", 'schema/format'),
    bad('a person id that is an option', nc('owner: alice', 'owner: --exec=sh'), '--exec', 'schema/format'),
    {
      name: 'a file named -rf.yaml',
      files: { 'nonconformities/-rf.yaml': NC },
      args: VALIDATE,
      code: 1,
      says: ['nonconformities/-rf.yaml:1:1  error  file/name'],
    },
    {
      name: 'a file named --exec=x.yaml',
      files: { 'nonconformities/--exec=x.yaml': NC },
      args: VALIDATE,
      code: 1,
      says: ['--exec=x.yaml:1:1  error  file/name'],
    },
    {
      name: 'a file name with an escape sequence and a line feed',
      files: { 'nonconformities/x\u001b[2J\ny.yaml': NC },
      args: VALIDATE,
      code: 1,
      says: ['nonconformities/x\\u001b[2J\\u000ay.yaml:1:1  error  file/name'],
    },
    {
      name: 'a file name with two dots',
      files: { 'nonconformities/NC-0001..yaml': NC },
      args: VALIDATE,
      code: 1,
      says: ['NC-0001..yaml:1:1  error  file/name'],
    },
    {
      name: 'renumber a record whose id field is -rf',
      files: { [NC_FILE]: nc('id: NC-0001', 'id: -rf') },
      args: ['renumber', 'NC-0001', 'NC-0002'],
      code: 2,
      says: ['NC-0001'],
    },
  ],
  'alias bombs, huge and deep files': [
    bad('a billion-laughs alias bomb', aliasBomb(), `${NC_FILE}:1:1`, 'yaml/alias'),
    bad(
      'thousands of aliases of one anchor',
      `a: &a x\nb: [${Array<string>(20_000).fill('*a').join(', ')}]\n`,
      `${NC_FILE}:1:1`,
      'yaml/alias',
    ),
    // Refused by its size before a byte is read: the heap cap would stop a cim that read it.
    bad('a 50 MB record', sized(NC, 50 * 1024 * 1024), `${NC_FILE}:1:1`, 'file/too-large', {
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      says: [`${NC_FILE}:1:1  error  file/too-large  is 50.0 MiB; records are limited to`],
    }),
    bad('a record one byte over the limit', sized(NC, MAX_YAML_BYTES + 1), `${NC_FILE}:1:1`, 'file/too-large'),
    {
      name: 'a 50 MB cim.yaml',
      files: { 'cim.yaml': sized(CONFIG, 50 * 1024 * 1024) },
      args: VALIDATE,
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      code: 1,
      says: ['cim.yaml:1:1  error  file/too-large'],
    },
    {
      name: 'cim log of a record committed at 50 MB',
      files: { [NC_FILE]: sized(NC, 50 * 1024 * 1024) },
      args: ['log', 'NC-0001'],
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      code: 0,
      says: ['created'],
    },
    {
      name: 'validate --history over a record committed at 50 MB',
      files: { [NC_FILE]: sized(NC, 50 * 1024 * 1024) },
      args: [...VALIDATE, '--history'],
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      code: 1,
      says: [`${NC_FILE}:1:1  error  file/too-large`],
    },
    {
      name: 'show a 50 MB record',
      files: { [NC_FILE]: sized(NC, 50 * 1024 * 1024) },
      args: ['show', 'NC-0001'],
      env: { NODE_OPTIONS: '--max-old-space-size=64' },
      code: 2,
      says: ['NC-0001 cannot be read: is 50.0 MiB'],
    },
    // Each parses quickly only because duplicate keys are found in one pass (the parser's own
    // check took over a minute for 80,000 keys).
    bad(
      '20,000 keys in one mapping, under the size limit',
      `${NC}notes: {${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join(', ')}}\n`,
      '{k0',
      'schema/type',
    ),
    // Where the parser gives up depends on the stack size, so only the line is certain.
    bad(
      'nesting 200,000 brackets deep',
      `${NC}notes: ${'['.repeat(200_000)}\n`,
      `${NC_FILE}:${AFTER}:`,
      'yaml/syntax',
      { says: [`${NC_FILE}:${AFTER}:`, 'nested too deeply'] },
    ),
    bad(
      '80,000 tags, of which 50 are listed',
      `${NC}notes: ${'!a '.repeat(80_000)}x\n`,
      `${NC_FILE}:${AFTER}:11`,
      'yaml/syntax',
      { says: [`${NC_FILE}:1:1  error  file/more-problems  79950 more problems in this file`] },
    ),
  ],
  'line endings, byte-order marks and encodings': [
    {
      name: 'a valid record with CRLF line endings',
      files: { [NC_FILE]: NC.replace(/\n/g, '\r\n') },
      args: VALIDATE,
      code: 0,
      says: ['✔ valid'],
    },
    bad(
      'a CRLF record with an unknown field',
      `${NC}evidnce: x\n`.replace(/\n/g, '\r\n'),
      'evidnce',
      'schema/unknown-field',
    ),
    bad(
      'a record with old Mac CR line endings and an unknown field',
      `${NC}evidnce: x\n`.replace(/\n/g, '\r'),
      'evidnce',
      'schema/unknown-field',
    ),
    {
      name: 'a valid record starting with a BOM',
      files: { [NC_FILE]: `\ufeff${NC}` },
      args: VALIDATE,
      code: 0,
      says: ['✔ valid'],
    },
    bad('a BOM and a wrong id on line 1', `\ufeff${nc('id: NC-0001', 'id: NC-0002')}`, 'NC-0002', 'file/id-mismatch'),
    bad(
      'a Latin-1 byte',
      bytes(NC.slice(0, NC.indexOf('Quarterly')), 'Caf', [0xe9], ' reviews\n'),
      `${lineOf('description:')}:17`,
      'file/encoding',
    ),
    bad('a UTF-16 file', bytes([0xff, 0xfe], 'i\0d\0:\0'), `${NC_FILE}:1:1`, 'file/encoding'),
    bad('an overlong UTF-8 "/"', bytes('id: NC-0001\ntitle: a', [0xc0, 0xaf], '\n'), `${NC_FILE}:2:9`, 'file/encoding'),
    bad(
      'a UTF-8 encoded surrogate',
      bytes('id: NC-0001\ntitle: ', [0xed, 0xa0, 0x80], '\n'),
      `${NC_FILE}:2:8`,
      'file/encoding',
    ),
    {
      name: 'a cim.yaml that is not UTF-8',
      files: { 'cim.yaml': bytes('organisation: Caf', [0xe9], '\n') },
      args: VALIDATE,
      code: 1,
      says: ['cim.yaml:1:18  error  file/encoding'],
    },
  ],
  'template syntax and control characters in text': [
    {
      name: 'template syntax in a title validates',
      files: { [NC_FILE]: TEMPLATED },
      args: VALIDATE,
      code: 0,
      says: ['✔ valid'],
    },
    {
      name: 'cim show prints template syntax verbatim',
      files: { [NC_FILE]: TEMPLATED },
      args: ['show', 'NC-0001'],
      code: 0,
      says: [`NC-0001  ${TEMPLATES}`, '"%s %n $(id) `id` {{7*7}} <%= 7*7 %> #{7*7}"'],
    },
    {
      name: 'cim list prints template syntax verbatim',
      files: { [NC_FILE]: TEMPLATED },
      args: ['list'],
      code: 0,
      says: [TEMPLATES],
    },
    {
      name: 'cim list --json keeps template syntax exactly',
      files: { [NC_FILE]: TEMPLATED },
      args: ['list', '--json'],
      code: 0,
      says: [JSON.stringify(TEMPLATES)],
    },
    {
      name: 'cim nc open keeps template syntax verbatim in the record and the commit',
      args: [...OPEN, '--title', TEMPLATES, '--notes', '${HOME} {{.}} <%= x %>'],
      code: 0,
      says: ['NC-0002'],
      wrote: async ({ root }) => {
        const data = parse(await readFile(join(root, 'nonconformities/NC-0002.yaml'), 'utf8')) as Record<
          string,
          unknown
        >;
        if (data.title !== TEMPLATES || data.notes !== '${HOME} {{.}} <%= x %>')
          throw new Error(`rewritten: ${JSON.stringify(data)}`);
        const subject = (await git(root, 'log', '-1', '--format=%s')).trim();
        if (subject !== `nc(NC-0002): open — ${TEMPLATES}`) throw new Error(`commit subject rewritten: ${subject}`);
      },
    },
    bad('an escape sequence in a title', ESCAPED, '"\\e', 'text/control-character'),
    bad('an escape sequence in a key', `${NC}"ev\\e[2Jil": x\n`, '"ev', 'schema/unknown-field', {
      says: [/unknown field "ev\\u001b\[2Jil"/],
    }),
    {
      name: 'cim nc open refuses a title with an escape sequence',
      args: [...OPEN, '--title', 'Access \u001b[2J'],
      code: 1,
      says: ['title: holds the control character U+001B (escape)'],
    },
    {
      name: 'cim list does not pass escape sequences to the terminal',
      files: { [NC_FILE]: ESCAPED },
      args: ['list'],
      code: 0,
      says: ['NC-0001', '\\u001b[2J\\u001b]0;owned\\u0007Access'],
    },
    {
      name: 'cim show does not pass escape sequences to the terminal',
      files: { [NC_FILE]: ESCAPED },
      args: ['show', 'NC-0001'],
      code: 0,
      says: ['NC-0001  \\u001b[2J'],
    },
    {
      name: 'cim log does not pass escape sequences to the terminal',
      files: { [NC_FILE]: ESCAPED },
      args: ['log', 'NC-0001'],
      code: 0,
      says: ['\\u001b[2J'],
    },
    {
      name: 'cim status does not pass escape sequences to the terminal',
      files: { [NC_FILE]: ESCAPED },
      args: ['status', '--as-of', AS_OF],
      code: 0,
      // The record is invalid, so status leaves it out and counts the error.
      says: ['1 validation error'],
      never: ['overdue since 2026-02-09'],
    },
    {
      name: 'an argument with an escape sequence is shown, not acted on',
      args: ['show', 'NC-\u001b]0;owned\u0007'],
      code: 2,
      says: ['NC-\\u001b]0;owned\\u0007'],
    },
  ],
  'symbolic links out of the register': [
    {
      name: 'a record that links to a file outside',
      setup: link((d) => join(d.outside, 'NC-0002.yaml'), 'nonconformities/NC-0002.yaml'),
      args: VALIDATE,
      code: 1,
      says: ['nonconformities/NC-0002.yaml:1:1  error  file/symlink'],
    },
    {
      name: 'cim show of a record that links outside',
      setup: link((d) => join(d.outside, 'NC-0002.yaml'), 'nonconformities/NC-0002.yaml'),
      args: ['show', 'NC-0002'],
      code: 2,
      says: ['NC-0002 cannot be read', 'symbolic link'],
    },
    {
      name: 'a kind folder that links to a folder outside',
      setup: link((d) => d.outside, 'actions'),
      args: VALIDATE,
      code: 1,
      says: ['actions:1:1  error  file/location'],
    },
    {
      name: 'a folder inside a kind folder that links outside',
      setup: link((d) => d.outside, 'nonconformities/old'),
      args: VALIDATE,
      code: 0,
      says: ['✔ valid'],
    },
    {
      name: 'a record folder named like a record that links outside',
      setup: link((d) => d.outside, 'nonconformities/NC-0003.yaml'),
      args: VALIDATE,
      code: 1,
      says: ['nonconformities/NC-0003.yaml:1:1  error  file/symlink'],
    },
    {
      name: 'cim.yaml that links to a file outside',
      setup: async (d) => {
        await rm(join(d.root, 'cim.yaml'));
        await link((o) => join(o.outside, 'cim.yaml'), 'cim.yaml')(d);
      },
      args: VALIDATE,
      code: 1,
      says: ['cim.yaml:1:1  error  file/symlink'],
    },
    {
      name: 'a record that links to itself',
      setup: link(() => 'NC-0002.yaml', 'nonconformities/NC-0002.yaml'),
      args: VALIDATE,
      code: 1,
      says: ['nonconformities/NC-0002.yaml:1:1  error  file/symlink'],
    },
    {
      name: 'a record that links to nothing',
      setup: link(() => '/nonexistent/NC-0002.yaml', 'nonconformities/NC-0002.yaml'),
      args: VALIDATE,
      code: 1,
      says: ['nonconformities/NC-0002.yaml:1:1  error  file/symlink'],
    },
  ],
  'cim.yaml with wrong types': [
    badConfig('people: 3', CONFIG.replace(/people:\n( {2}.*\n| {4}.*\n)*/, 'people: 3\n'), '3', 'schema/type'),
    badConfig(
      'a list as the organisation',
      CONFIG.replace('organisation: Test Co', 'organisation: [Test, Co]'),
      '[Test',
      'schema/type',
    ),
    badConfig(
      'text for a number of days',
      `${CONFIG}deadlines: {major: {respond_days: "ten"}}\n`,
      '"ten"',
      'schema/type',
    ),
    badConfig(
      'an impossible start date',
      CONFIG.replace('started_on: 2025-01-01', 'started_on: 2025-02-30'),
      '2025-02-30',
      'schema/date',
    ),
    badConfig('a path as an id prefix', `${CONFIG}prefixes:\n  nc: ../../PWN\n`, '../../PWN', 'schema/format'),
    badConfig('one prefix for two kinds', `${CONFIG}prefixes:\n  ca: NC\n`, 'NC\n', 'config/duplicate-prefix'),
    badConfig('an alias bomb', aliasBomb(), 'a:', 'yaml/alias'),
    {
      name: 'a list as cim.yaml',
      files: { 'cim.yaml': '- organisation: Test Co\n' },
      args: VALIDATE,
      code: 1,
      says: ['cim.yaml:1:1  error  schema/type'],
    },
    {
      name: 'an empty cim.yaml',
      files: { 'cim.yaml': '' },
      args: VALIDATE,
      code: 1,
      says: ['cim.yaml:1:1  error  schema/missing-field'],
    },
    {
      name: 'a change while cim.yaml is invalid',
      files: { 'cim.yaml': CONFIG.replace('organisation: Test Co', 'organisation: [Test, Co]') },
      args: [...OPEN, '--title', 'x'],
      code: 2,
      says: ['cim.yaml is not valid', 'cim validate'],
    },
  ],
  'where cim runs': [
    {
      name: 'a folder that is not a register',
      setup: (d) => rm(join(d.root, 'cim.yaml')),
      args: VALIDATE,
      code: 2,
      says: ['not inside a cim register', 'cim init'],
    },
    {
      name: 'cim.yaml that is a folder',
      setup: async (d) => {
        await rm(join(d.root, 'cim.yaml'));
        await mkdir(join(d.root, 'cim.yaml'));
        await writeFile(join(d.root, 'cim.yaml', 'x'), '');
      },
      args: VALIDATE,
      code: 2,
      says: ['not inside a cim register'],
    },
    {
      name: '-C a folder that does not exist',
      args: ['-C', 'no/such/folder', ...VALIDATE],
      code: 2,
      says: ['is not a directory'],
    },
    { name: '-C a file', args: ['-C', NC_FILE, ...VALIDATE], code: 2, says: ['is not a directory'] },
    { name: 'cim log outside git', git: 'none', args: ['log'], code: 2, says: ['not a git repository'] },
    {
      name: 'a change outside git',
      git: 'none',
      args: [...OPEN, '--title', 'x'],
      code: 2,
      says: ['not in a git repository', 'git init'],
    },
    {
      name: 'cim log in a repository with no commits',
      git: 'unborn',
      args: ['log'],
      code: 0,
      says: ['No changes found.'],
    },
    {
      name: 'validate --history with no commits',
      git: 'unborn',
      args: [...VALIDATE, '--history'],
      code: 0,
      says: ['✔ valid'],
    },
    {
      name: 'validate --base with no commits',
      git: 'unborn',
      args: [...VALIDATE, '--base', 'main'],
      code: 2,
      says: ['no common history with main'],
    },
    {
      name: 'a change with no git identity',
      env: NO_IDENTITY,
      args: [...OPEN, '--title', 'x'],
      code: 2,
      says: ['no identity', 'git config'],
    },
    {
      name: 'an edit with no git identity',
      env: NO_IDENTITY,
      args: ['edit', 'NC-0001', '--set', 'title=x'],
      code: 2,
      says: ['no identity'],
    },
    {
      name: 'an edit on a detached HEAD',
      git: 'detached',
      args: ['edit', 'NC-0001', '--set', 'title=x'],
      code: 2,
      says: ['HEAD is detached', 'git switch'],
    },
  ],
  'arguments that look like options': [
    {
      name: 'cim log -- --output=<file>',
      args: ['log', '--', '--output={outside}/owned'],
      code: 2,
      says: ['is not a record id'],
    },
    {
      name: 'cim log --output=<file>',
      args: ['log', '--output={outside}/owned'],
      code: 2,
      says: ["unknown option '--output"],
    },
    {
      name: 'cim show --exec=<command>',
      args: ['show', '--exec=touch {outside}/owned'],
      code: 2,
      says: ["unknown option '--exec"],
    },
    {
      name: 'cim show -- --exec=<command>',
      args: ['show', '--', '--exec=touch'],
      code: 2,
      says: ['is not a record id'],
    },
    { name: 'cim renumber NC-0001 -x', args: ['renumber', 'NC-0001', '-x'], code: 2, says: ["unknown option '-x'"] },
    {
      name: 'cim renumber -- NC-0001 -x',
      args: ['renumber', '--', 'NC-0001', '-x'],
      code: 2,
      says: ['-x is not a record id'],
    },
    {
      name: 'cim renumber -- -rf NC-0002',
      args: ['renumber', '--', '-rf', 'NC-0002'],
      code: 2,
      says: ['no record -RF'],
    },
    {
      name: 'cim edit -- -rf --set',
      args: ['edit', '--', '-rf', '--set', 'title=x'],
      code: 2,
      says: ['too many arguments'],
    },
    {
      name: 'cim nc analyse -- --exec=<command>',
      args: ['nc', 'analyse', '--', '--exec=touch'],
      code: 2,
      says: ["unknown option '--exec"],
    },
    { name: 'cim log --since=--all', args: ['log', '--since=--all'], code: 2, says: ['--since --all is not a date'] },
    { name: 'cim log --kind=--all', args: ['log', '--kind=--all'], code: 2, says: ['unknown kind "--all"'] },
    {
      name: 'cim -C --upload-pack=<command>',
      args: ['-C', '--upload-pack=touch {outside}/owned', 'validate'],
      code: 2,
      says: ['is not a directory'],
    },
    {
      name: 'validate --base --upload-pack=<command>',
      args: [...VALIDATE, '--base', '--upload-pack=touch {outside}/owned'],
      code: 2,
      says: ['no common history with --upload-pack'],
    },
    {
      name: 'validate --base=--output=<file>',
      args: [...VALIDATE, '--base=--output={outside}/owned'],
      code: 2,
      says: ['no common history with --output'],
    },
    {
      name: 'validate --base=--independent',
      args: [...VALIDATE, '--base=--independent'],
      code: 2,
      says: ['no common history with --independent'],
    },
  ],
  'path-like ids in arguments': [
    { name: 'cim edit ../../x', args: ['edit', '../../x', '--set', 'title=x'], code: 2, says: ['no record ../../X'] },
    {
      name: 'cim renumber NC-0001 ../NC-0002',
      args: ['renumber', 'NC-0001', '../NC-0002'],
      code: 2,
      says: ['../NC-0002 is not a record id'],
    },
    {
      name: 'cim renumber NC-0001 NC-0002/..',
      args: ['renumber', 'NC-0001', 'NC-0002/..'],
      code: 2,
      says: ['NC-0002/.. is not a record id'],
    },
    { name: 'cim nc analyse ../x', args: ['nc', 'analyse', '../x'], code: 2, says: ['no record ../X'] },
    { name: 'cim log ../../etc/passwd', args: ['log', '../../etc/passwd'], code: 2, says: ['is not a record id'] },
    { name: 'cim log NC-0001/../x', args: ['log', 'NC-0001/../x'], code: 2, says: ['is not a record id'] },
  ],
  history: [
    {
      name: 'validate --history after one commit broke a record and the next mended it',
      commits: [{ [NC_FILE]: `${NC}notes: [\n` }, { [NC_FILE]: NC }],
      args: [...VALIDATE, '--history'],
      code: 0,
      says: ['✔ valid'],
    },
    {
      name: 'validate --base over the same two commits',
      commits: [{ [NC_FILE]: `${NC}notes: [\n` }, { [NC_FILE]: NC }],
      args: [...VALIDATE, '--base', 'HEAD~2'],
      code: 0,
      says: ['✔ valid'],
    },
    {
      name: 'cim log over a commit that broke the record',
      commits: [{ [NC_FILE]: `${NC}notes: [\n` }],
      args: ['log', 'NC-0001'],
      code: 0,
      says: ['created'],
      never: ['status changed by hand', '- title:'],
    },
  ],
  ...HISTORY,
  'records cim must not overwrite': [
    {
      name: 'cim nc open --no-commit beside a hand-written record that does not parse',
      files: { 'nonconformities/NC-0002.yaml': 'id: NC-0002\ntitle: [typo\n' },
      git: 'none',
      args: [...OPEN, '--title', 'x', '--no-commit'],
      code: 0,
      says: ['NC-0003'],
      wrote: unchanged('nonconformities/NC-0002.yaml', 'id: NC-0002\ntitle: [typo\n'),
    },
  ],
  ...DEFECTS,
  ...AUDITS_CORPUS,
  ...NC_CORPUS,
  ...REVIEW_CORPUS,
  ...YAML_CORPUS,
  ...textCases(),
  ...outputCases(),
  ...documentCases(),
  ...MINUTES_CORPUS,
  ...EVIDENCE_CORPUS,
  ...packCases(),
  ...PRINT_CORPUS,
  ...REMIND_CORPUS,
  ...reportCases(),
  ...IMPORT_CORPUS,
};
