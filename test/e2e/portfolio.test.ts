// `cim status --all DIR…` and `cim portfolio`: one line per client register, through the built
// bin/cim, on registers laid out as a consultant keeps them (a folder of client folders).
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { BASE_CONFIG, writeTree } from '../helpers/register.js';
import * as r from '../helpers/records.js';

let clients: string;

beforeAll(async () => {
  // Two clients: Acme as bundled, and a small one with an NC whose response is overdue and a
  // broken record; beside them a folder that holds no register.
  clients = await writeTree({
    'beta/cim.yaml': { ...BASE_CONFIG, organisation: 'Beta Logistics' },
    ...Object.fromEntries(
      Object.entries(r.files(r.nc({ raised_on: '2026-01-10' }))).map(([file, data]) => [`beta/${file}`, data]),
    ),
    'beta/nonconformities/NC-0002.yaml': 'id: NC-0002\ntitle: [unclosed\n',
    'notes/readme.txt': 'not a register\n',
  });
  await cp(join(REPO, 'examples', 'acme'), join(clients, 'acme'), { recursive: true });
});

describe('cim status --all', () => {
  it('gives a line per register in a folder of client folders, with its figures and its verdict', async () => {
    const res = await runCli(['status', '--all', clients, '--as-of', '2026-06-30', '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { asOf: string; registers: Record<string, unknown>[] };
    expect(out.asOf).toBe('2026-06-30');
    expect(out.registers.map((l) => l.organisation)).toEqual(['Acme Analytics Ltd', 'Beta Logistics']);
    const [acme, beta] = out.registers;
    expect(acme).toMatchObject({ records: 85, errors: 0, valid: true, overdue: 0 });
    expect(acme!.nextReview).toMatchObject({ scheduled: { id: 'MRT-0009', on: '2026-12-09' } });
    expect(acme!.nextAudit).toMatchObject({ id: 'AUD-0013', planned: '2026-10' });
    expect(beta).toMatchObject({ valid: false, reviewLate: true });
    expect(beta!.errors).toBeGreaterThan(0);
    expect(beta!.overdue).toBeGreaterThan(0);
  });

  it('agrees with cim validate and cim status on each register', async () => {
    const all = JSON.parse((await runCli(['status', '--all', clients, '--as-of', '2026-12-02', '--json'])).stdout) as {
      registers: { errors: number; warnings: number; overdue: number }[];
    };
    for (const [i, name] of ['acme', 'beta'].entries()) {
      const validated = JSON.parse(
        (await runCli(['-C', join(clients, name), 'validate', '--as-of', '2026-12-02', '--json'])).stdout,
      ) as { summary: { errors: number; warnings: number } };
      const status = JSON.parse(
        (await runCli(['-C', join(clients, name), 'status', '--as-of', '2026-12-02', '--json'])).stdout,
      ) as { owners: { items: { overdue: boolean }[] }[] };
      expect(all.registers[i]).toMatchObject(validated.summary);
      expect(all.registers[i]!.overdue).toBe(status.owners.flatMap((o) => o.items).filter((x) => x.overdue).length);
    }
  });

  it('reads as a table, late items said, and a folder that is no register gets its line and exit 2', async () => {
    const res = await runCli(['status', '--all', 'acme', 'notes', 'beta', 'missing', '--as-of', '2026-12-12'], {
      cwd: clients,
    });
    expect(res.code).toBe(2);
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('4 registers as of 2026-12-12');
    expect(lines[1]).toMatch(
      /^Organisation\s+Register\s+Records\s+Overdue\s+Due ≤14d\s+Next review\s+Next audit\s+Validation$/,
    );
    expect(lines[2]).toMatch(
      /^Acme Analytics Ltd\s+acme\s+85\s+\d+\s+\d+\s+2026-12-09 MRT-0009 \(due by 2026-12-10\)\s+2026-10 AUD-0013 \(late\)\s+valid, \d+ warnings$/,
    );
    expect(lines[3]).toMatch(/^–\s+notes\s+.*cannot read: no cim\.yaml in notes or in the folders directly inside it$/);
    expect(lines[4]).toMatch(/^Beta Logistics\s+beta\s+2\s+.*\d+ errors?$/);
    expect(lines[5]).toMatch(/cannot read: missing is not a folder$/);
    expect(res.stdout).toContain('notes: give the folder of a register');
    expect(res.stderr).toBe('');
  });

  it('is the same as cim portfolio, and without a folder reads the one it is run in', async () => {
    const a = await runCli(['portfolio', '--as-of', '2026-06-30', '--json'], { cwd: clients });
    const b = await runCli(['status', '--all', '.', '--as-of', '2026-06-30', '--json'], { cwd: clients });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect((JSON.parse(a.stdout) as { registers: { root: string }[] }).registers.map((l) => l.root)).toEqual([
      'acme',
      'beta',
    ]);
  });

  it('refuses a bad date once, for all registers, and folders without --all', async () => {
    const bad = await runCli(['status', '--all', clients, '--as-of', '2026-13-01']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--as-of 2026-13-01 is not a date');
    expect(bad.stdout).toBe('');
    const noAll = await runCli(['status', clients]);
    expect(noAll.code).toBe(2);
    expect(noAll.stderr).toContain('pass -C <dir> for one register, or --all <dir>… for several');
  });
});
