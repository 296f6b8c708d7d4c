// End to end: the built bin/cim run as a child process, the way a person or a CI job runs it,
// checking exit code, stdout, stderr and what ends up on disk and in git. Run `npm run build`
// first (`npm test` does).
import { execFile } from 'node:child_process';
import { appendFile, cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO, runCli, testEnv, type CliResult } from '../helpers/cli.js';
import { gitRepo } from '../helpers/git.js';
import { BASE_CONFIG, tempRegister, writeTree } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const exec = promisify(execFile);
const ACME = join(REPO, 'examples', 'acme');
const NC_FILE = 'nonconformities/NC-0001.yaml';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[/;
const STACK = /^\s+at /m;

/** A small register that is valid with --strict as of 2026-06-30: an NC and its CA, a closed NC,
 * a held management review and an internal audit reported since, covering what half of the
 * register's first cycle asks. */
function records(): Record<string, unknown> {
  return r.files(
    r.nc({
      status: 'corrected',
      correction: { action: 'Ran the overdue review.', consequences: 'No leaver kept access.', date: '2026-01-20' },
    }),
    r.ca(),
    r.audit({
      status: 'reported',
      criteria: ['4', '5', '6', '7', '8', 'A.5', 'A.6', 'A.7.1'],
      planned: '2026-04',
      conducted: { from: '2026-04-06', to: '2026-04-10' },
      report: { date: '2026-04-17', conclusion: 'Effective, with no findings.', findings: [] },
    }),
    r.heldMrt({ items: ['NC-0002'] }),
    r.nc(
      {
        title: 'Visitor log not kept',
        status: 'closed',
        correction: { action: 'Restarted the log.', consequences: 'None found.', date: '2026-01-12' },
        analysis: {
          method: '5-whys',
          root_cause: 'The log book ran out.',
          similar: { exist: false, could_occur: false },
        },
        action_required: false,
        action_justification: 'A one-off; spare log books are now kept.',
        action_waiver: { approved_by: 'carol', accepted_in: 'MRT-0001' },
        reviewed_in: 'MRT-0001',
        closed_by: 'carol',
        closed_on: '2026-03-02',
      },
      'NC-0002',
    ),
  );
}

const register = () => tempRegister(records());

/** Adds a misspelt key at the end of NC-0001 and returns the line it is on. */
async function breakRecord(root: string, file = NC_FILE): Promise<number> {
  const path = join(root, file);
  const text = await readFile(path, 'utf8');
  await writeFile(path, `${text.endsWith('\n') ? text : `${text}\n`}evidnce: screenshot of the review\n`);
  return (await readFile(path, 'utf8')).split('\n').length - 1;
}

/** What every run must honour, whatever its outcome: no stack trace, no colour in a pipe. */
function expectClean(result: CliResult): void {
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stdout).not.toMatch(STACK);
  expect(result.stderr).not.toContain('internal error');
}

const git = async (dir: string, ...args: string[]) =>
  (await exec('git', args, { cwd: dir, env: await testEnv() })).stdout;

