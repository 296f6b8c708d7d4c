// The evidence pack of examples/acme as an auditor's browser sees it: every page loads in headless
// Chromium with no console error and no failed load, and every relative link of every page
// resolves to a file of the pack (and to an element, where it names one). One Chromium run loads
// every page, driven over the DevTools protocol on a pipe. Chromium must be installed (CI's
// .ci/run installs it): without it this test fails, saying so.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { writeTree } from '../helpers/register.js';

const AS_OF = '2026-06-30';
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome'];

/** The Chromium on PATH (or CHROMIUM), or undefined. */
function findChromium(): string | undefined {
  const given = process.env.CHROMIUM;
  for (const name of given ? [given] : BROWSERS) {
    const found = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/** Every HTML page of a folder, relative paths. */
async function pages(dir: string, under = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await pages(dir, path)));
    else if (path.endsWith('.html')) out.push(path);
  }
  return out.sort();
}

interface Event {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly sessionId?: string;
}

/** A DevTools protocol client over --remote-debugging-pipe: NUL-terminated JSON both ways. */
class Browser {
  #next = 1;
  #buffer = '';
  readonly #waiting = new Map<number, { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  readonly #listeners: ((e: Event) => void)[] = [];

  constructor(readonly child: ChildProcess) {
    const output = child.stdio[4] as Readable;
    output.setEncoding('utf8');
    output.on('data', (chunk: string) => {
      this.#buffer += chunk;
      let end;
      while ((end = this.#buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(this.#buffer.slice(0, end)) as {
          id?: number;
          result?: Record<string, unknown>;
          error?: { message: string };
        } & Partial<Event>;
        this.#buffer = this.#buffer.slice(end + 1);
        if (message.id !== undefined) {
          const waiting = this.#waiting.get(message.id);
          this.#waiting.delete(message.id);
          if (message.error) waiting?.reject(new Error(message.error.message));
          else waiting?.resolve(message.result ?? {});
        } else if (message.method) for (const l of this.#listeners) l(message as Event);
      }
    });
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.#next++;
    const input = this.child.stdio[3] as Writable;
    input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
  }

  on(listener: (e: Event) => void): void {
    this.#listeners.push(listener);
  }

  /** The next event of this method, in this session. */
  next(method: string, sessionId: string): Promise<Event> {
    return new Promise((resolve) => {
      const listener = (e: Event) => {
        if (e.method !== method || e.sessionId !== sessionId) return;
        this.#listeners.splice(this.#listeners.indexOf(listener), 1);
        resolve(e);
      };
      this.#listeners.push(listener);
    });
  }
}

let pack: string;
let profile: string;
let chromium: string | undefined;

beforeAll(async () => {
  chromium = findChromium();
  const top = await writeTree({});
  const root = join(top, 'acme');
  await cp(join(REPO, 'examples', 'acme'), root, { recursive: true });
  await git(root, 'init', '--quiet', '--initial-branch=main');
  await git(root, 'add', '-A');
  await git(root, '-c', 'user.name=Test User', '-c', 'user.email=test@example.com', 'commit', '-qm', 'initial');
  pack = join(top, 'pack');
  const built = await runCli(['-C', root, 'pack', '-o', pack, '--as-of', AS_OF]);
  expect(built.code, built.stderr).toBe(0);
  profile = await mkdtemp(join(tmpdir(), 'cim-chromium-'));
}, 60_000);

afterAll(async () => {
  if (profile) await rm(profile, { recursive: true, force: true });
});

describe('the evidence pack of examples/acme in a browser', () => {
  it('every relative link of every page resolves to a file of the pack, and to the element it names', async () => {
    const all = await pages(pack);
    expect(all.length).toBeGreaterThan(80);
    const ids = new Map<string, Set<string>>();
    for (const p of all)
      ids.set(p, new Set([...(await readFile(join(pack, p), 'utf8')).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)));
    const broken: string[] = [];
    for (const p of all) {
      const html = await readFile(join(pack, p), 'utf8');
      for (const [, attr, link] of html.matchAll(/\s(href|src)="([^"]*)"/g)) {
        if (attr === 'href' && link === 'data:,') continue; // the empty icon, so no favicon is fetched
        if (/^[a-z][a-z0-9+.-]*:/i.test(link!) || link!.startsWith('//')) {
          broken.push(`${p}: ${link} is not a relative link`);
          continue;
        }
        const [path, fragment] = link!.split('#') as [string, string | undefined];
        const target = path === '' ? join(pack, p) : resolve(dirname(join(pack, p)), decodeURIComponent(path));
        const inPack = relative(pack, target).split(sep).join('/');
        if (inPack.startsWith('..')) {
          broken.push(`${p}: ${link} leaves the pack`);
          continue;
        }
        const exists = await readFile(target).then(
          () => true,
          () => false,
        );
        if (!exists) broken.push(`${p}: ${link} names no file of the pack`);
        else if (fragment && inPack.endsWith('.html') && !ids.get(inPack)?.has(fragment))
          broken.push(`${p}: ${link} names no element of ${inPack}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every page loads in headless Chromium with no console error', async () => {
    if (!chromium)
      throw new Error(
        'Chromium is not installed, so the pack cannot be loaded in a browser: install it (`apt-get install chromium`; .ci/run does), or set CHROMIUM to its path',
      );
    const child = spawn(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--no-default-browser-check',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const browser = new Browser(child);
    try {
      const { targetInfos } = (await browser.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string }[];
      };
      const page = targetInfos.find((t) => t.type === 'page');
      expect(page, stderr).toBeDefined();
      const { sessionId } = (await browser.send('Target.attachToTarget', {
        targetId: page!.targetId,
        flatten: true,
      })) as { sessionId: string };
      const problems: string[] = [];
      let current = '';
      browser.on((e) => {
        if (e.sessionId !== sessionId) return;
        if (e.method === 'Runtime.exceptionThrown')
          problems.push(
            `${current}: ${JSON.stringify((e.params.exceptionDetails as { exception?: { description?: string } }).exception?.description ?? e.params)}`,
          );
        if (e.method === 'Runtime.consoleAPICalled' && e.params.type === 'error')
          problems.push(`${current}: console.error ${JSON.stringify(e.params.args)}`);
        const entry = e.params.entry as { level?: string; text?: string; url?: string } | undefined;
        if (e.method === 'Log.entryAdded' && entry?.level === 'error')
          problems.push(`${current}: ${entry.text} ${entry.url ?? ''}`);
      });
      await Promise.all(['Page.enable', 'Runtime.enable', 'Log.enable'].map((m) => browser.send(m, {}, sessionId)));
      const all = await pages(pack);
      let loaded = 0;
      for (const p of all) {
        current = p;
        const load = browser.next('Page.loadEventFired', sessionId);
        const navigated = await browser.send('Page.navigate', { url: pathToFileURL(join(pack, p)).href }, sessionId);
        if (typeof navigated.errorText === 'string') problems.push(`${p}: ${navigated.errorText}`);
        await load;
        const { result } = (await browser.send(
          'Runtime.evaluate',
          { expression: 'document.querySelector("main h1")?.textContent ?? ""', returnByValue: true },
          sessionId,
        )) as { result: { value: string } };
        if (result.value === '') problems.push(`${p}: no heading shown`);
        else loaded++;
      }
      expect(problems).toEqual([]);
      expect(loaded).toBe(all.length);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await browser.send('Browser.close').catch(() => child.kill());
      await exited;
    }
  }, 120_000);
});
