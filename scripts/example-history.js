// Builds the example register afresh, in a new git repository whose history cim itself made:
// `cim init`, the example's cim.yaml, then every record of examples/acme created and taken through
// its lifecycle by cim's own commands, each on the day it happened. `cim validate --history`
// passes there; on examples/acme inside this repository it cannot, since those records were
// written as files.
//
//   node scripts/example-history.js DIR [--spawn] [--verbose]     (after `npm run build`)
//
// The steps are derived, not listed. A record's steps are the first path through its kind's
// lifecycle table, in table order, whose every step records only what the record holds (with the
// few facts the tables cannot say, in `possible`); each step's flags are the inputs cim derives
// for it (dist/domain/inputs.js), filled from the record; it is taken on its event date (as
// CIM_TODAY, and the commit's dates), once what it refers to exists. Fields no step records are set
// with `cim edit`; an NC's agreed extensions with `cim nc extend`, on the day each was agreed; a
// review's decisions and actions with `cim mrt decide` and `cim mrt action` on the day it was held,
// and each action with `cim mrt done` on the day it was done; evidence with `cim attach` on the day
// it was added.
// What cim cannot produce is marked WORKAROUND. By default cim runs in this process, one command
// at a time; --spawn runs bin/cim for each command instead: the same commits, several times slower.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

// cim itself, as built: the script reads its kind tables and runs its commands.
const MODULES = [
  'cli/main',
  'domain/engine',
  'domain/history',
  'domain/inputs',
  'domain/fields',
  'domain/kinds/index',
  'domain/validate/zod-walk',
  'io/yaml',
];
let cim;
try {
  const modules = MODULES.map((m) => import(new URL(`../dist/${m}.js`, import.meta.url).href));
  cim = Object.assign({}, ...(await Promise.all(modules)));
} catch (e) {
  console.error(`example-history: cannot load cim from dist/: ${e instanceof Error ? e.message : String(e)}`);
  console.error('  hint: run `npm run build` first (`npm run example:history -- DIR` does)');
  process.exit(2);
}
const { run, getPath, isFinal, inputsFor, lifecycleFields, requirementId, KINDS, refFields, valuesAt, parseYaml } = cim;

