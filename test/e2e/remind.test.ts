// `cim remind` as a user runs it, on a copy of the example register; and the reminders workflow's
// script, run against a stand-in for `gh` that keeps its issues in a JSON file.
import { spawn, spawnSync } from 'node:child_process';
import { chmod, cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, REPO, runCli, testEnv } from '../helpers/cli.js';
import { BASE_CONFIG, tempRegister, writeTree } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const AS_OF = '2026-12-02';

interface Person {
  id: string;
  name: string;
  overdue: { id: string; command?: string }[];
  soon: { id: string }[];
}

describe('cim remind on the example register', () => {
  let root: string;
  let json: { asOf: string; days: number; people: Person[] };
  beforeAll(async () => {
    root = await writeTree({});
    await cp(join(REPO, 'examples', 'acme'), root, { recursive: true });
    const result = await runCli(['remind', '--as-of', AS_OF, '--json'], { cwd: root });
    expect(result.code).toBe(0);
    json = JSON.parse(result.stdout) as typeof json;
  });

  it('json lists every person in cim.yaml, those with nothing due too', async () => {
    const config = parse(await readFile(join(root, 'cim.yaml'), 'utf8')) as { people: { id: string }[] };
    expect(json.people.map((p) => p.id)).toEqual(config.people.map((p) => p.id));
    expect(json.people.some((p) => p.overdue.length + p.soon.length === 0)).toBe(true);
    expect(json.people.some((p) => p.overdue.length > 0)).toBe(true);
    expect(json).toMatchObject({ asOf: AS_OF, days: 14 });
  });

  it('text: exit 0 with items overdue, each person with something due, each item with its command', async () => {
    const result = await runCli(['remind', '--as-of', AS_OF, '--format', 'text'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    for (const p of json.people) {
      const heading = `${p.name} (${p.id})`;
      if (p.overdue.length + p.soon.length === 0) expect(result.stdout).not.toContain(heading);
      else expect(result.stdout).toContain(heading);
      for (const i of p.overdue) if (i.command) expect(result.stdout).toContain(i.command);
    }
    expect(result.stdout).toMatch(/\d+ days overdue/);
  });

  it('markdown for one person: one section, a checkbox per item', async () => {
    const busy = json.people.find((p) => p.overdue.length + p.soon.length > 1)!;
    const result = await runCli(['remind', '--as-of', AS_OF, '--person', busy.name, '--format', 'markdown'], {
      cwd: root,
    });
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^## .*/gm)).toEqual([`## ${busy.name}`]);
    expect(result.stdout.match(/^- \[ \] /gm)).toHaveLength(busy.overdue.length + busy.soon.length);
  });

  it('ics for one person: a calendar with an event per item, stamped with the as-of date', async () => {
    const busy = json.people.find((p) => p.overdue.length + p.soon.length > 1)!;
    const result = await runCli(['remind', '--as-of', AS_OF, '--person', busy.id, '--format', 'ics', '--days', '14'], {
      cwd: root,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    expect(result.stdout.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(busy.overdue.length + busy.soon.length);
    expect(result.stdout.match(/^DTSTAMP:(.*)\r$/gm)?.every((l) => l === 'DTSTAMP:20261202T000000Z\r')).toBe(true);
  });

  it.each([
    [['--days', 'soon'], '--days soon is not a number of days'],
    [['--person', 'nobody'], '--person nobody is no person in cim.yaml'],
    [['--json', '--format', 'ics'], 'ask for two formats'],
  ])('%s is a usage error (exit 2)', async (args, message) => {
    const result = await runCli(['remind', '--as-of', AS_OF, ...args], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });

  it('exits 2 where there is no register to read', async () => {
    const result = await runCli(['remind'], { cwd: await writeTree({ 'notes.txt': 'no register here' }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cim: /);
  });
});

/** A stand-in for gh: issues in a JSON file, every call logged, --jq handed to jq as gh does. */
const FAKE_GH = `#!/usr/bin/env node
const { appendFileSync, readFileSync, writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const args = process.argv.slice(2);
const state = JSON.parse(readFileSync(process.env.FAKE_GH_STATE, 'utf8'));
appendFileSync(process.env.FAKE_GH_LOG, JSON.stringify(args) + '\\n');
const flag = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const save = () => writeFileSync(process.env.FAKE_GH_STATE, JSON.stringify(state, null, 2));
const print = (data) => {
  const jq = flag('--jq');
  const text = JSON.stringify(data);
  process.stdout.write(jq ? execFileSync('jq', ['-r', jq], { input: text }) : text + '\\n');
};
const issue = (n) => state.issues.find((i) => i.number === Number(n));
const [group, verb, target] = args;
if (group === 'label') process.exit(0);
if (verb === 'list') {
  const label = flag('--label');
  const fields = flag('--json').split(',');
  const found = state.issues.filter((i) => i.state === 'open' && i.labels.includes(label));
  print(found.map((i) => Object.fromEntries(fields.map((f) => [f, i[f]]))));
} else if (verb === 'view') print({ body: issue(target).body });
else if (verb === 'create') {
  const number = Math.max(0, ...state.issues.map((i) => i.number)) + 1;
  state.issues.push({ number, title: flag('--title'), body: flag('--body'), labels: [flag('--label')], state: 'open' });
  save();
  console.log('https://github.example/issues/' + number);
} else if (verb === 'edit') { issue(target).body = flag('--body'); save(); }
else if (verb === 'close') { issue(target).state = 'closed'; save(); }
else { console.error('fake gh: unknown call ' + args.join(' ')); process.exit(1); }
`;

interface Issue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
}

const hasJq = spawnSync('jq', ['--version']).status === 0;

describe.skipIf(!hasJq)('the reminders workflow script, with a stand-in for gh', () => {
  let register: string;
  let bin: string;
  beforeAll(async () => {
    register = await tempRegister({
      'cim.yaml': BASE_CONFIG,
      ...r.files(
        r.nc({ raised_on: '2026-06-01', respond_by: '2026-06-20', close_by: '2026-09-30' }),
        r.ca({ owner: 'bob', due: '2026-07-05' }),
      ),
    });
    bin = await writeTree({ gh: FAKE_GH });
    await chmod(join(bin, 'gh'), 0o755);
  });

  /** Runs the script on issues as given; returns the issues after, the gh calls made and the output. */
  async function run(issues: Issue[]): Promise<{ issues: Issue[]; calls: string[][]; stdout: string }> {
    const dir = await writeTree({ 'state.json': JSON.stringify({ issues }), 'log.jsonl': '' });
    const env = await testEnv({
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_GH_STATE: join(dir, 'state.json'),
      FAKE_GH_LOG: join(dir, 'log.jsonl'),
      CIM: `${process.execPath} ${BIN}`,
      REGISTER_DIR: register,
      REMIND_AS_OF: '2026-06-30',
    });
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve, reject) => {
        const child = spawn('bash', [join(REPO, 'examples', 'ci', 'reminders.sh')], { env, cwd: dir });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', reject);
        child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const log = await readFile(join(dir, 'log.jsonl'), 'utf8');
    const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')) as { issues: Issue[] };
    return {
      issues: state.issues,
      calls: log
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as string[]),
      stdout,
    };
  }

  const changes = (calls: string[][]) =>
    calls.filter((c) => c[0] === 'issue' && ['create', 'edit', 'close'].includes(c[1]!));
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    first = await run([]);
  });

  it('opens one issue per person with something due, labelled, with their reminders as its body', () => {
    const open = first.issues.filter((i) => i.state === 'open');
    expect(open.map((i) => i.title)).toEqual(['cim reminders: Alice Example', 'cim reminders: Bob Example']);
    expect(open.every((i) => i.labels.includes('cim-reminder'))).toBe(true);
    expect(open[0]!.body).toMatch(/^## Alice Example\n/);
    expect(open[0]!.body).toContain('`cim nc correct NC-0001`');
    expect(open[1]!.body).toContain('`cim ca start CA-0001`');
  });

  it('changes nothing when run again the same day', async () => {
    const again = await run(first.issues);
    expect(changes(again.calls)).toEqual([]);
    expect(again.issues).toEqual(first.issues);
    expect(again.stdout).toContain('is up to date');
  });

  it('updates a stale body, closes a duplicate, a clear person and a person who left, opens what is missing', async () => {
    const [alice] = first.issues;
    const issue = (number: number, title: string, body = 'old'): Issue => ({
      number,
      title: `cim reminders: ${title}`,
      body,
      labels: ['cim-reminder'],
      state: 'open',
    });
    const after = await run([
      issue(3, 'Alice Example'),
      issue(4, 'Alice Example', alice!.body),
      issue(5, 'Carol Example'),
      issue(6, 'Dave Former'),
      { ...issue(7, 'Alice Example'), labels: ['other'] },
    ]);
    expect(changes(after.calls).map((c) => c.slice(0, 3))).toEqual([
      ['issue', 'close', '4'],
      ['issue', 'edit', '3'],
      ['issue', 'create', '--title'],
      ['issue', 'close', '5'],
      ['issue', 'close', '6'],
    ]);
    const byNumber = new Map(after.issues.map((i) => [i.number, i]));
    expect(byNumber.get(3)).toMatchObject({ state: 'open', body: alice!.body });
    expect(byNumber.get(7)).toMatchObject({ state: 'open', body: 'old' });
    expect(after.issues.filter((i) => i.state === 'open').map((i) => i.title)).toEqual([
      'cim reminders: Alice Example',
      'cim reminders: Alice Example',
      'cim reminders: Bob Example',
    ]);
  });
});

describe('the reminders workflow', () => {
  it('runs on weekdays and by hand, may write issues only, and keeps expressions out of its scripts', async () => {
    const text = await readFile(join(REPO, 'examples', 'ci', 'reminders.yml'), 'utf8');
    const workflow = parse(text) as {
      on: { schedule: { cron: string }[]; workflow_dispatch: unknown };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { uses?: string; run?: string }[] }>;
    };
    expect(workflow.on.schedule[0]!.cron).toMatch(/ 1-5$/);
    expect(workflow.on).toHaveProperty('workflow_dispatch');
    expect(workflow.permissions).toEqual({ contents: 'read', issues: 'write' });
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    expect(steps.flatMap((s) => (s.uses ? [s.uses.split('@')[0]] : []))).toEqual([
      'actions/checkout',
      'actions/setup-node',
    ]);
    for (const step of steps) expect(step.run ?? '').not.toContain('${{');
    expect(steps.some((s) => s.run?.includes('cim-reminders.sh'))).toBe(true);
  });
});
