// `cim pack` and `cim pack verify` as a user runs them, on a copy of examples/acme in a git
// repository of its own, with one record's title holding markup and one attached file: the pack
// is built once (twice, for determinism) and read by several tests.
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { git, gitRepo } from '../helpers/git.js';
import * as r from '../helpers/records.js';
import { BASE_CONFIG, writeTree } from '../helpers/register.js';

const AS_OF = '2026-06-30';
const MARKUP = 'Replace <script>alert(1)</script> & "old" <b>hosts</b>';
const EVIDENCE = 'evidence/CA-0003/dashboard <jan>.txt';
const EVIDENCE_TEXT = 'January dashboard: all critical patches applied within 9 days\n';

/** Every file under a folder, by path, with its bytes. */
async function tree(dir: string, under = ''): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const d of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${d.name}` : d.name;
    if (d.isDirectory()) for (const [p, b] of await tree(dir, path)) out.set(p, b);
    else out.set(path, await readFile(join(dir, path)));
  }
  return out;
}

const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

let top: string;
let root: string;
let head: string;

beforeAll(async () => {
  top = await writeTree({});
  root = join(top, 'acme');
  await cp(join(REPO, 'examples', 'acme'), root, { recursive: true });
  await git(root, 'init', '--quiet', '--initial-branch=main');
  await git(root, 'add', '-A');
  await git(root, '-c', 'user.name=Test User', '-c', 'user.email=test@example.com', 'commit', '-qm', 'initial');
  // A second commit: a title with markup, and a file attached to CA-0003 with its SHA-256.
  const file = join(root, 'actions', 'CA-0003.yaml');
  const text = (await readFile(file, 'utf8')).replace('title: Replace hosts older than 14 days', `title: '${MARKUP}'`);
  // The example attaches files to CA-0003 already: this one goes at the end of its list.
  const attached = `${text.includes('\nattachments:\n') ? '' : 'attachments:\n'}  - file: ${JSON.stringify(EVIDENCE)}\n    sha256: ${sha(EVIDENCE_TEXT)}\n    size: ${Buffer.byteLength(EVIDENCE_TEXT)}\n    added_on: 2024-01-31\n    added_by: dana-whitfield\n    note: The dashboard <as seen>\n`;
  await writeFile(file, `${text}${attached}`);
  await mkdir(join(root, 'evidence', 'CA-0003'), { recursive: true });
  await writeFile(join(root, EVIDENCE), EVIDENCE_TEXT);
  await git(root, 'add', '-A');
  await git(root, '-c', 'user.name=Test User', '-c', 'user.email=test@example.com', 'commit', '-qm', 'edit CA-0003');
  head = (await git(root, 'rev-parse', 'HEAD')).trim();
  const first = await runCli(['pack', '-o', '../pack-a', '--as-of', AS_OF], { cwd: root });
  expect(first.stderr).toContain('Wrote the evidence pack');
  expect(first.code).toBe(0);
  const second = await runCli(['-C', root, 'pack', '-o', join(top, 'pack-b'), '--as-of', AS_OF]);
  expect(second.code).toBe(0);
}, 60_000);

/** A copy of the first pack, for a test to change. */
async function copyOfPack(name: string): Promise<string> {
  const dir = join(top, name);
  await cp(join(top, 'pack-a'), dir, { recursive: true });
  return dir;
}

describe('cim pack', () => {
  it('builds the same bytes twice from the same register and date', async () => {
    const [a, b] = await Promise.all([tree(join(top, 'pack-a')), tree(join(top, 'pack-b'))]);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [path, bytes] of a) expect(bytes.equals(b.get(path)!), path).toBe(true);
    expect(a.has('index.html')).toBe(true);
    expect(a.has('records/NC-0001.html')).toBe(true);
    expect(a.has('documents/policy.html')).toBe(true);
    expect(a.has('documents/minutes-MRT-0007.html')).toBe(true);
    expect(a.has('documents/agenda-MRT-0009.html')).toBe(true);
    expect(a.has('documents/programme-2026.html')).toBe(true);
    expect(a.has('documents/log.html')).toBe(true);
    expect(a.has('documents/validation.html')).toBe(true);
  });

  it('writes a manifest of every file, sorted, with its SHA-256 and size, the HEAD commit and the date', async () => {
    const files = await tree(join(top, 'pack-a'));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      format: string;
      commit: string;
      as_of: string;
      files: { path: string; sha256: string; size: number }[];
    };
    expect(manifest.format).toBe('cim-evidence-pack/1');
    expect(manifest.commit).toBe(head);
    expect(manifest.as_of).toBe(AS_OF);
    const paths = manifest.files.map((f) => f.path);
    expect(paths).toEqual([...files.keys()].filter((p) => p !== 'manifest.json').sort());
    for (const f of manifest.files) {
      expect(f.sha256).toBe(sha(files.get(f.path)!));
      expect(f.size).toBe(files.get(f.path)!.length);
    }
  });

  it('shows on the index the organisation, the date, the commit, the counts and a link to every record', async () => {
    const index = await readFile(join(top, 'pack-a', 'index.html'), 'utf8');
    expect(index).toContain('Acme Analytics Ltd');
    expect(index).toContain(AS_OF);
    expect(index).toContain(head);
    expect(index).toMatch(/<td>Nonconformity<\/td><td>[^<]*closed 9/);
    for (const name of await readdir(join(top, 'pack-a', 'records'))) expect(index).toContain(`href="records/${name}"`);
    expect(index).not.toMatch(/https?:\/\/|<script/i);
  });

  it('escapes what people wrote: a title with markup is text on every page', async () => {
    const page = await readFile(join(top, 'pack-a', 'records', 'CA-0003.html'), 'utf8');
    const index = await readFile(join(top, 'pack-a', 'index.html'), 'utf8');
    const escaped = 'Replace &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;old&quot; &lt;b&gt;hosts&lt;/b&gt;';
    expect(page).toContain(escaped);
    expect(index).toContain(escaped);
    for (const text of [page, index]) {
      expect(text).not.toContain('<script>');
      expect(text).not.toContain('<b>hosts');
    }
  });

  it("shows a record's fields, its references both ways and its history with the fields that changed", async () => {
    const page = await readFile(join(top, 'pack-a', 'records', 'CA-0003.html'), 'utf8');
    expect(page).toContain('<tr><th>effectiveness.reviewed_by</th><td class="value">dana-whitfield</td></tr>');
    expect(page).toMatch(/<a href="\.\.\/records\/NC-0002\.html">NC-0002<\/a>[^<]*<span class="field">\(nc\)/);
    const nc = await readFile(join(top, 'pack-a', 'records', 'NC-0002.html'), 'utf8');
    expect(nc).toMatch(/<a href="\.\.\/records\/CA-0003\.html">CA-0003<\/a>[^<]*<span class="field">\(its nc\)/);
    // Two steps: created, then the edit, which names the title it changed.
    expect(page.match(/<li><p><strong>/g)).toHaveLength(2);
    expect(page).toMatch(/edited[^]*<th>title<\/th><td class="value">Replace hosts older than 14 days<\/td>/);
    expect(page).toContain('Test User');
  });

  it('copies each attachment under the same path and links it, with its SHA-256', async () => {
    const copied = await readFile(join(top, 'pack-a', EVIDENCE), 'utf8');
    expect(copied).toBe(EVIDENCE_TEXT);
    const page = await readFile(join(top, 'pack-a', 'records', 'CA-0003.html'), 'utf8');
    expect(page).toContain(
      '<a href="../evidence/CA-0003/dashboard%20%3Cjan%3E.txt">evidence/CA-0003/dashboard &lt;jan&gt;.txt</a>',
    );
    expect(page).toContain(sha(EVIDENCE_TEXT));
    expect(page).toContain('The dashboard &lt;as seen&gt;');
  });

  it('lists every diagnostic of validate --strict --history as of the date', async () => {
    const page = await readFile(join(top, 'pack-a', 'documents', 'validation.html'), 'utf8');
    const validate = await runCli(['validate', '--strict', '--history', '--as-of', AS_OF, '--json'], { cwd: root });
    const report = JSON.parse(validate.stdout) as { diagnostics: { rule: string }[] };
    expect(report.diagnostics.length).toBeGreaterThan(0);
    expect(page.match(/<tr><td>(error|warning)<\/td>/g)).toHaveLength(report.diagnostics.length);
  });

  it('replaces an earlier pack whole', async () => {
    const dir = await copyOfPack('pack-again');
    await writeFile(join(dir, 'stray.html'), 'left over');
    const result = await runCli(['-C', root, 'pack', '-o', dir, '--as-of', AS_OF]);
    expect(result.code).toBe(0);
    const [again, first] = await Promise.all([tree(dir), tree(join(top, 'pack-a'))]);
    expect([...again.keys()].sort()).toEqual([...first.keys()].sort());
  });

  it('refuses a folder that is not empty and holds no pack, and leaves it as it was', async () => {
    const dir = join(top, 'not-a-pack');
    await mkdir(dir);
    await writeFile(join(dir, 'notes.txt'), 'mine');
    const result = await runCli(['-C', root, 'pack', '-o', dir, '--as-of', AS_OF]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not empty and holds no pack cim wrote');
    expect([...(await tree(dir)).keys()]).toEqual(['notes.txt']);
    expect((await readdir(top)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses to write through a symbolic link', async () => {
    const link = join(top, 'linked-pack');
    await symlink(join(top, 'pack-a'), link);
    const result = await runCli(['-C', root, 'pack', '-o', link, '--as-of', AS_OF]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is a symbolic link');
  });
});

describe('cim pack and evidence outside the register', () => {
  it('copies no attachment reached through a symbolic link, and shows nothing of it', async () => {
    const secret = 'SECRET-5d1e: a file outside the register\n';
    const outside = await writeTree({ 'secret.txt': secret });
    const [file, data] = r.nc({
      attachments: [
        {
          file: 'evidence/NC-0001/secret.txt',
          sha256: sha(secret),
          size: secret.length,
          added_on: '2026-02-01',
          added_by: 'alice',
        },
      ],
    });
    const repo = await gitRepo({ 'cim.yaml': BASE_CONFIG, [file]: data });
    await mkdir(join(repo, 'evidence'));
    await symlink(outside, join(repo, 'evidence', 'NC-0001'));
    const out = join(await writeTree({}), 'pack');
    const result = await runCli(['-C', repo, 'pack', '-o', out, '--as-of', AS_OF]);
    expect(`${result.stdout}${result.stderr}`).not.toContain('SECRET-5d1e');
    // The register may be judged invalid for it (exit 1, no pack); a pack built has no copy of it.
    expect([0, 1]).toContain(result.code);
    if (result.code === 0) {
      const files = await tree(out);
      expect(files.has('evidence/NC-0001/secret.txt')).toBe(false);
      for (const [path, bytes] of files) expect(bytes.toString('utf8'), path).not.toContain('SECRET-5d1e');
      expect(files.get('records/NC-0001.html')!.toString('utf8')).toContain(
        'not copied: evidence/NC-0001 is not a plain folder',
      );
    }
  });
});

describe('cim pack verify', () => {
  it('says intact in one line and exits 0 for a pack as written', async () => {
    const result = await runCli(['pack', 'verify', join(top, 'pack-a')]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^.*: intact \(\d+ files, commit [0-9a-f]{7}, as of 2026-06-30\)\n$/);
  });

  it('names a file with one byte changed, and exits 1', async () => {
    const dir = await copyOfPack('pack-changed');
    const file = join(dir, 'records', 'NC-0001.html');
    const bytes = await readFile(file);
    bytes[100] = bytes[100]! ^ 1;
    await writeFile(file, bytes);
    const result = await runCli(['pack', 'verify', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('changed: records/NC-0001.html');
    expect(result.stdout).not.toMatch(/added:|missing:/);
  });

  it('names a file added and a file removed, and exits 1', async () => {
    const dir = await copyOfPack('pack-added-removed');
    await writeFile(join(dir, 'records', 'NC-9999.html'), '<p>forged</p>');
    await rm(join(dir, 'documents', 'policy.html'));
    const result = await runCli(['pack', 'verify', dir]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('added: records/NC-9999.html');
    expect(result.stdout).toContain('missing: documents/policy.html');
  });

  it('refuses a manifest cim did not write, exit 2', async () => {
    const dir = await copyOfPack('pack-foreign');
    await writeFile(join(dir, 'manifest.json'), '{"files": []}\n');
    const result = await runCli(['pack', 'verify', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a manifest cim wrote');
    const none = await writeTree({ 'a.txt': 'x' });
    const missing = await runCli(['pack', 'verify', none]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('has no manifest.json');
  });
});
