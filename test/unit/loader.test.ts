// The loader and the syntax layer on broken input: every mistake a person (or an attacker) can
// make in a register's files becomes one diagnostic at the right file:line:column, with a hint,
// and nothing throws. Each case writes a real register to a temporary folder and runs the real
// loader and validation pipeline.
import { execFile } from 'node:child_process';
import { symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/domain/diagnostics.js';
import { validate } from '../../src/domain/validate/index.js';
import { ExitCode, UserError } from '../../src/errors.js';
import { findRoot, loadRegister } from '../../src/io/register.js';
import { stringify } from 'yaml';
import { BASE_CONFIG, check, tempRegister, writeTree } from '../helpers/register.js';

const NC_FILE = 'nonconformities/NC-0001.yaml';

/** A valid nonconformity, written out so that every line and column is known. */
const NC = `# yaml-language-server: $schema=../schemas/nc.schema.json
id: NC-0001
title: Access reviews not performed
status: open
owner: alice
created: 2026-01-10
grade: minor
source:
  type: self-identified
requirement:
  - A.5.18
area: it
raised_by: alice
raised_on: 2026-01-10
description: Quarterly access reviews were skipped in Q4.
`;

const CA = `id: CA-0001
title: Automate access review reminders
status: planned
owner: alice
created: 2026-01-10
nc: NC-0001
action: Schedule reminders in the ticketing system.
addresses: Nothing reminded anyone that the quarterly review was due
due: 2026-12-31
`;

const OFI = `id: OFI-0001
title: Single sign-on for HR tools
status: proposed
owner: alice
created: 2026-01-10
source:
  type: self-identified
description: Move HR tools behind single sign-on.
benefit: Fewer passwords to manage.
`;

/** The text with one edit; fails loudly when the text to replace is not there. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${JSON.stringify(from)}`);
  return text.replace(from, to);
}

/** Where `needle` first occurs in `text`, 1-based, as an editor shows it (a BOM is invisible). */
function where(text: string, needle: string, nth = 1): { line: number; column: number } {
  const visible = text.replace(/^\ufeff/, '');
  let index = -1;
  for (let i = 0; i < nth; i++) index = visible.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  const before = visible.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

const errorsOf = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.severity === 'error');

interface Expected {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly column?: number;
  /** Something the hint must say, beyond being present. */
  readonly hint?: RegExp;
}

/** Runs validation on a register of these files and expects exactly one error, as described. */
async function expectOneError(files: Record<string, unknown>, expected: Expected): Promise<Diagnostic> {
  const result = await check(files);
  const errors = errorsOf(result.diagnostics);
  expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toHaveLength(1);
  const [d] = errors;
  const { hint, ...place } = expected;
  expect(d).toMatchObject({ severity: 'error', ...place });
  expect(d!.message.trim()).not.toBe('');
  expect(d!.hint.trim()).not.toBe('');
  if (hint) expect(d!.hint).toMatch(hint);
  return d!;
}

interface Case extends Expected {
  readonly name: string;
  readonly files: Record<string, unknown>;
}

/** A case where NC-0001 is written as `text` and the problem is at `needle` in it. */
function ncCase(name: string, text: string, rule: string, needle: string, hint?: RegExp): Case {
  return { name, files: { [NC_FILE]: text }, rule, file: NC_FILE, ...where(text, needle), ...(hint ? { hint } : {}) };
}

describe('the fixture', () => {
  it('is a valid record, so every other case differs from it by one mistake', async () => {
    expect(
      errorsOf(
        (await check({ [NC_FILE]: NC, 'actions/CA-0001.yaml': CA, 'improvements/OFI-0001.yaml': OFI })).diagnostics,
      ),
    ).toEqual([]);
  });
});

describe('malformed YAML', () => {
  const unclosed = edit(NC, 'requirement:\n  - A.5.18', 'requirement: [A.5.18');
  const badIndent = edit(NC, '  type: self-identified', '  type: self-identified\n ref: AUD-0001');
  const tab = edit(NC, '  type: self-identified', '\ttype: self-identified');
  const twoDocs = `${NC}---\nid: NC-0002\n`;

  it.each([
    // The parser notices the missing "]" where the next key starts; the hint must name the bracket.
    ncCase('an unclosed bracket', unclosed, 'yaml/syntax', 'area: it', /\]|bracket/),
    ncCase('a key indented one space too little', badIndent, 'yaml/syntax', ' ref: AUD-0001', /indent/),
    ncCase('a key indented too far', edit(NC, 'area: it', '  area: it'), 'yaml/syntax', '  area: it', /indent/),
    ncCase('tab indentation', tab, 'yaml/syntax', '\ttype', /tab/i),
    ncCase('two YAML documents in one file', twoDocs, 'yaml/syntax', '---', /one record per file|document/),
  ])('$name → $rule at $line:$column', async ({ name: _, files, ...expected }) => {
    await expectOneError(files, expected);
  });
});

