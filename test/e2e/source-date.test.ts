// SOURCE_DATE_EPOCH as reproducible builds set it: the day it names is the default as-of date of
// every document and of the evidence pack, so a pipeline gets the same bytes on any day it runs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { gitRepo } from '../helpers/git.js';
import { BASE_CONFIG } from '../helpers/register.js';

const ACME = join(REPO, 'examples', 'acme');
// 2026-06-30 23:30 UTC, already 1 July east of Greenwich: the document is dated by the UTC day.
const JUNE_30 = { SOURCE_DATE_EPOCH: '1782862200', TZ: 'Pacific/Kiritimati', CIM_TODAY: '2027-03-01' };

describe('SOURCE_DATE_EPOCH dates the documents', () => {
  it.each([
    ['policy.md', ['policy']],
    ['log.md', ['export', 'log']],
    ['minutes-MRT-0007.md', ['minutes', 'MRT-0007']],
  ])('%s is the committed one, as of the UTC day the variable names, rather than today', async (file, args) => {
    const { code, stdout, stderr } = await runCli(['-C', ACME, ...args], { env: JUNE_30 });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(await readFile(join(ACME, 'docs', file), 'utf8'));
  });

  it('gives way to an explicit --as-of', async () => {
    const later = { SOURCE_DATE_EPOCH: '1803859200' }; // 2027-03-01
    const { code, stdout } = await runCli(['-C', ACME, 'programme', '2026', '--as-of', '2026-06-30'], { env: later });
    expect(code).toBe(0);
    expect(stdout).toBe(await readFile(join(ACME, 'docs', 'programme-2026.md'), 'utf8'));
  });

  it('refuses a value that is not seconds since 1970 with a usage error naming it, and prints no document', async () => {
    const { code, stdout, stderr } = await runCli(['-C', ACME, 'policy'], { env: { SOURCE_DATE_EPOCH: '2026-06-30' } });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('cim: SOURCE_DATE_EPOCH=2026-06-30 is not a time cim can date a document by');
    expect(stderr).toMatch(/hint: .*--as-of YYYY-MM-DD/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves validation to today or --as-of, so a malformed value never blocks the check', async () => {
    const { code, stderr } = await runCli(['-C', ACME, 'validate', '--as-of', '2026-06-30'], {
      env: { SOURCE_DATE_EPOCH: 'garbage' },
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('dates the evidence pack, its manifest and its validation report', async () => {
    const root = await gitRepo({ 'cim.yaml': BASE_CONFIG });
    const { code, stderr } = await runCli(['pack', '-o', 'pack'], { cwd: root, env: JUNE_30 });
    expect(stderr).toContain('as of 2026-06-30');
    expect(code).toBe(0);
    const manifest = JSON.parse(await readFile(join(root, 'pack', 'manifest.json'), 'utf8')) as { as_of: string };
    expect(manifest.as_of).toBe('2026-06-30');
    expect(await readFile(join(root, 'pack', 'documents', 'validation.html'), 'utf8')).toContain('as of 2026-06-30');
  });
});
