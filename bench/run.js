// `npm run bench`: times cim on synthetic registers of 1,000, 10,000 and 50,000 records, each with
// a git history of thousands of commits, against the floors no implementation can beat, and writes
// the figures to bench/RESULTS.md. Registers are generated in the system's temporary folder and
// removed afterwards (keep them with --keep).
//
//   node bench/run.js [--sizes 1000,10000] [--runs 5] [--budget 25] [--keep] [--no-write]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BASE, generate, run as runOrThrow } from './generate.js';
import { hasGnuTime, measurer, repeat } from './measure.js';
import { count, linearityTable, markdown, seconds, sizeTable, text, writeResults } from './report.js';
import { loadTemplates } from './templates.js';

const REPO = new URL('..', import.meta.url).pathname;
const CIM = join(REPO, 'bin', 'cim');
const NODE = process.execPath;
const MB = 1024;

const { values: opts } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '5' },
    budget: { type: 'string', default: '25' },
    commits: { type: 'string', default: '10000' },
    keep: { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    'no-gnu-time': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  process.stdout.write(
    [
      'usage: node bench/run.js [options]',
      '  --sizes 1000,10000,50000  register sizes in records (rounded to whole copies of examples/acme)',
      '  --runs 5                  timed runs per command (fewer for slow commands)',
      '  --budget 25               seconds per command before it is run fewer times',
      '  --commits 10000           history length to aim for (each record step is a commit up to this)',
      '  --keep                    keep the generated registers',
      '  --no-write                do not rewrite bench/RESULTS.md',
      '  --no-gnu-time             measure memory in-process instead of with /usr/bin/time',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const started = Date.now();
const sizes = opts.sizes.split(',').map(Number);
const maxRuns = Number(opts.runs);
const budgetMs = Number(opts.budget) * 1000;
const gnuTime = !opts['no-gnu-time'] && hasGnuTime();
const { KINDS } = await import('../dist/domain/kinds/index.js');
const folders = KINDS.map((k) => k.folder);
const templates = loadTemplates(join(REPO, 'examples', 'acme'), KINDS);
const perCopy = templates.templates.length;

// cim never prompts without a terminal (stdin is not one here); git sees only this identity, which
// cim.yaml knows as person-005. CI is unset: under CI cim reads its parse cache but does not write it.
const env = {
  ...process.env,
  NO_COLOR: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Person 005',
  GIT_AUTHOR_EMAIL: 'person-005@example.test',
  GIT_COMMITTER_NAME: 'Person 005',
  GIT_COMMITTER_EMAIL: 'person-005@example.test',
};
delete env.GITHUB_ACTIONS;
delete env.CI;
delete env.CIM_NO_CACHE;

const machine = describeMachine();
log(`cim benchmark — ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, node ${machine.node}, ${machine.git}`);
log(
  `memory from ${gnuTime ? '/usr/bin/time -f %M' : 'process.resourceUsage() in the child'}; medians of up to ${maxRuns} runs\n`,
);

const results = [];
for (const size of sizes) results.push(await benchSize(size));

const LINEAR = [
  ['validate-cold', 'cim validate, cold'],
  ['validate', 'cim validate, warm'],
  ['base', 'cim validate --base'],
  ['status', 'cim status'],
  ['log', 'cim log ID'],
  ['agenda', 'cim agenda MRT-ID'],
  ['open', 'cim nc open'],
  ['floor-parse', 'floor: read + parse'],
];
const linear = linearityTable(results, LINEAR);
if (results.length > 1)
  log(`Linearity: time per record, and per record added between sizes\n${text(linear.head, linear.rows)}\n`);
const wall = (Date.now() - started) / 1000;
log(`Total bench time ${wall.toFixed(0)} s.`);

if (!opts['no-write']) {
  writeResults(join(REPO, 'bench', 'RESULTS.md'), resultsMarkdown(results, linear, wall));
  log('Wrote bench/RESULTS.md.');
}

async function benchSize(size) {
  const copies = Math.max(1, Math.round(size / perCopy));
  const dir = mkdtempSync(join(os.tmpdir(), `cim-bench-${size}-`));
  const scratch = mkdtempSync(join(os.tmpdir(), 'cim-bench-scratch-'));
  const loadBefore = os.loadavg()[0];
  const t0 = Date.now();
  const repo = await generate({
    dir,
    copies,
    maxCommits: Number(opts.commits),
    changeCount: 100,
    templates,
    env,
  });
  const generateMs = Date.now() - t0;
  log(
    `== ${count(repo.records)} records, ${count(repo.commits)} commits (${repo.stepsPerCommit} record step${repo.stepsPerCommit > 1 ? 's' : ''} per commit), generated in ${seconds(generateMs)} in ${dir}`,
  );

  const once = measurer(scratch, gnuTime);
  const git = (...args) => runOrThrow('git', args, dir, env);
  const reset = () => {
    git('reset', '-q', '--hard', repo.head);
    git('clean', '-fdq');
  };
  const measure = (cmd, args, extra = {}) =>
    repeat(once, cmd, args, { cwd: dir, env, maxRuns, budgetMs, ok: (r) => r.code === 0, ...extra });
  const today = new Date().toISOString().slice(0, 10);
  const addDays = (days) => new Date(Date.now() + days * 864e5).toISOString().slice(0, 10);
  const ref = (prefix, n) => `${prefix}-${String((copies - 1) * templates.counts[prefix] + n).padStart(4, '0')}`;

  // Floors: what a process that only does the unavoidable work costs.
  const floorFile = 'nonconformities/FLOOR.yaml';
  const floors = [
    ['node', 'node -e 0', () => measure(NODE, ['-e', '0'])],
    [
      'parse',
      'read + parse every record (yaml)',
      () => measure(NODE, [join(REPO, 'bench', 'floor-parse.js'), dir, ...folders]),
    ],
    [
      'commit',
      'git commit of one file',
      () =>
        measure('git', ['commit', '-q', '-m', 'floor', '--', floorFile], {
          before: () => {
            reset();
            writeFileSync(join(dir, floorFile), `id: FLOOR\nraised_on: ${today}\n`);
            git('add', floorFile);
          },
        }),
    ],
    ['gitlog', 'git log of one file', () => measure('git', ['log', '--raw', '--no-abbrev', '--', fileOf(repo.logId)])],
  ].map(([key, label, fn]) => ({ key, label, m: fn() }));
  reset();
  const floor = Object.fromEntries(floors.map((f) => [f.key, f.m.ms]));

  const ncOpen = [
    'nc',
    'open',
    ...['--title', 'Restore test not performed in the third quarter'],
    ...['--grade', 'minor'],
    ...['--source-type', 'incident'],
    ...['--source-ref', ref('INC', 1)],
    ...['--requirement', 'A.8.13,8.1'],
    ...['--area', 'platform'],
    ...['--owner', 'person-007'],
    ...['--description', 'The quarterly restore test of the production database backups was not performed.'],
    ...['--raised-by', 'person-005'],
    ...['--raised-on', today],
    ...['--evidence', 'Backup runbook log for the quarter shows no restore test entry.'],
    ...['--respond-by', addDays(14)],
    ...['--close-by', addDays(90)],
    ...['--refs', ref('CHG', 1)],
    ...['--notes', 'Synthetic record written by the benchmark.'],
  ];
  const committed = (r) => r.code === 0 && git('rev-parse', 'HEAD').trim() !== repo.head;
  const commands = [
    { key: 'version', label: 'cim --version', args: ['--version'], floor: ['node start', floor.node], ratioTarget: 2 },
    {
      key: 'validate-cold',
      label: 'cim validate, cold (no parse cache: a fresh clone, CI)',
      args: ['validate'],
      env: { CIM_NO_CACHE: '1' },
      ok: okOrInvalid,
      floor: ['read + parse', floor.parse],
      ratioTarget: 1.5,
      at10k: 1000,
    },
    {
      key: 'validate',
      label: 'cim validate, warm (parse cache filled by an earlier run)',
      args: ['validate'],
      ok: okOrInvalid,
      floor: ['read + parse', floor.parse],
      ratioTarget: 1.5,
      at10k: 1000,
    },
    {
      key: 'base',
      label: `cim validate --base ${BASE} (${repo.changed} records changed)`,
      args: ['validate', '--base', BASE],
      ok: okOrInvalid,
      floor: ['read + parse', floor.parse],
    },
    {
      key: 'status',
      label: 'cim status',
      args: ['status'],
      ok: okOrInvalid,
      floor: ['read + parse', floor.parse],
      optional: true,
    },
    {
      key: 'log',
      label: `cim log ${repo.logId} (${repo.logCommits} commits)`,
      args: ['log', repo.logId],
      floor: ['git log', floor.gitlog],
      msTarget: 500,
    },
    ...(repo.agendaId
      ? [
          {
            key: 'agenda',
            label: `cim agenda ${repo.agendaId}`,
            args: ['agenda', repo.agendaId],
            floor: ['read + parse', floor.parse],
            optional: true,
          },
        ]
      : []),
    {
      key: 'open',
      label: 'cim nc open (all flags, commit)',
      args: ncOpen,
      ok: committed,
      before: reset,
      floor: ['node + git commit', floor.node + floor.commit],
      ratioTarget: 2,
    },
  ];

  const rows = [];
  let validation;
  for (const c of commands) {
    const row = { key: c.key, label: c.label };
    rows.push(row);
    try {
      const runEnv = c.env ? { ...env, ...c.env } : env;
      // Every command but the cold one runs once untimed first, as on a machine where cim has run
      // before: its caches (parsed records, the highest ids in history) are filled.
      if (!c.env) {
        c.before?.();
        once(NODE, [CIM, ...c.args], { cwd: dir, env: runEnv });
      }
      row.m = measure(NODE, [CIM, ...c.args], {
        env: runEnv,
        ok: c.ok ?? ((r) => r.code === 0),
        ...(c.before ? { before: c.before } : {}),
      });
    } catch (e) {
      const r = e.result;
      if (!r) throw e;
      row.na =
        c.optional && /unknown command/i.test(r.stderr)
          ? 'n/a (not available)'
          : `failed (exit ${r.code}: ${(r.stderr.trim().split('\n')[0] || r.stdout.trim().split('\n').at(-1) || '').slice(0, 100)})`;
      if (c.before) reset();
      continue;
    }
    if (c.before) reset();
    if (c.key === 'validate-cold') validation = summarise(row.m.first.stdout);
    if (c.key === 'base') row.summary = summarise(row.m.first.stdout).line;
    [row.floorLabel, row.floorMs] = c.floor;
    row.ratio = row.m.ms / row.floorMs;
    const verdicts = [];
    if (c.ratioTarget) verdicts.push(`≤ ${c.ratioTarget}× ${mark(row.ratio <= c.ratioTarget)}`);
    if (c.msTarget) verdicts.push(`≤ ${c.msTarget / 1000} s ${mark(row.m.ms <= c.msTarget)}`);
    if (c.at10k && Math.abs(repo.records - 10000) <= 1000)
      verdicts.push(`≈ ${c.at10k / 1000} s at 10k ${mark(row.m.ms <= c.at10k)}`);
    row.targetText = verdicts.join('; ');
    if (repo.records >= 45000 && row.m.rssKb !== undefined) row.memory = `(≤ 300 MB ${mark(row.m.rssKb <= 300 * MB)})`;
  }
  rows.push(
    ...floors
      .filter((f) => f.key === 'parse')
      .map((f) => ({ key: 'floor-parse', label: f.label, m: f.m, hidden: true })),
  );

  const size_ = {
    size,
    dir,
    records: repo.records,
    commits: repo.commits,
    stepsPerCommit: repo.stepsPerCommit,
    changed: repo.changed,
    generateMs,
    validation,
    baseSummary: rows.find((r) => r.key === 'base')?.summary,
    rows: rows.filter((r) => !r.hidden),
    floors,
    load: [loadBefore, os.loadavg()[0]],
  };
  const table = sizeTable(size_);
  log(text(table.head, table.rows));
  if (validation) log(`validate: ${validation.line}${validation.rules ? `\n  ${validation.rules}` : ''}`);
  if (size_.baseSummary) log(`validate --base: ${size_.baseSummary}`);
  log(`load average ${size_.load.map((l) => l.toFixed(2)).join(' → ')}\n`);

  if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
  // Linearity reads every row, floors included.
  return { ...size_, rows };
}

function okOrInvalid(r) {
  return r.code === 0 || r.code === 1;
}

function fileOf(id) {
  const kind = KINDS.find((k) => id.startsWith(`${k.prefix}-`));
  return `${kind.folder}/${id}.yaml`;
}

function mark(met) {
  return met ? 'met' : 'MISSED';
}

/** The last line of `cim validate`'s text output, and its findings counted by rule. */
function summarise(stdout) {
  const lines = stdout.trim().split('\n');
  const byRule = new Map();
  for (const l of lines) {
    const m = /^\S+:\d+:\d+\s+(error|warning)\s+(\S+)/.exec(l);
    if (m) byRule.set(`${m[1]} ${m[2]}`, (byRule.get(`${m[1]} ${m[2]}`) ?? 0) + 1);
  }
  const rules = [...byRule]
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${r} ×${n}`)
    .join(', ');
  return { line: lines.at(-1) ?? '', rules };
}

function describeMachine() {
  const cpus = os.cpus();
  const gitVersion = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    cpu: cpus[0]?.model ?? 'unknown CPU',
    cores: os.availableParallelism?.() ?? cpus.length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    git: gitVersion,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

function resultsMarkdown(sizes, linear, wall) {
  const out = [
    `Run on ${machine.date}: \`node bench/run.js ${process.argv.slice(2).join(' ')}\`, ${wall.toFixed(0)} s in all.`,
    '',
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory}, ${machine.os}`,
    `- Node ${machine.node}, ${machine.git}; memory measured with ${gnuTime ? '`/usr/bin/time -f %M`' : '`process.resourceUsage().maxRSS`'}`,
    '- Registers: copies of examples/acme (every kind, every state), each copy with its own ids, people as person-001…;',
    '  history built with `git fast-import`, one commit per lifecycle step (several records per commit where the',
    '  history would otherwise pass the commit target), cim-style messages with Cim-* trailers.',
    '- Times are medians of wall-clock time over the runs shown (a first run under 1 s is a discarded warm-up);',
    '  cpu is user + system time. Ratios divide the median by the floor named.',
    '',
  ];
  for (const s of sizes) {
    const t = sizeTable({ ...s, rows: s.rows.filter((r) => r.key !== 'floor-parse') });
    out.push(
      `### ${count(s.records)} records, ${count(s.commits)} commits`,
      '',
      `Generated in ${seconds(s.generateMs)} (${s.stepsPerCommit} record step${s.stepsPerCommit > 1 ? 's' : ''} per commit); load average ${s.load.map((l) => l.toFixed(2)).join(' → ')}.`,
      '',
      markdown(t.head, t.rows),
      '',
      `- \`cim validate\`: ${s.validation?.line ?? '—'}${s.validation?.rules ? ` — ${s.validation.rules}` : ''}`,
      ...(s.baseSummary ? [`- \`cim validate --base\`: ${s.baseSummary}`] : []),
      '',
    );
  }
  if (sizes.length > 1) out.push('### Linearity', '', markdown(linear.head, linear.rows), '');
  return out.join('\n');
}

function log(line) {
  process.stdout.write(`${line}\n`);
}