describe('keys', () => {
  it('a misspelt key is unknown, with a "did you mean" hint', async () => {
    const text = `${NC}evidnce: Screenshot of the review tool\n`;
    const d = await expectOneError(
      { [NC_FILE]: text },
      { rule: 'schema/unknown-field', file: NC_FILE, ...where(text, 'evidnce:'), hint: /did you mean "evidence"/ },
    );
    expect(d.message).toContain('evidnce');
  });

  it('an unknown key nested inside an object is placed at that key', async () => {
    const text = edit(NC, '  type: self-identified', '  type: self-identified\n  reff: AUD-0001');
    const d = await expectOneError(
      { [NC_FILE]: text },
      { rule: 'schema/unknown-field', file: NC_FILE, ...where(text, 'reff:'), hint: /did you mean "ref"/ },
    );
    expect(d.message).toMatch(/reff.*source/);
  });

  it('an unknown key unlike any field lists the fields allowed', async () => {
    const text = `${NC}colour: blue\n`;
    await expectOneError(
      { [NC_FILE]: text },
      { rule: 'schema/unknown-field', file: NC_FILE, ...where(text, 'colour:'), hint: /description/ },
    );
  });

  it('a duplicate key is reported at the second occurrence', async () => {
    const text = edit(NC, 'area: it\n', 'area: it\narea: hr\n');
    await expectOneError(
      { [NC_FILE]: text },
      { rule: 'yaml/duplicate-key', file: NC_FILE, ...where(text, 'area: hr') },
    );
  });

  it('a missing required field is reported with a hint naming the field', async () => {
    const text = edit(NC, 'area: it\n', '');
    const d = await expectOneError(
      { [NC_FILE]: text },
      { rule: 'schema/missing-field', file: NC_FILE, ...where(text, 'id:'), hint: /"area"/ },
    );
    expect(d.message).toContain('area');
  });
});

describe('wrong types', () => {
  it.each([
    ncCase(
      'text where a list is expected',
      edit(NC, 'requirement:\n  - A.5.18', 'requirement: A.5.18'),
      'schema/type',
      'A.5.18',
    ),
    ncCase('a number where true/false is expected', `${NC}action_required: 42\n`, 'schema/type', '42'),
    ncCase(
      'a mapping where text is expected',
      edit(NC, 'title: Access reviews not performed', 'title:\n  en: Access reviews not performed'),
      'schema/type',
      'en:',
    ),
  ])('$name → $rule at $line:$column', async ({ name: _, files, ...expected }) => {
    const d = await expectOneError(files, expected);
    expect(d.message).toMatch(/must be (a list|true or false|text)/);
  });
});

describe('dates', () => {
  it.each(['2026-02-30', '2025-13-01', '2026-2-3', '"2026-02-30"'])(
    'raised_on: %s is not a real date',
    async (value) => {
      const text = edit(NC, 'raised_on: 2026-01-10', `raised_on: ${value}`);
      await expectOneError(
        { [NC_FILE]: text },
        { rule: 'schema/date', file: NC_FILE, ...where(text, value), hint: /YYYY-MM-DD/ },
      );
    },
  );
});

describe('file names and places', () => {
  it('an id that differs from the file name is reported at the id', async () => {
    const text = edit(NC, 'id: NC-0001', 'id: NC-0002');
    await expectOneError(
      { [NC_FILE]: text },
      { rule: 'file/id-mismatch', file: NC_FILE, ...where(text, 'NC-0002'), hint: /NC-0001/ },
    );
  });

  it.each([
    {
      name: 'a record in the wrong folder',
      file: 'actions/NC-0001.yaml',
      rule: 'file/wrong-folder',
      hint: /nonconformities\/NC-0001\.yaml/,
    },
    {
      name: 'a file not named after an id',
      file: 'nonconformities/access-review.yaml',
      rule: 'file/name',
      hint: /NC-NNNN\.yaml/,
    },
    { name: 'a .yml extension', file: 'nonconformities/NC-0001.yml', rule: 'file/extension', hint: /NC-0001\.yaml/ },
    {
      name: 'a record in a sub-folder',
      file: 'nonconformities/2026/NC-0001.yaml',
      rule: 'file/location',
      hint: /nonconformities\/NC-0001\.yaml/,
    },
  ])('$name → $rule', async ({ file, rule, hint }) => {
    await expectOneError({ [file]: NC }, { rule, file, line: 1, column: 1, hint });
  });
});

