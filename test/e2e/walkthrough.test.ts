// The README walkthrough, run verbatim with the built cim on the PATH: it must keep working.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, REPO, testEnv } from '../helpers/cli.js';

async function walkthrough(): Promise<string> {
  const readme = await readFile(join(REPO, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\n```sh\n([\s\S]*?)```\n<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no walkthrough block');
  return block[1]!;
}

describe('the README walkthrough', () => {
  it('runs from an empty folder to a closed NC, and cim log shows every step', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cim-walk-'));
    const bin = join(dir, 'bin');
    await mkdir(bin);
    await writeFile(join(bin, 'cim'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    await chmod(join(bin, 'cim'), 0o755);
    const env = await testEnv({ PATH: `${bin}:${process.env.PATH ?? ''}` });
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const run = spawn('bash', ['-e'], { cwd: dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        run.stdout.on('data', (d: Buffer) => (out += d.toString()));
        run.stderr.on('data', (d: Buffer) => (err += d.toString()));
        run.on('error', reject);
        run.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
        void walkthrough().then((script) => run.stdin.end(script), reject);
      },
    );
    expect(stderr).not.toMatch(/^cim: /m);
    expect(code).toBe(0);
    expect(stdout).toContain('✔ valid (4 records');
    const log = stdout.slice(stdout.indexOf('✔ valid'));
    for (const step of [
      'finding, raise',
      'correct  open → corrected',
      'analyse  corrected → analysed',
      'action  analysed → actioned',
      'verify  actioned → verified',
      'close  verified → closed',
    ]) {
      expect(log).toContain(step);
    }
  }, 120_000);
});
