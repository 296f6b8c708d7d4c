// PDFs printed by the real Chromium, read back with poppler's pdftotext and pdfinfo: page numbers
// and the running footer on every page, the paper, the log's landscape pages, the same bytes twice.
// Both tools are needed: where one is missing these tests fail saying what to install, never pass.
// Chromium is slow to start, so it is launched four times in all, in beforeAll.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_VARIABLE, findChromium } from '../../src/io/chromium.js';
import { BIN, REPO, runCli, testEnv } from '../helpers/cli.js';

const ACME = join(REPO, 'examples', 'acme');
const AS_OF = ['--as-of', '2026-06-30'];
/** The browser the tests found, given to cim the way a user would. */
const BROWSER = { [CHROMIUM_VARIABLE]: process.env[CHROMIUM_VARIABLE] };

/** Why the tools these tests need are missing, or '' when both are there. */
async function missingTools(): Promise<string> {
  const missing: string[] = [];
  try {
    await findChromium(process.env);
  } catch {
    missing.push('Chromium (apt-get install chromium, or set CIM_CHROMIUM)');
  }
  for (const tool of ['pdftotext', 'pdfinfo'])
    try {
      execFileSync(tool, ['-v'], { stdio: 'ignore' });
    } catch {
      missing.push(`${tool} (apt-get install poppler-utils)`);
    }
  return missing.length ? `these tests need ${missing.join(' and ')}: install it and run them again` : '';
}

/** cim's standard output as bytes. */
function runBytes(args: readonly string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return testEnv(BROWSER).then(
    (env) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
        const out: Buffer[] = [];
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => out.push(d));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
      }),
  );
}

/** The text of each page, as pdftotext lays it out (pages end with a form feed). */
const pagesOf = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);

/** Width and height of each page, in points. */
function sizesOf(pdf: string): { width: number; height: number; name: string }[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    name: m[3] ?? '',
  }));
}

let missing = '';
const out: Record<'policy' | 'letter' | 'log', string> = { policy: '', letter: '', log: '' };
let stdoutPdf: Buffer = Buffer.alloc(0);

beforeAll(async () => {
  missing = await missingTools();
  if (missing) return;
  const dir = await mkdtemp(join(tmpdir(), 'cim-pdf-'));
  out.policy = join(dir, 'policy.pdf');
  out.letter = join(dir, 'policy-letter.pdf');
  out.log = join(dir, 'log.pdf');
  const runs = await Promise.all([
    runCli(['-C', ACME, 'policy', '--format', 'pdf', ...AS_OF, '-o', out.policy], { env: BROWSER }),
    runCli(['-C', ACME, 'policy', '--format', 'pdf', '--paper', 'letter', ...AS_OF, '-o', out.letter], {
      env: BROWSER,
    }),
    runCli(['-C', ACME, 'export', 'log', '--format', 'pdf', ...AS_OF, '-o', out.log], { env: BROWSER }),
  ]);
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  const printed = await runBytes(['-C', ACME, 'policy', '--format', 'pdf', ...AS_OF]);
  expect(printed.code, printed.stderr).toBe(0);
  stdoutPdf = printed.stdout;
}, 180_000);

const needTools = () => expect(missing, missing).toBe('');

describe('the policy printed to PDF', () => {
  it('numbers every page "Page N of M"', () => {
    needTools();
    const pages = pagesOf(out.policy);
    expect(pages.length).toBeGreaterThan(3);
    pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`));
  });

  it("carries the policy's title, version, classification and as-of date in the footer of every page", () => {
    needTools();
    for (const text of pagesOf(out.policy)) {
      expect(text).toMatch(
        /Acme Analytics Ltd — Continual Improvement Policy · Version 2\.2 · Internal\s+As of 30 June 2026 · Page/,
      );
    }
  });

  it('is on A4 by default, and on letter with --paper letter', () => {
    needTools();
    const a4 = sizesOf(out.policy);
    expect(a4.length).toBe(pagesOf(out.policy).length);
    for (const page of a4) expect(page).toMatchObject({ name: 'A4', width: 594.96, height: 841.92 });
    for (const page of sizesOf(out.letter)) expect(page).toMatchObject({ name: 'letter', width: 612, height: 792 });
  });

  it('keeps the policy text whole, the approval block included', () => {
    needTools();
    const text = pagesOf(out.policy).join('\n');
    for (const part of [
      'Document version control',
      'Approval',
      '16. Areas of ISO/IEC 27001 addressed',
      'Annex: compliance measurement',
    ])
      expect(text).toContain(part);
  });

  it('is the same bytes whether written with -o or to standard output, dated as of the as-of date', async () => {
    needTools();
    expect(stdoutPdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(stdoutPdf.equals(await readFile(out.policy))).toBe(true);
    const info = execFileSync('pdfinfo', ['-isodates', out.policy], { encoding: 'utf8' });
    expect(info).toMatch(/^CreationDate:\s+2026-06-30T00:00:00/m);
    expect(info).toMatch(/^ModDate:\s+2026-06-30T00:00:00/m);
  });
});

describe('the log printed to PDF', () => {
  it('prints its wide table on landscape pages, and the rest portrait', () => {
    needTools();
    const sizes = sizesOf(out.log);
    expect(sizes.some((p) => p.width > p.height)).toBe(true);
    expect(sizes[0]!.width).toBeLessThan(sizes[0]!.height);
    const pages = pagesOf(out.log);
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain('Acme Analytics Ltd — Incident and corrective action log');
    });
    // The table's header is repeated on each landscape page it runs over.
    pages.forEach((text, i) => {
      if (sizes[i]!.width > sizes[i]!.height) expect(text, `page ${i + 1}`).toMatch(/NC\s+Title\s+Grade\s+Source/);
    });
  });
});