describe('references', () => {
  it('a reference to a record that does not exist is dangling', async () => {
    const text = edit(CA, 'nc: NC-0001', 'nc: NC-0099');
    await expectOneError(
      { [NC_FILE]: NC, 'actions/CA-0001.yaml': text },
      { rule: 'ref/dangling', file: 'actions/CA-0001.yaml', ...where(text, 'NC-0099') },
    );
  });

  it('a reference to a record that cannot be read is not dangling: the record reports its own error', async () => {
    const broken = `${NC}notes: &n [*n]\n`;
    await expectOneError(
      { [NC_FILE]: broken, 'actions/CA-0001.yaml': CA },
      { rule: 'yaml/alias', file: NC_FILE, ...where(broken, '*n') },
    );
  });

  it('a reference to a record of the wrong kind is reported', async () => {
    const text = edit(CA, 'nc: NC-0001', 'nc: OFI-0001');
    const d = await expectOneError(
      { 'actions/CA-0001.yaml': text, 'improvements/OFI-0001.yaml': OFI },
      { rule: 'ref/wrong-kind', file: 'actions/CA-0001.yaml', ...where(text, 'OFI-0001') },
    );
    expect(d.message).toMatch(/nonconformity/);
  });
});

describe('path-like ids and file names', () => {
  /** A register inside a folder whose neighbours are broken YAML: reading any of them would show. */
  async function fenced(files: Record<string, unknown>): Promise<string> {
    const trap = 'id: [this file is outside the register\n';
    const outer = await writeTree({
      x: trap,
      'x.yaml': trap,
      'nonconformities/x.yaml': trap,
      'register/x.yaml': trap,
      'register/cim.yaml': stringify(BASE_CONFIG),
      ...Object.fromEntries(Object.entries(files).map(([f, c]) => [`register/${f}`, c])),
    });
    return join(outer, 'register');
  }

  it('id: ../x is an error at the id, and nothing outside the register is read', async () => {
    const text = edit(NC, 'id: NC-0001', 'id: ../x');
    const root = await fenced({ [NC_FILE]: text });
    const result = validate(await loadRegister(root, process.env), { asOf: '2026-06-30' });
    const errors = errorsOf(result.diagnostics);
    expect(errors.map((d) => d.rule).sort()).toEqual(['file/id-mismatch', 'schema/format']);
    for (const d of errors) {
      expect(d).toMatchObject({ file: NC_FILE, ...where(text, '../x') });
      expect(d.hint.trim()).not.toBe('');
    }
    expect(result.diagnostics.every((d) => !d.file.includes('..') && !d.file.startsWith('/'))).toBe(true);
  });

  it.each(['nonconformities/..yaml', 'nonconformities/NC-0001..yaml'])(
    'a file named %s is an error, and nothing outside is read',
    async (file) => {
      const root = await fenced({ [file]: NC });
      const result = validate(await loadRegister(root, process.env), { asOf: '2026-06-30' });
      const errors = errorsOf(result.diagnostics);
      expect(errors.map((d) => `${d.file} ${d.rule}`)).toEqual([`${file} file/name`]);
      expect(errors[0]!.hint.trim()).not.toBe('');
      expect(
        result.diagnostics.every(
          (d) => !d.file.includes('/../') && !d.file.startsWith('..') && !d.file.startsWith('/'),
        ),
      ).toBe(true);
    },
  );
});