describe('cim validate', () => {
  it('a valid register: exit 0 and "✔ valid" on stdout', async () => {
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ valid');
    expect(result.stdout).toContain('5 records');
  });

  it('without --as-of it judges as of today and still succeeds', async () => {
    const result = await runCli(['validate'], { cwd: await register() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ valid');
  });

  it('--strict --as-of 2026-06-30: exit 0', async () => {
    const result = await runCli(['validate', '--strict', '--as-of', '2026-06-30'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/✔ valid \(5 records, as of 2026-06-30, strict\)/);
  });

  it('--strict turns a policy-compliance warning into a failure', async () => {
    const root = await tempRegister(r.files(r.nc()));
    const lenient = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: root });
    const strict = await runCli(['validate', '--strict', '--as-of', '2026-06-30'], { cwd: root });
    expect(lenient.code).toBe(0);
    expect(lenient.stdout).toMatch(/warning\s+policy\/nc-response-overdue/);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/error\s+policy\/nc-response-overdue/);
  });

  it('a broken record: exit 1, file:line:col, the rule id and a hint; no stack trace', async () => {
    const root = await register();
    const line = await breakRecord(root);
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: root });
    expectClean(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${NC_FILE}:${line}:1`);
    expect(result.stdout).toContain('schema/unknown-field');
    expect(result.stdout).toMatch(/hint: did you mean "evidence"/);
    expect(result.stdout).toMatch(/✖ 1 error/);
  });

  it('paths are shown relative to where cim was started', async () => {
    const root = await register();
    const line = await breakRecord(root);
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: join(root, 'nonconformities') });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`NC-0001.yaml:${line}:1`);
    expect(result.stdout).not.toContain(`nonconformities/NC-0001.yaml`);
  });

  it('--format json is the documented contract', async () => {
    const root = await register();
    const valid = JSON.parse(
      (await runCli(['validate', '--format', 'json', '--as-of', '2026-06-30'], { cwd: root })).stdout,
    ) as Record<string, unknown>;
    expect(valid).toMatchObject({
      version: 1,
      valid: true,
      summary: { records: 5, errors: 0, warnings: 0 },
      diagnostics: [],
    });

    const line = await breakRecord(root);
    const result = await runCli(['validate', '--format', 'json', '--as-of', '2026-06-30'], { cwd: root });
    expectClean(result);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      version: number;
      valid: boolean;
      summary: Record<string, number>;
      diagnostics: Record<string, unknown>[];
    };
    expect(report).toMatchObject({ version: 1, valid: false, summary: { records: 5, errors: 1, warnings: 0 } });
    expect(report.diagnostics).toHaveLength(1);
    expect(Object.keys(report.diagnostics[0]!).sort()).toEqual([
      'column',
      'file',
      'hint',
      'line',
      'message',
      'rule',
      'severity',
    ]);
    expect(report.diagnostics[0]).toMatchObject({
      severity: 'error',
      rule: 'schema/unknown-field',
      file: NC_FILE,
      line,
      column: 1,
    });
    expect(report.diagnostics[0]!.hint).toMatch(/evidence/);
  });

  it('--json on validate prints the same JSON report', async () => {
    const result = await runCli(['--json', 'validate', '--as-of', '2026-06-30'], { cwd: await register() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ version: 1, valid: true });
  });

  it('--format github prints workflow annotations with the path from the repository root', async () => {
    const repo = await gitRepo({
      'README.md': '# ISMS\n',
      ...Object.fromEntries(
        Object.entries({ 'cim.yaml': BASE_CONFIG, ...records() }).map(([f, d]) => [`isms/${f}`, d]),
      ),
    });
    const line = await breakRecord(join(repo, 'isms'));
    const result = await runCli(['validate', '--format', 'github', '--as-of', '2026-06-30'], {
      cwd: join(repo, 'isms'),
    });
    expectClean(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(`^::error file=isms/${NC_FILE},line=${line},col=1,title=cim schema/unknown-field::.+`, 'm'),
    );
    // The full list is printed too, for people reading the log.
    expect(result.stdout).toContain(`${NC_FILE}:${line}:1`);
  });

  it('GITHUB_ACTIONS=true chooses the github format by itself', async () => {
    const root = await register();
    const line = await breakRecord(root);
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: root, env: { GITHUB_ACTIONS: 'true' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^::error file=${NC_FILE},line=${line},col=1,`, 'm'));
    const plain = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: root });
    expect(plain.stdout).not.toContain('::error');
  });

  it('--format gitlab prints a code-quality report', async () => {
    const root = await register();
    const line = await breakRecord(root);
    const result = await runCli(['validate', '--format', 'gitlab', '--as-of', '2026-06-30'], { cwd: root });
    expectClean(result);
    expect(result.code).toBe(1);
    const issues = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(Array.isArray(issues)).toBe(true);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      check_name: 'schema/unknown-field',
      severity: 'major',
      location: { path: NC_FILE, lines: { begin: line } },
    });
    expect(issues[0]!.fingerprint).toMatch(/^[0-9a-f]{16,}$/);
    expect(typeof issues[0]!.description).toBe('string');
  });

  it('a register of hostile files: exit 1, every file reported, no stack trace', async () => {
    const bomb = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array<string>(9)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const root = await register();
    const hostile: Record<string, string | Buffer> = {
      'nonconformities/NC-0003.yaml': `${bomb.join('\n')}\n`,
      'nonconformities/NC-0004.yaml': Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
      'nonconformities/NC-0005.yaml': `# ${'x'.repeat(2 * 1024 * 1024)}\n`,
      'nonconformities/NC-0006.yaml': "id: NC-0006\ntitle: !!js/function 'function () {}'\n",
      'nonconformities/NC-0007.yaml': '',
      'actions/CA-0002.yaml': 'id: ../../etc/passwd\n',
    };
    for (const [file, content] of Object.entries(hostile)) await writeFile(join(root, file), content);
    const result = await runCli(['validate', '--format', 'json', '--as-of', '2026-06-30'], { cwd: root });
    expectClean(result);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: { file: string; rule: string }[] };
    const rulesOf = (file: string) => report.diagnostics.filter((d) => d.file === file).map((d) => d.rule);
    expect(Object.fromEntries(Object.keys(hostile).map((f) => [f, rulesOf(f)]))).toEqual({
      'nonconformities/NC-0003.yaml': ['yaml/alias'],
      'nonconformities/NC-0004.yaml': ['file/encoding'],
      'nonconformities/NC-0005.yaml': ['file/too-large'],
      'nonconformities/NC-0006.yaml': ['yaml/unknown-tag'],
      'nonconformities/NC-0007.yaml': ['file/empty'],
      'actions/CA-0002.yaml': rulesOf('actions/CA-0002.yaml'),
    });
    expect(rulesOf('actions/CA-0002.yaml')).toContain('file/id-mismatch');
  });

  it('--as-of with an impossible date is a usage error', async () => {
    const result = await runCli(['validate', '--as-of', '2026-02-30'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2026-02-30');
    expect(result.stdout).toBe('');
  });

  it('an unknown --format is a usage error', async () => {
    const result = await runCli(['validate', '--format', 'xml'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('xml');
  });
});

describe('where cim runs', () => {
  it('outside any register: exit 2 and a message naming cim init', async () => {
    const empty = await writeTree({});
    const result = await runCli(['validate'], { cwd: empty });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cim init');
    expect(result.stdout).toBe('');
  });

  it('-C <dir> works from another folder', async () => {
    const root = await register();
    const elsewhere = await writeTree({});
    const result = await runCli(['-C', root, 'validate', '--as-of', '2026-06-30'], { cwd: elsewhere });
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ valid (5 records');
  });

  it('-C a folder inside the register finds the register above it', async () => {
    const root = await register();
    const result = await runCli(['-C', join(root, 'actions'), 'list', '--json'], { cwd: await writeTree({}) });
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(5);
  });

  it.each([['--bogus'], ['validate', '--bogus'], ['frobnicate']].map((args) => ({ args, label: args.join(' ') })))(
    'an unknown option or command ($label) is a usage error',
    async ({ args }) => {
      const result = await runCli(args, { cwd: await register() });
      expectClean(result);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).not.toBe('');
    },
  );
});

describe('cim list', () => {
  it('lists every record', async () => {
    const result = await runCli(['list'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(0);
    for (const id of ['NC-0001', 'NC-0002', 'CA-0001', 'AUD-0001', 'MRT-0001']) expect(result.stdout).toContain(id);
  });

  it('filters by kind and status', async () => {
    const result = await runCli(['list', 'nc', '--status', 'closed'], { cwd: await register() });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('NC-0002');
    expect(result.stdout).toContain('Visitor log not kept');
    for (const id of ['NC-0001', 'CA-0001', 'AUD-0001', 'MRT-0001']) expect(result.stdout).not.toContain(id);
  });

  it('--json prints the rows as data', async () => {
    const result = await runCli(['list', '--json'], { cwd: await register() });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(rows.map((row) => row.id)).toEqual(['AUD-0001', 'NC-0001', 'NC-0002', 'CA-0001', 'MRT-0001']);
    expect(rows.find((row) => row.id === 'NC-0002')).toEqual({
      id: 'NC-0002',
      kind: 'nc',
      status: 'closed',
      owner: 'alice',
      title: 'Visitor log not kept',
      file: 'nonconformities/NC-0002.yaml',
    });
  });

  it('an unknown kind is a usage error', async () => {
    const result = await runCli(['list', 'widgets'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('widgets');
  });
});

describe('cim show', () => {
  it('shows a record, and what refers to it', async () => {
    const result = await runCli(['show', 'NC-0001'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('NC-0001');
    expect(result.stdout).toContain('Access reviews not performed');
    expect(result.stdout).toContain(NC_FILE);
    expect(result.stdout).toMatch(/Referenced by\s+CA-0001\s+\(nc\)/);
  });

  it('--json has the id, kind, status and back-references', async () => {
    const result = await runCli(['show', 'NC-0001', '--json'], { cwd: await register() });
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ id: 'NC-0001', kind: 'nc', status: 'corrected', file: NC_FILE });
    expect(shown.referencedBy).toEqual([{ id: 'CA-0001', kind: 'ca', field: 'nc' }]);
  });

  it('a record that does not exist is a usage error', async () => {
    const result = await runCli(['show', 'NC-9999'], { cwd: await register() });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('NC-9999');
    expect(result.stdout).toBe('');
  });

  it.each(['../x', '../../etc/passwd', 'NC-0001/../NC-0002'])(
    'a path-like id (%s) is refused as a usage error',
    async (id) => {
      const result = await runCli(['show', id], { cwd: await register() });
      expectClean(result);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
    },
  );
});

describe('cim schema', () => {
  it('prints the JSON Schema of a kind: draft-07 and strict', async () => {
    const result = await runCli(['schema', 'nc']);
    expectClean(result);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(schema.$schema).toMatch(/json-schema\.org\/draft-07\/schema/);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties as object)).toEqual(
      expect.arrayContaining(['id', 'status', 'grade', 'requirement']),
    );
  });

  it('without a kind, lists the kinds', async () => {
    const result = await runCli(['schema']);
    expect(result.code).toBe(0);
    for (const kind of ['audit', 'nc', 'ca', 'ofi', 'incident', 'change', 'mrt', 'objective', 'lrc', 'exception']) {
      expect(result.stdout).toMatch(new RegExp(`^${kind}\\s`, 'm'));
    }
  });

  it('an unknown kind is a usage error', async () => {
    const result = await runCli(['schema', 'widget']);
    expectClean(result);
    expect(result.code).toBe(2);
  });
});

describe('cim --version', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(await readFile(join(REPO, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });
});

describe('cim init', () => {
  const KIND_FOLDERS = [
    'audits',
    'nonconformities',
    'actions',
    'improvements',
    'incidents',
    'changes',
    'reviews',
    'objectives',
    'requirements',
    'exceptions',
  ];

  it('scaffolds a register in an empty folder, commits it once, and the result validates', async () => {
    const dir = await writeTree({});
    const result = await runCli(['init'], { cwd: dir });
    expectClean(result);
    expect(result.code).toBe(0);
    const entries = await readdir(dir);
    expect(entries).toEqual(expect.arrayContaining(['cim.yaml', 'schemas', '.git', ...KIND_FOLDERS]));
    expect(await readdir(join(dir, 'schemas'))).toEqual(expect.arrayContaining(['nc.schema.json', 'cim.schema.json']));

    expect((await git(dir, 'log', '--format=%s')).trim().split('\n')).toHaveLength(1);
    expect(await git(dir, 'status', '--porcelain')).toBe('');
    expect((await git(dir, 'ls-files')).split('\n')).toContain('cim.yaml');

    const validated = await runCli(['validate'], { cwd: dir });
    expectClean(validated);
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('✔ valid');
    // One person's policy, not yet approved: --strict says so until cim.yaml records the approval.
    const strict = await runCli(['validate', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('policy/self-approved');
    expect(strict.stdout).toContain('policy/version-unapproved');
  });

  it('a second init is refused: exit 2, "already"', async () => {
    const dir = await writeTree({});
    expect((await runCli(['init'], { cwd: dir })).code).toBe(0);
    const before = await readFile(join(dir, 'cim.yaml'), 'utf8');
    const again = await runCli(['init'], { cwd: dir });
    expectClean(again);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already/);
    expect(await readFile(join(dir, 'cim.yaml'), 'utf8')).toBe(before);
    expect((await git(dir, 'log', '--format=%s')).trim().split('\n')).toHaveLength(1);
  });

  it('without a git identity: exit 2, and nothing is written', async () => {
    const dir = await writeTree({});
    const home = await writeTree({});
    const emptyConfig = join(home, 'gitconfig');
    await writeFile(emptyConfig, '');
    const result = await runCli(['init'], {
      cwd: dir,
      env: {
        HOME: home,
        GIT_CONFIG_GLOBAL: emptyConfig,
        // user.useConfigOnly stops git guessing an identity from the host name, which it does on
        // some machines and not on others.
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'user.useConfigOnly',
        GIT_CONFIG_VALUE_0: 'true',
      },
    });
    expectClean(result);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/identity/);
    expect(result.stderr).toMatch(/git config/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('colour', () => {
  it.each([
    ['NO_COLOR set', { NO_COLOR: '1' }],
    ['not a terminal', { NO_COLOR: undefined }],
  ])('%s: no ANSI escape codes on stdout or stderr', async (_, env) => {
    const root = await register();
    await breakRecord(root);
    await appendFile(join(root, 'nonconformities/NC-0002.yaml'), 'colour: blue\n');
    for (const args of [['validate'], ['list'], ['show', 'NC-0002'], ['show', 'NC-9999'], ['--bogus']]) {
      const result = await runCli(args, { cwd: root, env });
      expect(result.stdout).not.toMatch(ANSI);
      expect(result.stderr).not.toMatch(ANSI);
    }
  });

  it('FORCE_COLOR does colour text output, so the check above can fail', async () => {
    const result = await runCli(['validate'], {
      cwd: await register(),
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(result.stdout).toMatch(ANSI);
  });
});

describe('the example register examples/acme', () => {
  /** A throw-away copy, so no test writes into the committed example. */
  async function acme(): Promise<string> {
    const dir = await writeTree({});
    await cp(ACME, dir, { recursive: true });
    return dir;
  }

  async function firstRecord(root: string, folder: string): Promise<string> {
    const names = (await readdir(join(root, folder))).filter((n) => n.endsWith('.yaml')).sort();
    expect(names.length).toBeGreaterThan(0);
    return `${folder}/${names[0]!}`;
  }

  it('validates with --strict --as-of 2026-06-30', async () => {
    const result = await runCli(['validate', '--strict', '--as-of', '2026-06-30'], { cwd: await acme() });
    expectClean(result);
    expect(result.stdout).toContain('✔ valid');
    expect(result.code).toBe(0);
  });

  it('a copy with an unknown key: exit 1, file:line:col, rule and hint', async () => {
    const root = await acme();
    const file = await firstRecord(root, 'nonconformities');
    const line = await breakRecord(root, file);
    const result = await runCli(['validate', '--as-of', '2026-06-30'], { cwd: root });
    expectClean(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${file}:${line}:1`);
    expect(result.stdout).toContain('schema/unknown-field');
    expect(result.stdout).toMatch(/hint: did you mean "evidence"/);
  });

  it('the json report agrees with the text summary', async () => {
    const root = await acme();
    const result = await runCli(['validate', '--format', 'json', '--strict', '--as-of', '2026-06-30'], { cwd: root });
    const report = JSON.parse(result.stdout) as { valid: boolean; summary: { records: number; errors: number } };
    expect(report.valid).toBe(true);
    expect(report.summary.errors).toBe(0);
    const listed = JSON.parse((await runCli(['list', '--json'], { cwd: root })).stdout) as unknown[];
    expect(listed).toHaveLength(report.summary.records);
  });

  it('list, list nc --status closed, and show work on it', async () => {
    const root = await acme();
    const all = JSON.parse((await runCli(['list', '--json'], { cwd: root })).stdout) as {
      id: string;
      kind: string;
      status: string;
    }[];
    expect(all.length).toBeGreaterThan(5);
    const closed = await runCli(['list', 'nc', '--status', 'closed', '--json'], { cwd: root });
    expect(closed.code).toBe(0);
    const closedRows = JSON.parse(closed.stdout) as { kind: string; status: string }[];
    expect(closedRows).toEqual(all.filter((row) => row.kind === 'nc' && row.status === 'closed'));

    const nc = all.find((row) => row.kind === 'nc')!;
    const shown = await runCli(['show', nc.id, '--json'], { cwd: root });
    expectClean(shown);
    expect(shown.code).toBe(0);
    const record = JSON.parse(shown.stdout) as Record<string, unknown>;
    expect(record).toMatchObject({ id: nc.id, kind: 'nc', status: nc.status });
    expect(Array.isArray(record.referencedBy)).toBe(true);
  });

  it('-C examples/acme works from the repository root', async () => {
    const result = await runCli(['-C', 'examples/acme', 'validate', '--strict', '--as-of', '2026-06-30'], {
      cwd: REPO,
    });
    expectClean(result);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✔ valid');
  });
});
