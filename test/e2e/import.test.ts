// The example CSV files of examples/import, exported as a spreadsheet writes them (semicolons, a
// byte order mark, CRLF, a cell with a line break, UK dates), imported with the built bin/cim.
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { REPO, runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';

const person = (id: string, name: string, email: string, roles: string[], areas: string[]) => ({
  id,
  name,
  email,
  roles,
  areas,
});
const CONFIG = {
  ...BASE_CONFIG,
  policy: {
    ...BASE_CONFIG.policy,
    owner: 'dana-whitfield',
    approver: 'marcus-oyelaran',
    history: [{ ...BASE_CONFIG.policy.history[0], author: 'dana-whitfield', approved_by: 'marcus-oyelaran' }],
  },
  people: [
    person('dana-whitfield', 'Dana Whitfield', 'test@example.com', ['isms-manager', 'mrt-member'], ['security']),
    person(
      'marcus-oyelaran',
      'Marcus Oyelaran',
      'marcus@example.com',
      ['top-management', 'mrt-member'],
      ['engineering'],
    ),
  ],
  areas: [
    { id: 'security', name: 'Information security', owner: 'dana-whitfield' },
    { id: 'engineering', name: 'Engineering', owner: 'marcus-oyelaran' },
  ],
};
const EXAMPLE = join(REPO, 'examples/import');
const ENV = { CIM_TODAY: '2026-11-30' };

describe('importing the example spreadsheet exports', () => {
  it('refuses UK dates until told, then imports each file in one commit that cim log and validate accept', async () => {
    const root = await gitRepo({ 'cim.yaml': stringify(CONFIG) });
    for (const f of ['nonconformities.csv', 'migrated-nonconformities.csv', 'migrated-actions.csv'])
      await copyFile(join(EXAMPLE, f), join(root, f));
    await git(root, 'switch', '-q', '-c', 'import');

    const guessed = await runCli(['import', 'nc', '--from', 'nonconformities.csv'], { cwd: root, env: ENV });
    expect(guessed.code).toBe(1);
    expect(guessed.stderr).toContain('nonconformities.csv:5: Raised on: "21/10/2026" is not a date as YYYY-MM-DD');
    expect(guessed.stderr).toContain('--date-format DD/MM/YYYY');

    const done = await runCli(['import', 'nc', '--from', 'nonconformities.csv', '--date-format', 'DD/MM/YYYY'], {
      cwd: root,
      env: ENV,
    });
    expect(done.stderr).toMatch(/3 records imported — committed [0-9a-f]{7}/);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe(
      [
        'NC-0001  open  Visitor badges not returned  (nonconformities.csv:2)',
        'NC-0002  open  Restore of the billing database never tested  (nonconformities.csv:3)',
        'NC-0003  open  Supplier list out of date  (nonconformities.csv:5)',
        '',
      ].join('\n'),
    );
    const nc = parse(await readFile(join(root, 'nonconformities/NC-0001.yaml'), 'utf8')) as Record<string, unknown>;
    expect(nc.description).toBe(
      'Reception logged 14 visitor badges not handed back in September.\nThe badges still open the lobby doors.',
    );
    expect(nc.raised_on).toBe('2026-10-02');
    const formula = parse(await readFile(join(root, 'nonconformities/NC-0002.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(formula.notes).toBe('=HYPERLINK("https://wiki.example/restore")');

    const migrated = await runCli(
      [
        '--json',
        'import',
        '--migrate',
        '--date-format',
        'DD/MM/YYYY',
        '--from',
        'nc=migrated-nonconformities.csv',
        '--from',
        'ca=migrated-actions.csv',
      ],
      { cwd: root, env: ENV },
    );
    expect(migrated.code).toBe(0);
    const result = JSON.parse(migrated.stdout) as { records: { id: string; status: string }[]; commit: string };
    expect(result.records.map((r) => `${r.id} ${r.status}`)).toEqual(['NC-0101 verified', 'CA-0101 verified']);
    expect((await git(root, 'rev-list', '--count', 'main..HEAD')).trim()).toBe('2');

    const logged = await runCli(['log', 'CA-0101'], { cwd: root, env: ENV });
    expect(logged.stdout).toMatch(/^\d{4}-\d{2}-\d{2} {2}import {2}verified {2}Test User · [0-9a-f]{7}$/m);
    const checked = await runCli(['validate', '--base', 'main'], { cwd: root, env: ENV });
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(
      'warning  history/imported  NC-0101 was imported from migrated-nonconformities.csv',
    );
    expect(checked.stdout).toContain('warning  history/imported  CA-0101 was imported from migrated-actions.csv');
  });
});