describe('hostile files', () => {
  it('a YAML alias bomb is refused, and validation finishes', async () => {
    // Billion laughs: ten levels of nine aliases each would expand to 9^9 strings.
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++) {
      const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      levels.push(`${name}: &${name} [${Array<string>(9).fill(`*${prev}`).join(', ')}]`);
    }
    await expectOneError(
      { [NC_FILE]: `${levels.join('\n')}\n` },
      { rule: 'yaml/alias', file: NC_FILE, line: 1, column: 1 },
    );
  });

  it('a file over the size limit is refused without being parsed', async () => {
    const text = `${NC}# ${'x'.repeat(1024 * 1024)}\n`;
    await expectOneError({ [NC_FILE]: text }, { rule: 'file/too-large', file: NC_FILE, line: 1, column: 1 });
  });

  it('a symbolic link is refused and its target is not read', async () => {
    const outside = await writeTree({ 'target.yaml': 'id: [broken, so reading it would be reported\n' });
    const root = await tempRegister({ 'nonconformities/.gitkeep': '' });
    await symlink(join(outside, 'target.yaml'), join(root, NC_FILE));
    const errors = errorsOf(validate(await loadRegister(root, process.env), { asOf: '2026-06-30' }).diagnostics);
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([`${NC_FILE}:1:1 file/symlink`]);
    expect(errors[0]!.hint.trim()).not.toBe('');
  });

  it('a kind folder that is a symbolic link is not followed', async () => {
    const outside = await writeTree({ 'NC-0001.yaml': 'id: [broken, so reading it would be reported\n' });
    const root = await tempRegister();
    await symlink(outside, join(root, 'nonconformities'));
    const errors = errorsOf(validate(await loadRegister(root, process.env), { asOf: '2026-06-30' }).diagnostics);
    expect(errors.map((d) => `${d.file} ${d.rule}`)).toEqual(['nonconformities file/location']);
  });

  it('a named pipe in a kind folder is refused without blocking on it', async () => {
    const root = await tempRegister({ 'nonconformities/.gitkeep': '' });
    await promisify(execFile)('mkfifo', [join(root, NC_FILE)]);
    const errors = errorsOf(validate(await loadRegister(root, process.env), { asOf: '2026-06-30' }).diagnostics);
    expect(errors.map((d) => `${d.file} ${d.rule}`)).toEqual([`${NC_FILE} file/symlink`]);
  });

  it('an unknown tag is reported at the tag', async () => {
    const text = edit(NC, 'title: Access reviews not performed', "title: !!js/function 'function () { return 1 }'");
    await expectOneError(
      { [NC_FILE]: text },
      { rule: 'yaml/unknown-tag', file: NC_FILE, ...where(text, '!!js/function'), hint: /tag/ },
    );
  });
});

describe('files that hold no record', () => {
  it.each([
    { name: 'an empty file', text: '', rule: 'file/empty', line: 1 },
    { name: 'a file of comments only', text: '# to do\n# fill in later\n', rule: 'file/empty', line: 1 },
    {
      name: 'a list',
      text: '# a list, not a record\n- id: NC-0001\n- id: NC-0002\n',
      rule: 'file/not-mapping',
      line: 2,
    },
    {
      name: 'a scalar',
      text: '# a sentence, not a record\nAccess reviews were not performed\n',
      rule: 'file/not-mapping',
      line: 2,
    },
  ])('$name → $rule', async ({ text, rule, line }) => {
    await expectOneError({ [NC_FILE]: text }, { rule, file: NC_FILE, line, column: 1 });
  });
});

describe('line endings, byte-order marks and encodings', () => {
  const crlf = (text: string) => text.replace(/\n/g, '\r\n');
  const BOM = '\ufeff';

  it('a valid record with CRLF line endings is valid', async () => {
    expect(errorsOf((await check({ [NC_FILE]: crlf(NC) })).diagnostics)).toEqual([]);
  });

  it.each([
    { name: 'an unknown key', text: crlf(`${NC}evidnce: x\n`), rule: 'schema/unknown-field', needle: 'evidnce' },
    {
      name: 'an impossible date',
      text: crlf(edit(NC, '2026-01-10\ndescription', '2026-02-30\ndescription')),
      rule: 'schema/date',
      needle: '2026-02-30',
    },
    {
      name: 'a duplicate key',
      text: crlf(edit(NC, 'area: it\n', 'area: it\narea: hr\n')),
      rule: 'yaml/duplicate-key',
      needle: 'area: hr',
    },
  ])('a CRLF record with $name reports the right line and column', async ({ text, rule, needle }) => {
    await expectOneError({ [NC_FILE]: text }, { rule, file: NC_FILE, ...where(text, needle) });
  });

  it('a valid record starting with a UTF-8 BOM is valid', async () => {
    expect(errorsOf((await check({ [NC_FILE]: BOM + NC })).diagnostics)).toEqual([]);
  });

  it('an error on the first line after a BOM has the column an editor shows', async () => {
    const text =
      BOM + edit(NC, '# yaml-language-server: $schema=../schemas/nc.schema.json\nid: NC-0001', 'id: NC-0002');
    await expectOneError({ [NC_FILE]: text }, { rule: 'file/id-mismatch', file: NC_FILE, line: 1, column: 5 });
  });

  it('an error further down a file with a BOM is on the right line', async () => {
    const text = BOM + edit(NC, '2026-01-10\ndescription', '2026-02-30\ndescription');
    await expectOneError({ [NC_FILE]: text }, { rule: 'schema/date', file: NC_FILE, ...where(text, '2026-02-30') });
  });

  it('a byte that is not UTF-8 is reported where it is', async () => {
    const [head, tail] = ['description: Quarterly ', ' reviews were skipped.\n'];
    const text = edit(NC, 'description: Quarterly access reviews were skipped in Q4.\n', head);
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xff]), Buffer.from(tail)]);
    await expectOneError(
      { [NC_FILE]: bytes },
      { rule: 'file/encoding', file: NC_FILE, line: where(text, head).line, column: head.length + 1, hint: /UTF-8/ },
    );
  });

  it('the column of a bad byte counts characters, not bytes', async () => {
    // "é" is two bytes in UTF-8 but one column in an editor, as in every other diagnostic.
    const head = 'description: Café ';
    const text = edit(NC, 'description: Quarterly access reviews were skipped in Q4.\n', head);
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0xe9]), Buffer.from(' reviews\n')]);
    await expectOneError(
      { [NC_FILE]: bytes },
      { rule: 'file/encoding', file: NC_FILE, line: where(text, head).line, column: head.length + 1 },
    );
  });
});

