// `cim minutes MRT-ID` as a user runs it: Markdown (the golden file), HTML with the d1 charts, JSON
// with the numbers, -o, the refusals, and `cim validate --docs` judging committed minutes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINUTES_AS_OF, minutesFiles } from '../golden/minutes-register.js';
import { REPO, runCli } from '../helpers/cli.js';
import { tempRegister } from '../helpers/register.js';

const AS_OF = ['--as-of', MINUTES_AS_OF];

describe('cim minutes', () => {
  it('prints the Markdown minutes of a held review, as the golden file has them', async () => {
    const root = await tempRegister(minutesFiles());
    const { code, stdout, stderr } = await runCli(['-C', root, 'minutes', 'MRT-0002', ...AS_OF]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(await readFile(join(REPO, 'test', 'golden', 'minutes-MRT-0002.md'), 'utf8'));
  });

  it('prints a standalone HTML page with the d1 trends drawn, and no script', async () => {
    const root = await tempRegister(minutesFiles());
    const { code, stdout } = await runCli(['-C', root, 'minutes', 'mrt-0002', '--format', 'html', ...AS_OF]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>/);
    expect(stdout.match(/<svg [^>]*role="img" aria-labelledby="d1-[a-z]+-title"/g)).toHaveLength(5);
    expect(stdout).toContain('<title>Test Co — Minutes of Management review H1 2026</title>');
    expect(stdout).not.toMatch(/<script|<p><figure|&lt;svg/);
  });

  it('prints the numbers as JSON, the same with --json, and never the drawing', async () => {
    const root = await tempRegister(minutesFiles());
    const json = await runCli(['-C', root, 'minutes', 'MRT-0002', '--format', 'json', ...AS_OF]);
    const global = await runCli(['-C', root, '--json', 'minutes', 'MRT-0002', ...AS_OF]);
    expect(json.code).toBe(0);
    expect(global.stdout).toBe(json.stdout);
    expect(json.stdout).not.toMatch(/svg|"chart"/);
    const model = JSON.parse(json.stdout) as {
      asOf: string;
      actions: { ref: string; state: string }[];
      inputs: { key: string; figures: { table: { caption: string } }[]; trends?: { periods: { raised: number }[] } }[];
    };
    expect(model.asOf).toBe('30 June 2026');
    expect(model.actions.map((a) => `${a.ref} ${a.state}`)).toEqual(['A1 overdue', 'A2 done', 'A3 open']);
    expect(model.inputs.find((i) => i.key === 'd1')!.trends!.periods.map((p) => p.raised)).toEqual([1, 2]);
    expect(model.inputs.find((i) => i.key === 'd1')!.figures.map((f) => f.table.caption)[0]).toBe(
      'Nonconformities raised and closed by review period',
    );
  });

  it('writes the minutes with -o', async () => {
    const root = await tempRegister(minutesFiles());
    const { code, stdout, stderr } = await runCli(['minutes', 'MRT-0002', ...AS_OF, '-o', 'minutes.md'], { cwd: root });
    expect([code, stdout, stderr]).toEqual([0, '', 'Wrote minutes.md\n']);
    expect(await readFile(join(root, 'minutes.md'), 'utf8')).toContain(
      '# Test Co — Minutes of Management review H1 2026',
    );
  });

  it.each([
    [
      'MRT-0003',
      'cim: MRT-0003 has not been held yet (it is scheduled), so it has no minutes',
      'cim mrt hold MRT-0003',
    ],
    ['MRT-0004', 'cim: MRT-0004 was cancelled, so it has no minutes', 'cim list mrt'],
    ['MRT-0042', 'cim: no management review MRT-0042 in this register', 'cim list mrt'],
  ])('refuses %s (exit 2), saying why and what to do', async (id, message, hint) => {
    const root = await tempRegister(minutesFiles());
    const { code, stdout, stderr } = await runCli(['-C', root, 'minutes', id, ...AS_OF]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain(hint);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a format the minutes have not (exit 2)', async () => {
    const root = await tempRegister(minutesFiles());
    const { code, stderr } = await runCli(['-C', root, 'minutes', 'MRT-0002', '--format', 'csv']);
    expect(code).toBe(2);
    expect(stderr).toContain('csv');
  });

  it('are judged by validate --docs as docs/minutes-MRT-0002.md: fresh as generated, stale once the review changed', async () => {
    const root = await tempRegister(minutesFiles());
    await mkdir(join(root, 'docs'));
    const generated = (await runCli(['-C', root, 'minutes', 'MRT-0002', ...AS_OF])).stdout;
    await writeFile(join(root, 'docs', 'minutes-MRT-0002.md'), generated);
    const fresh = await runCli(['-C', root, 'validate', '--docs', ...AS_OF]);
    expect(fresh.stdout).not.toContain('docs/minutes-MRT-0002.md');
    await writeFile(join(root, 'docs', 'minutes-MRT-0002.md'), generated.replace('Bob Example', 'Nobody'));
    const stale = await runCli(['-C', root, 'validate', '--docs', ...AS_OF]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('docs/minutes-MRT-0002.md');
    expect(stale.stdout).toContain('`cim minutes MRT-0002 --as-of 2026-06-30 -o docs/minutes-MRT-0002.md`');
  });
});
