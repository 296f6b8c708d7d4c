// Builds a synthetic register in a new git repository with `git fast-import`: `copies` copies of
// the example register, each with its own record ids, whose records reach their current state
// one lifecycle step at a time over a few thousand commits with cim's messages and Cim-* trailers.
// Branch `main` holds that history; branch `change` (checked out) adds commits that each take one
// more step on one of `changeCount` records, the pull request that `cim validate --base main`
// checks.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fill } from './templates.js';

export const BASE = 'main';
export const BRANCH = 'change';

/**
 * `templates` is what loadTemplates returned. Returns the figures of the repository built and the
 * ids worth timing commands on.
 */
export async function generate({ dir, copies, maxCommits, changeCount, templates: t, env }) {
  mkdirSync(dir, { recursive: true });
  const git = (...args) => run('git', args, dir, env);
  git('init', '-q', '-b', BASE);
  // No automatic gc in the middle of a timed run.
  for (const [key, value] of [
    ['user.name', 'Person 005'],
    ['user.email', 'person-005@example.test'],
    ['commit.gpgsign', 'false'],
    ['gc.auto', '0'],
  ])
    git('config', key, value);

  const steps = templateSteps(t.templates);
  const held = heldBack(t.templates, copies, changeCount);
  const total = steps.length * copies - held.size;
  const perCommit = stepsPerCommit(steps.length, copies, maxCommits, total);

  const importer = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: dir,
    env,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const finished = new Promise((resolve, reject) => {
    importer.on('error', reject);
    importer.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import exited with ${code}`))));
  });
  const write = async (text) => {
    if (!importer.stdin.write(text)) await new Promise((resolve) => importer.stdin.once('drain', resolve));
  };
  const clock = commitClock();
  const idOf = (template, copy) => renumber(template, copy, t.counts);

  await write(
    commit(
      BASE,
      undefined,
      person('person-005'),
      clock('2023-01-09'),
      'cim: start the register\n\nCim-Action: init\n',
      [['cim.yaml', t.config]],
    ),
  );
  let commits = 1;
  for (const s of steps) {
    const all = [];
    for (let copy = 0; copy < copies; copy++) {
      if (s.last && held.has(`${s.index}:${copy}`)) continue;
      all.push(copy);
    }
    for (let at = 0; at < all.length; at += perCommit) {
      const group = all.slice(at, at + perCommit);
      const ids = group.map((copy) => idOf(s.template, copy));
      const files = group.map((copy, n) => [
        `${s.template.kind.folder}/${ids[n]}.yaml`,
        fill(s.version.parts, copy, t.counts),
      ]);
      await write(commit(BASE, undefined, person(s.template.owner), clock(s.version.date), message(s, ids), files));
      commits++;
    }
  }
  let from = `refs/heads/${BASE}`;
  for (const k of held) {
    const [index, copy] = k.split(':').map(Number);
    const template = t.templates[index];
    const version = template.versions[template.versions.length - 1];
    const id = idOf(template, copy);
    const s = { template, version };
    await write(
      commit(BRANCH, from, person(template.owner), clock(version.date), message(s, [id]), [
        [`${template.kind.folder}/${id}.yaml`, fill(version.parts, copy, t.counts)],
      ]),
    );
    from = undefined;
    commits++;
  }
  await write('done\n');
  importer.stdin.end();
  await finished;
  git('symbolic-ref', 'HEAD', `refs/heads/${BRANCH}`);
  git('reset', '-q', '--hard');

  // Timed ids: an NC with the longest history in the middle copy; the scheduled review of the last.
  const nc = t.templates
    .filter((x) => x.kind.prefix === 'NC')
    .reduce((a, b) => (b.versions.length > a.versions.length ? b : a));
  const mrt = t.templates.find((x) => x.kind.prefix === 'MRT' && x.versions.at(-1).status === 'scheduled');
  return {
    records: t.templates.length * copies,
    commits,
    changed: held.size,
    stepsPerCommit: perCommit,
    logId: renumber(nc, Math.floor(copies / 2), t.counts),
    logCommits: nc.versions.length,
    agendaId: mrt ? renumber(mrt, copies - 1, t.counts) : undefined,
    head: git('rev-parse', 'HEAD').trim(),
  };
}

/** Every step of every template, in the order the example register took them. */
function templateSteps(templates) {
  const steps = [];
  for (const [index, template] of templates.entries())
    for (const [n, version] of template.versions.entries())
      steps.push({ index, n, template, version, last: n === template.versions.length - 1 });
  return steps.sort((a, b) =>
    a.version.date !== b.version.date ? (a.version.date < b.version.date ? -1 : 1) : a.index - b.index || a.n - b.n,
  );
}

/** The records whose last step is left for the change branch: from the last copies, records
 * that took more than one step. Keys are `templateIndex:copy`. */
function heldBack(templates, copies, count) {
  const held = new Set();
  for (let copy = copies - 1; copy >= 0 && held.size < count; copy--)
    for (const [index, template] of templates.entries()) {
      if (held.size >= count) break;
      if (template.versions.length > 1) held.add(`${index}:${copy}`);
    }
  return held;
}

/** The largest number of records per commit that still gives at least `maxCommits` commits. */
function stepsPerCommit(stepCount, copies, maxCommits, total) {
  const commitsWith = (g) => stepCount * Math.ceil(copies / g);
  let g = Math.max(1, Math.floor(total / maxCommits));
  while (g > 1 && commitsWith(g) < maxCommits) g--;
  while (commitsWith(g + 1) >= maxCommits && g + 1 <= copies) g++;
  return g;
}

function renumber(template, copy, counts) {
  const [prefix, number] = template.id.split('-');
  const n = copy * counts[prefix] + Number(number);
  return `${prefix}-${String(n).padStart(4, '0')}`;
}

function message({ template, version }, ids) {
  const subject =
    ids.length === 1
      ? `${template.kind.name}(${ids[0]}): ${version.verb} — ${template.title}`
      : `${template.kind.name}: ${version.verb} — ${ids.length} records (${ids[0]} … ${ids.at(-1)})`;
  const trailers = [
    `Cim-Record: ${ids.join(', ')}`,
    `Cim-Action: ${version.verb}`,
    ...(version.from ? [`Cim-From: ${version.from}`] : []),
    `Cim-To: ${version.status}`,
  ];
  return `${subject}\n\n${trailers.join('\n')}\n`;
}

function person(id) {
  const n = id.slice('person-'.length);
  return `Person ${n} <${id}@example.test>`;
}

/** Commit times: the step's date at 09:00 UTC, one second apart, never going back. */
function commitClock() {
  let last = 0;
  return (date) => {
    last = Math.max(last + 1, Date.parse(`${date}T09:00:00Z`) / 1000);
    return last;
  };
}

function commit(branch, from, who, time, msg, files) {
  const parts = [
    `commit refs/heads/${branch}\n`,
    `author ${who} ${time} +0000\n`,
    `committer ${who} ${time} +0000\n`,
    data(msg),
    from ? `from ${from}\n` : '',
  ];
  for (const [path, text] of files) parts.push(`M 100644 inline ${path}\n`, data(text));
  parts.push('\n');
  return parts.join('');
}

function data(text) {
  return `data ${Buffer.byteLength(text)}\n${text}\n`;
}

export function run(cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}