const EXAMPLE = fileURLToPath(new URL('../examples/acme/', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/cim', import.meta.url));
const MANAGED = new Set(['id', 'status', 'created']);

// ---------------------------------------------------------------------------------------------
// The example

async function loadExample() {
  const config = parseYaml(await readFile(join(EXAMPLE, 'cim.yaml'), 'utf8'), 'cim.yaml').data;
  const records = new Map();
  for (const kind of KINDS) {
    const names = (await readdir(join(EXAMPLE, kind.folder))).filter((n) => n.endsWith('.yaml')).sort();
    for (const name of names) {
      const file = `${kind.folder}/${name}`;
      const { data, doc } = parseYaml(await readFile(join(EXAMPLE, file), 'utf8'), file);
      records.set(data.id, { kind, id: data.id, file, data, doc });
    }
  }
  return { config, records };
}

const at = (data, path) => getPath(data, path.split('.'));
const ids = (value) => (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String);
const latest = (dates) => dates.filter(Boolean).sort().at(-1);

/**
 * A record's data as cim reads it: a clause YAML reads as a number (`6.1`) is the clause cim
 * writes as text (`"6.1"`). Records hold no other numbers.
 */
function asRead(kind, data) {
  const copy = structuredClone(data);
  for (const { pattern } of refFields(kind.shape).filter((f) => f.role.role === 'requirement')) {
    for (const { path, value } of valuesAt(copy, pattern)) {
      const parent = path.slice(0, -1).reduce((v, seg) => v[seg], copy);
      parent[path.at(-1)] = requirementId(value);
    }
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------
// Planning: every record's steps, each with its date, its flags and what it waits for

/**
 * One command. `needs` lists what must have happened first: a record existing, or having reached
 * a state. `fixed` steps create a record, whose `created` is the day they run, so they cannot wait.
 */
function step(record, date, args, extra = {}) {
  return { record: record.id, date, args, author: record.data.owner, needs: [], sets: [], ...extra };
}

/** What a record names in the values a step records: each must exist; a management review named
 * as where something was presented, decided or reported must have been held. */
function needsOf(inputs, values, self) {
  const needs = [];
  for (const input of inputs) {
    if (input.type !== 'record') continue;
    const state = input.kinds?.length === 1 && input.kinds[0] === 'mrt' ? 'held' : 'exists';
    for (const id of ids(values(input))) {
      const target = id.split('#')[0];
      if (target !== self) needs.push({ id: target, state });
    }
  }
  return needs;
}

/** A flag's text: lists comma-separated, booleans yes or no. */
function flagText(input, value) {
  if (input.list) return value.map(String).join(',');
  if (input.type === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** The flags of a step's inputs, filled from the record (from its `item`th list item, for a step
 * that appends one), leaving out what it does not hold and what a later edit sets. */
function flagsFor(inputs, data, item, skip = new Set()) {
  const value = (input) => {
    if (!input.append) return at(data, input.path);
    const entry = at(data, input.append)?.[item];
    return entry === undefined ? undefined : at(entry, input.path);
  };
  const args = inputs
    .filter((i) => value(i) !== undefined && !skip.has(i.path.split('.')[0]))
    .map((i) => `--${i.flag}=${flagText(i, value(i))}`);
  return { args, value };
}

/** The previous record of the same kind: ids are given in order, so it must exist first. */
function previousId(id) {
  const m = /^(.*-)(\d+)$/.exec(id);
  const n = Number(m[2]) - 1;
  return n > 0 ? `${m[1]}${String(n).padStart(m[2].length, '0')}` : undefined;
}

/** The nonconformity's live corrective actions. */
const liveActions = (nc, records) =>
  [...records.values()].filter((r) => r.kind.name === 'ca' && r.data.nc === nc.id && r.data.status !== 'cancelled');

/**
 * What the tables cannot say about whether a step was taken: an NC is actioned when one of its
 * actions was planned since its analysis (or last reopening), and verified only when every action
 * was reviewed and nothing reopened it after; an incident was investigated when it says what the
 * investigation found, or is under investigation now; a renewal shows only as a later approval.
 */
function possible(record, t, reopens, records) {
  const { kind, data } = record;
  if (kind.name === 'nc' && t.verb === 'action') return segmentAction(record, reopens, records) !== undefined;
  if (kind.name === 'nc' && t.verb === 'verify') {
    const live = liveActions(record, records);
    return reopens === (data.reopened?.length ?? 0) && live.length > 0 && live.every((a) => a.data.effectiveness);
  }
  if (kind.name === 'incident' && t.verb === 'investigate')
    return data.investigation !== undefined || data.status === 'investigating';
  if (kind.name === 'exception' && t.verb === 'renew') return false;
  return true;
}

/** The first live action planned in the NC's `reopens`th analysis: after the last reopening. */
function segmentAction(nc, reopens, records) {
  const since = reopens === 0 ? '' : nc.data.reopened[reopens - 1].on;
  return liveActions(nc, records)
    .filter((a) => a.data.created >= since)
    .sort((a, b) => a.data.created.localeCompare(b.data.created) || a.id.localeCompare(b.id))[0];
}

/**
 * The record's path through its lifecycle: the first, in table order, from its creating step to
 * its state in which every step records only what the record holds and a step that appends to a
 * list (a reopening, a progress review) is taken once for each item it holds.
 */
function lifecyclePath(record, records) {
  const { kind, data } = record;
  const has = (p) => at(data, p) !== undefined;
  const appends = (t) => inputsFor(kind, t).find((i) => i.append)?.append;
  const count = (t) => (appends(t) ? (at(data, appends(t))?.length ?? 0) : undefined);
  const steps = kind.transitions.filter((t) => t.from.length > 0 && t.requires.every(has));
  const appending = steps.filter((t) => count(t) !== undefined);
  const walk = (state, path, used, seen) => {
    const n = (t) => path.filter((p) => p === t).length;
    if (state === data.status && appending.every((t) => n(t) === count(t))) return path;
    const reopens = path.filter((t) => t.verb === 'reopen').length;
    for (const t of steps.filter((s) => s.from.includes(state))) {
      if (count(t) !== undefined && n(t) >= count(t)) continue;
      const key = `${t.to}|${used + (count(t) !== undefined ? 1 : 0)}`;
      if (seen.has(key) || !possible(record, t, reopens, records)) continue;
      const found = walk(t.to, [...path, t], used + (count(t) !== undefined ? 1 : 0), new Set([...seen, key]));
      if (found) return found;
    }
    return undefined;
  };
  const initial = kind.transitions.find((t) => t.from.length === 0);
  const path = walk(initial.to, [], 0, new Set([`${initial.to}|0`]));
  if (!path) throw new Error(`${record.id}: no path through the ${kind.name} lifecycle leads to ${data.status}`);
  return path;
}

/** The person who took a step, when the record names them and they are on the staff; else the
 * record's owner. External auditors are named in records but do not keep the register. */
function authorOf(record, inputs, value, staff) {
  for (const input of inputs) {
    if (input.fallback !== 'actor') continue;
    const who = value(input);
    if (staff.has(who)) return who;
  }
  return record.data.owner;
}

/** An NC's close_by moved by each extension it records, on the day it was agreed, by its approver. */
function extensionSteps(record, staff) {
  return (record.data.extensions ?? []).map((x) =>
    step(
      record,
      x.on,
      ['nc', 'extend', record.id, `--to=${x.to}`, `--reason=${x.reason}`, `--approved-by=${x.approved_by}`],
      { author: staff.has(x.approved_by) ? x.approved_by : record.data.owner, sets: ['close_by', 'extensions'] },
    ),
  );
}

/**
 * The evidence a record holds, attached with `cim attach` from the example's evidence/ folder on
 * the day it was added, by whoever added it: files added together (the same day, person and
 * note) in one step.
 */
function attachSteps(record, staff) {
  const groups = [];
  for (const a of record.data.attachments ?? []) {
    const last = groups.at(-1);
    if (last && last.on === a.added_on && last.by === a.added_by && last.note === a.note) last.files.push(a.file);
    else groups.push({ on: a.added_on, by: a.added_by, note: a.note, files: [a.file] });
  }
  return groups.map((g) =>
    step(
      record,
      g.on,
      [
        'attach',
        record.id,
        ...g.files.map((f) => join(EXAMPLE, f)),
        `--by=${g.by}`,
        ...(g.note === undefined ? [] : [`--note=${g.note}`]),
      ],
      { author: staff.has(g.by) ? g.by : record.data.owner, sets: ['attachments'] },
    ),
  );
}

/** Dates the certification body set or met, recorded on the day each was met: the plan's acceptance. */
function certificationEdits(record) {
  const c = record.data.certification;
  if (!c?.plan_accepted_on) return [];
  return [{ date: c.plan_accepted_on, sets: { certification: c } }];
}

/** `cim edit ID --set key=value…`; values are written as JSON, which YAML reads back exactly. */
function editArgs(id, sets) {
  return [
    'edit',
    id,
    ...Object.entries(sets).flatMap(([k, v]) =>
      v === undefined ? ['--unset', k] : ['--set', `${k}=${JSON.stringify(v)}`],
    ),
  ];
}

/**
 * What a management review produced, each by its own step: its decisions and actions recorded on
 * the day it was held (`cim mrt decide`, `cim mrt action`), and each action marked done on the day
 * it was done (`cim mrt done`), before or after the minutes were approved.
 */
function reviewSteps(record, staff) {
  const { data } = record;
  if (!data.held_on) return [];
  const by = (person) => (staff.has(person) ? person : data.owner);
  const decided = (data.decisions ?? []).map((d) =>
    step(record, data.held_on, ['mrt', 'decide', data.id, `--type=${d.type}`, `--text=${d.text}`], {
      sets: ['decisions'],
    }),
  );
  const agreed = (data.actions ?? []).map((a) =>
    step(record, data.held_on, ['mrt', 'action', data.id, `--text=${a.text}`, `--owner=${a.owner}`, `--due=${a.due}`], {
      sets: ['actions'],
    }),
  );
  const done = (data.actions ?? [])
    .filter((a) => a.status === 'done')
    .map((a) =>
      step(record, a.done_on, ['mrt', 'done', data.id, a.ref, `--on=${a.done_on}`, `--evidence=${a.evidence}`], {
        author: by(a.owner),
        sets: ['actions'],
      }),
    );
  return [...decided, ...agreed, ...done];
}

/** The top-level fields a step's inputs set. */
const fieldsOf = (inputs) => [...new Set(inputs.map((i) => (i.append ?? i.path).split('.')[0]))];

/** Every step of one record, in its order; an audit's findings with the records they raise. */
function planRecord(record, example, raisedBy, staff) {
  const { records } = example;
  const { kind, data } = record;
  const creating = kind.transitions.find((t) => t.from.length === 0);
  const agreed = certificationEdits(record);
  const extensions = extensionSteps(record, staff);
  const review = kind.name === 'mrt' ? reviewSteps(record, staff) : [];
  const attached = attachSteps(record, staff);
  const edits = agreed;
  // Left to the dated edits, the extensions and the attachments.
  const edited = new Set([
    ...edits.flatMap((e) => Object.keys(e.sets)),
    ...[...extensions, ...review, ...attached].flatMap((x) => x.sets),
  ]);

  const steps = [];
  if (!raisedBy.has(record.id)) {
    const inputs = inputsFor(kind, creating);
    const { args, value } = flagsFor(inputs, data, undefined, edited);
    const previous = previousId(record.id);
    steps.push(
      step(record, data.created, [kind.name, creating.verb, ...args], {
        verb: creating.verb,
        to: creating.to,
        creates: { id: record.id, state: creating.to },
        fixed: true,
        author: authorOf(record, inputs, value, staff),
        sets: fieldsOf(inputs).filter((k) => !edited.has(k)),
        needs: [...(previous ? [{ id: previous, state: 'exists' }] : []), ...needsOf(inputs, value, record.id)],
      }),
    );
  }
  const used = new Map();
  for (const t of lifecyclePath(record, records)) {
    const inputs = inputsFor(kind, t);
    const item = used.get(t) ?? 0;
    used.set(t, item + 1);
    const { args, value } = flagsFor(inputs, data, item);
    const needs = needsOf(inputs, value, record.id);
    let date = latest(inputs.filter((i) => i.fallback === 'today').map(value));
    if (kind.name === 'nc' && t.verb === 'action') {
      const action = segmentAction(record, steps.filter((s) => s.verb === 'reopen').length, records);
      needs.push({ id: action.id, state: 'exists' });
      date = action.data.created;
    } else if (kind.name === 'nc' && t.verb === 'verify') {
      const live = liveActions(record, records);
      needs.push(...live.map((a) => ({ id: a.id, state: 'verified' })));
      date = latest(live.map((a) => a.data.effectiveness.reviewed_on));
    } else if (kind.name === 'incident' && t.verb === 'investigate') {
      date = data.created;
    } else if (kind.name === 'audit' && t.verb === 'close') {
      date = records.get(data.reported_to).data.held_on;
    }
    steps.push(
      step(record, latest([date, steps.at(-1)?.date ?? data.created]), [kind.name, t.verb, record.id, ...args], {
        verb: t.verb,
        to: t.to,
        author: authorOf(record, inputs, value, staff),
        sets: [...new Set([...t.requires, ...(t.offers ?? [])].map((p) => p.split('.')[0]))],
        needs,
      }),
    );
    if (kind.name === 'audit' && t.verb === 'report') steps.push(...findingSteps(record, example, staff));
  }

  // Dated edits and the steps outside the lifecycle table go in among the steps by date.
  const edit = (e) => step(record, e.date, editArgs(record.id, e.sets), { sets: Object.keys(e.sets) });
  for (const e of agreed) steps.splice(steps.findLastIndex((s) => s.date <= e.date) + 1, 0, edit(e));
  for (const x of [...extensions, ...review, ...attached])
    steps.splice(steps.findLastIndex((s) => s.date <= x.date) + 1, 0, x);

  // WORKAROUND: a field the lifecycle sets, held in a state no step that sets it leads to.
  const controlled = lifecycleFields(kind);
  const set = new Set(steps.flatMap((s) => s.sets));
  const orphans = Object.keys(data).filter((k) => controlled.has(k) && !set.has(k));
  if (orphans.length) {
    const setting = kind.transitions.filter((t) => t.requires.some((p) => orphans.includes(p.split('.')[0])));
    const inputs = setting.flatMap((t) => inputsFor(kind, t)).filter((i) => orphans.includes(i.path.split('.')[0]));
    steps.push(
      step(record, steps.at(-1).date, [], {
        hand: orphans,
        sets: orphans,
        needs: needsOf(inputs, (i) => at(data, i.path), record.id),
      }),
    );
  }
  return steps;
}

/** An audit's findings, added on the day of its report; one that raised an NC or OFI raises it. */
function findingSteps(auditRecord, { records }, staff) {
  const audit = auditRecord.data;
  const author = staff.has(audit.lead_auditor) ? audit.lead_auditor : audit.owner;
  return audit.report.findings.map((f) => {
    const args = [
      'audit',
      'finding',
      audit.id,
      `--type=${f.type}`,
      `--statement=${f.statement}`,
      ...(f.requirement ? [`--requirement=${f.requirement.join(',')}`] : []),
      ...(f.evidence ? [`--evidence=${f.evidence}`] : []),
      ...(f.no_action ? [`--dismiss=${f.no_action}`] : []),
    ];
    if (!f.raised) return step(auditRecord, audit.report.date, args, { author, sets: ['report'] });
    const raised = records.get(f.raised);
    if (raised.data.created !== audit.report.date)
      throw new Error(
        `${f.raised} was raised from ${audit.id}#${f.ref} but created on ${raised.data.created}, not on the day of the report`,
      );
    const previous = previousId(f.raised);
    const d = raised.data;
    return step(
      auditRecord,
      audit.report.date,
      [
        ...args,
        '--raise',
        `--title=${d.title}`,
        `--owner=${d.owner}`,
        ...(d.area ? [`--area=${d.area}`] : []),
        ...(d.benefit ? [`--benefit=${d.benefit}`] : []),
        ...(d.certification
          ? [`--body-ref=${d.certification.body_ref}`, `--plan-due=${d.certification.plan_due}`]
          : []),
        ...(d.certification?.verify_by ? [`--verify-by=${d.certification.verify_by}`] : []),
      ],
      {
        author,
        sets: ['report'],
        creates: { id: f.raised, state: raised.kind.transitions.find((t) => t.from.length === 0).to },
        fixed: true,
        needs: previous ? [{ id: previous, state: 'exists' }] : [],
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Running cim

/**
 * Runs one cim command on the day given, as the person given, committing with that day's date
 * (noon UTC, a minute apart in the order of the day's commits, so the date is that day anywhere).
 */
class Runner {
  constructor(dir, people, spawn, verbose) {
    Object.assign(this, { dir, people, spawn, verbose, perDay: new Map(), commands: 0 });
  }

  env(date, who) {
    const n = this.perDay.get(date) ?? 0;
    this.perDay.set(date, n + 1);
    const [y, m, d] = date.split('-').map(Number);
    const when = `${Date.UTC(y, m - 1, d, 12, n) / 1000} +0000`;
    const person = this.people.get(who);
    return {
      CIM_TODAY: date,
      GIT_AUTHOR_NAME: person.name,
      GIT_AUTHOR_EMAIL: person.email,
      GIT_AUTHOR_DATE: when,
      GIT_COMMITTER_NAME: person.name,
      GIT_COMMITTER_EMAIL: person.email,
      GIT_COMMITTER_DATE: when,
      GIT_CONFIG_GLOBAL: devNull,
      GIT_CONFIG_NOSYSTEM: '1',
      NO_COLOR: '1',
    };
  }

  async cim(args, date, who) {
    const argv = ['-C', this.dir, '--no-input', ...args];
    const env = this.env(date, who);
    if (this.verbose)
      console.log(`${date}  ${who}  cim ${args.map((a) => (a.length > 60 ? `${a.slice(0, 57)}…` : a)).join(' ')}`);
    this.commands += 1;
    const { code, stderr } = this.spawn ? spawnCim(argv, env) : await inProcess(argv, env);
    if (code !== 0) throw new Error(`cim ${args.slice(0, 3).join(' ')} on ${date} failed (exit ${code}):\n${stderr}`);
  }

  /** Runs git: a commit is dated like cim's; anything else needs no date. */
  git(args, date, who) {
    const env = args[0] === 'commit' ? this.env(date, who) : { GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1' };
    execFileSync('git', args, { cwd: this.dir, env: { ...process.env, ...env }, stdio: 'pipe' });
  }
}

function spawnCim(argv, env) {
  const r = spawnSync(process.execPath, [BIN, ...argv], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, stderr: r.stderr };
}

/** cim's own entry point, in this process: its environment set, its output caught. */
async function inProcess(argv, env) {
  Object.assign(process.env, env);
  let stderr = '';
  const writes = [process.stdout.write, process.stderr.write];
  const catcher = (keep) =>
    function (chunk, ...rest) {
      if (keep) stderr += String(chunk);
      rest.find((r) => typeof r === 'function')?.();
      return true;
    };
  process.stdout.write = catcher(false);
  process.stderr.write = catcher(true);
  try {
    return { code: await run(argv), stderr };
  } finally {
    [process.stdout.write, process.stderr.write] = writes;
  }
}

// ---------------------------------------------------------------------------------------------
// Building

async function readRecord(dir, file) {
  return parseYaml(await readFile(join(dir, file), 'utf8'), file).data;
}

/**
 * After a step, the fields it set that no later step sets must be as the example has them (all
 * fields, once a record is created and once its last step is taken). Those `cim edit` may change
 * are set that way: the deadlines cim fills in from cim.yaml, the wording of an NC raised from a
 * finding. WORKAROUND: others, which no cim command sets in this state, are set by hand.
 */
async function settle(runner, record, s, pending, date) {
  const { kind, data } = record;
  const now = await readRecord(runner.dir, record.file);
  if (now.created !== data.created) throw new Error(`${record.id} was created on ${now.created}, not ${data.created}`);
  const later = new Set(pending.flatMap((p) => p.sets));
  const keys =
    s.creates?.id === record.id || pending.length === 0
      ? [...new Set([...Object.keys(now), ...Object.keys(data)])]
      : s.sets;
  const [mine, theirs] = [asRead(kind, now), asRead(kind, data)];
  const wrong = keys.filter((k) => !MANAGED.has(k) && !later.has(k) && !isDeepStrictEqual(mine[k], theirs[k]));
  const controlled = lifecycleFields(kind);
  const editable = wrong.filter((k) => !controlled.has(k));
  if (editable.length)
    await runner.cim(editArgs(record.id, Object.fromEntries(editable.map((k) => [k, data[k]]))), date, data.owner);
  const fixed = wrong.filter((k) => controlled.has(k));
  if (fixed.length === 0) return;
  if (isFinal(kind, now.status))
    throw new Error(`${record.id} is ${now.status}, which is final, but ${fixed.join(', ')} differ from the example`);
  const how = s.verb ? `\`cim ${kind.name} ${s.verb}\`` : `\`cim ${s.args.slice(0, 2).join(' ')}\``;
  await handEdit(runner, record, fixed, date, `${how} recorded them otherwise, and no cim command changes them`);
}

/** WORKAROUND: fields written into the record file by hand, in place, and committed with git. */
async function handEdit(runner, record, fields, date, why) {
  const path = join(runner.dir, record.file);
  const doc = parseDocument(await readFile(path, 'utf8'), { version: '1.2' });
  for (const k of fields) {
    if (record.data[k] === undefined) doc.delete(k);
    else doc.set(k, doc.createNode(record.data[k]));
  }
  await writeFile(path, doc.toString({ lineWidth: 100 }));
  const what = fields.join(', ');
  if (runner.verbose) console.log(`${date}  ${record.data.owner}  (by hand) ${record.id}: ${what}`);
  runner.git(['add', '--', record.file], date, record.data.owner);
  runner.git(
    [
      'commit',
      '--quiet',
      '-m',
      `${record.kind.name}(${record.id}): ${what} set by hand — ${record.data.title}\n\n${what} as ${record.id} holds them: ${why}.\n`,
    ],
    date,
    record.data.owner,
  );
}

/** Runs every step in date order, each once what it needs has happened. */
async function build(runner, example, plans) {
  const reached = new Map(); // record id → the states it has been in, and 'exists'
  const reach = (id, state) => reached.set(id, new Set([...(reached.get(id) ?? ['exists']), state]));
  const queues = new Map([...plans].map(([id, steps]) => [id, [...steps]]));
  let clock = '';
  for (;;) {
    const heads = [...queues.values()].filter((q) => q.length).map((q) => q[0]);
    if (heads.length === 0) return;
    const ready = heads.filter(
      (s) =>
        (s.creates?.id === s.record || reached.has(s.record)) && s.needs.every((n) => reached.get(n.id)?.has(n.state)),
    );
    if (ready.length === 0) {
      const waits = heads.map(
        (s) => `  ${s.record} ${s.verb ?? s.args[1]} waits for ${s.needs.map((n) => `${n.id} ${n.state}`).join(', ')}`,
      );
      throw new Error(`no step can be taken:\n${waits.join('\n')}`);
    }
    const when = (s) => latest([s.date, clock]);
    const next = ready.reduce((a, b) => (when(b) < when(a) ? b : a));
    const date = when(next);
    if (next.fixed && date !== next.date)
      throw new Error(`${next.creates.id} must be created on ${next.date}, but what it needs came only on ${date}`);
    clock = date;
    const record = example.records.get(next.record);
    const queue = queues.get(next.record);
    queue.shift();
    if (next.hand)
      await handEdit(
        runner,
        record,
        next.hand,
        date,
        `no cim step sets them while ${record.id} stays ${record.data.status}`,
      );
    else await runner.cim(next.args, date, next.author);
    if (next.creates) {
      reach(next.creates.id, next.creates.state);
      const created = example.records.get(next.creates.id);
      if (created !== record) await settle(runner, created, next, queues.get(created.id), date);
    }
    if (next.to) reach(record.id, next.to);
    await settle(runner, record, next, queue, date);
  }
}

async function main(argv) {
  const spawn = argv.includes('--spawn');
  const verbose = argv.includes('--verbose');
  const [target, ...extra] = argv.filter((a) => !a.startsWith('--'));
  if (!target || extra.length || argv.some((a) => a.startsWith('--') && !['--spawn', '--verbose'].includes(a))) {
    console.error('usage: node scripts/example-history.js DIR [--spawn] [--verbose]');
    return 2;
  }
  const dir = resolve(target);
  const existing = await readdir(dir).catch(() => []);
  if (existing.length) {
    console.error(`example-history: ${dir} is not empty; give a new or empty folder`);
    return 2;
  }
  const started = Date.now();
  // The repository is DIR's own, whatever git the script was started from.
  for (const v of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) delete process.env[v];
  const example = await loadExample();
  const { config, records } = example;
  const people = new Map(config.people.map((p) => [p.id, p]));
  const staff = new Set(config.people.filter((p) => p.roles?.length).map((p) => p.id));
  const raisedBy = new Set(
    [...records.values()]
      .filter((r) => r.kind.name === 'audit')
      .flatMap((r) => r.data.report?.findings ?? [])
      .flatMap((f) => ids(f.raised)),
  );
  const plans = new Map([...records.values()].map((r) => [r.id, planRecord(r, example, raisedBy, staff)]));

  await mkdir(dir, { recursive: true });
  const runner = new Runner(dir, people, spawn, verbose);
  const manager = config.policy.owner;
  const first = config.started_on;
  runner.git(['init', '--quiet', '--initial-branch=main'], first, manager);
  await runner.cim(
    [
      'init',
      dir,
      `--organisation=${config.organisation}`,
      `--name=${people.get(manager).name}`,
      `--email=${people.get(manager).email}`,
    ],
    first,
    manager,
  );
  await copyFile(join(EXAMPLE, 'cim.yaml'), join(dir, 'cim.yaml'));
  runner.git(['add', 'cim.yaml'], first, manager);
  runner.git(
    ['commit', '--quiet', '-m', `Set up ${config.organisation}: people, areas, deadlines and policy`],
    first,
    manager,
  );
  await build(runner, example, plans);

  const commits = execFileSync('git', ['rev-list', '--count', 'HEAD'], { cwd: dir, encoding: 'utf8' }).trim();
  console.log(
    `Built ${records.size} records in ${commits} commits (${runner.commands} cim commands, ${spawn ? 'each a bin/cim process' : 'in one process'}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${dir}`,
  );
  console.log(`Check it: cim -C ${dir} validate --strict --history --as-of 2026-06-30`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((e) => {
  console.error(`example-history: ${e instanceof Error ? e.message : String(e)}`);
  return 1;
});