describe('cim.yaml', () => {
  const CONFIG = `organisation: Test Co
started_on: 2025-01-01
policy:
  owner: alice
  approver: alice
  version: "1.0"
  reviewed_on: 2026-01-15
people:
  - id: alice
    name: Alice Example
`;

  it('the fixture config is valid', async () => {
    expect(errorsOf((await check({ 'cim.yaml': CONFIG })).diagnostics)).toEqual([]);
  });

  it('wrong types in cim.yaml are reported in cim.yaml, each where it is written', async () => {
    const text = `${edit(CONFIG, 'people:\n  - id: alice\n    name: Alice Example\n', 'people: 3\n')}deadlines: {major: {respond_days: "x"}}\n`;
    const errors = errorsOf((await check({ 'cim.yaml': text })).diagnostics);
    const people = where(text, 'people: 3');
    expect(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      `cim.yaml:${people.line}:${people.column + 'people: '.length} schema/type`,
      `cim.yaml:${where(text, '"x"').line}:${where(text, '"x"').column} schema/type`,
    ]);
    expect(errors[0]!.message).toMatch(/people/);
    expect(errors[1]!.message).toMatch(/respond_days/);
    for (const d of errors) expect(d.hint.trim()).not.toBe('');
  });

  it('accepts any address a git identity may have, and rejects what is no address', async () => {
    const withEmail = (email: string) =>
      edit(CONFIG, 'name: Alice Example\n', `name: Alice Example\n    email: ${email}\n`);
    for (const email of ['alice@example.com', 'ops@localhost', 'a@b.x'])
      expect(errorsOf((await check({ 'cim.yaml': withEmail(email) })).diagnostics)).toEqual([]);
    const errors = errorsOf((await check({ 'cim.yaml': withEmail('alice.example.com') })).diagnostics);
    expect(errors.map((d) => `${d.rule} ${d.message}`)).toEqual([
      'schema/format people[0].email "alice.example.com" is not an email address',
    ]);
  });

  it('a syntax error in cim.yaml is reported in cim.yaml', async () => {
    const text = edit(CONFIG, 'organisation: Test Co', 'organisation: [Test Co');
    const errors = errorsOf((await check({ 'cim.yaml': text, [NC_FILE]: NC })).diagnostics);
    expect(errors.map((d) => `${d.file} ${d.rule}`)).toContain('cim.yaml yaml/syntax');
  });
});

describe('findRoot', () => {
  it('walks up from a nested folder to the folder holding cim.yaml', async () => {
    const root = await tempRegister({ 'nonconformities/2026/notes/.keep': '' });
    expect(await findRoot(join(root, 'nonconformities', '2026', 'notes'))).toBe(root);
    expect(await findRoot(root)).toBe(root);
  });

  it('outside any register it throws a usage error whose hint names cim init', async () => {
    const outside = await writeTree({ 'deep/.keep': '' });
    const error: unknown = await findRoot(join(outside, 'deep')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.Usage);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).hint).toMatch(/cim init/);
  });

  it('a folder that does not exist is a usage error, not a crash', async () => {
    const error: unknown = await findRoot(join(tmpdir(), 'cim-no-such-folder', 'x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.Usage);
  });
});
