// Property tests over the lifecycle engine. Random walks through every kind's table, with input
// values drawn by input type, against a register that holds a record of every kind in several
// states: every step the engine accepts leaves a record its schema accepts and a register with no
// new rule error, and the register those walks end with is valid when written and read back the
// way `cim` writes it, and whose history — one commit per step — the history check passes (A). Verbs illegal in a record's state are refused before anything is
// touched, in memory (B) and through `step` in a git repository (C). And what a step asks for is
// enough: given every input it marks required, it never fails for want of a schema field (D).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { kindNamed } from '../../src/commands/kinds.js';
import { step } from '../../src/commands/step.js';
import type { Context } from '../../src/context.js';
import { findStep, newErrors, perform, withEntries } from '../../src/domain/engine.js';
import { judgeHistory, type CommitChanges, type Version } from '../../src/domain/history.js';
import { inputsFor, type Input } from '../../src/domain/inputs.js';
import type { Kind } from '../../src/domain/kind.js';
import { KINDS } from '../../src/domain/kinds/index.js';
import type { Entry, Register } from '../../src/domain/register.js';
import { UserError } from '../../src/errors.js';
import { renderNew, renderUpdate } from '../../src/io/record-file.js';
import { git, gitRepo, TEST_ENV } from '../helpers/git.js';
import { BASE_CONFIG, check } from '../helpers/register.js';
import * as r from '../helpers/records.js';

const TODAY = '2026-06-30';
const NOW = new Date('2026-06-30T12:00:00Z');
const PEOPLE = ['alice', 'bob', 'carol'] as const;
const AREAS = ['it', 'hr'] as const;
const REQUIREMENTS = ['9.2', '10.2', '6.1', 'A.5.15', 'A.7.2', 'A.8.13'] as const;

const correction = { action: 'Ran the overdue review.', consequences: 'No leaver kept access.', date: '2026-01-12' };
const analysis = {
  method: '5-whys',
  root_cause: 'No owner for the task.',
  similar: { exist: false, could_occur: false },
};

/** Records of every kind, several of them part-way through their lifecycle, valid together. */
const SEED = r.files(
  r.nc({ status: 'analysed', correction, analysis, action_required: true }),
  r.ca({
    status: 'verified',
    started_on: '2026-01-12',
    implemented_on: '2026-01-20',
    evidence: 'Ticket IT-1 closed',
    effectiveness: { reviewed_on: '2026-03-01', reviewed_by: 'bob', result: 'effective', evidence: 'No miss since.' },
  }),
  r.nc(
    { title: 'Visitor log not kept', area: 'hr', source: { type: 'internal-audit', ref: 'AUD-0002#F1' } },
    'NC-0002',
  ),
  r.ca({ nc: 'NC-0002', action: 'Buy a visitor log book.' }, 'CA-0002'),
  r.nc(
    {
      title: 'Backups not tested',
      requirement: ['A.8.13'],
      status: 'actioned',
      correction,
      analysis,
      action_required: true,
    },
    'NC-0003',
  ),
  r.ca(
    {
      nc: 'NC-0003',
      status: 'implemented',
      started_on: '2026-02-01',
      implemented_on: '2026-02-10',
      evidence: 'Ticket IT-7 closed',
    },
    'CA-0003',
  ),
  r.nc({ title: 'Clear desk not followed', area: 'hr', status: 'corrected', correction }, 'NC-0004'),
  r.ca(
    { nc: 'NC-0002', action: 'Put the log at reception.', status: 'in-progress', started_on: '2026-02-01' },
    'CA-0004',
  ),
  r.audit(),
  r.audit(
    {
      title: 'Internal audit of IT',
      status: 'reported',
      scope: 'IT',
      areas: ['it'],
      lead_auditor: 'bob',
      conducted: { from: '2026-02-01', to: '2026-02-03' },
      report: {
        date: '2026-02-05',
        conclusion: 'Mostly effective.',
        findings: [
          { ref: 'F1', type: 'minor', statement: 'No visitor log.', raised: 'NC-0002' },
          { ref: 'F2', type: 'observation', statement: 'Training records scattered.', no_action: 'In the HR plan.' },
        ],
      },
    },
    'AUD-0002',
  ),
  r.audit(
    {
      title: 'Surveillance audit',
      type: 'surveillance',
      body: 'Cert Co',
      status: 'in-progress',
      conducted: { from: '2026-06-01' },
    },
    'AUD-0003',
  ),
  r.ofi(),
  r.ofi({ status: 'accepted', decision: { on: '2026-03-01', in: 'MRT-0001' }, due: '2026-12-31' }, 'OFI-0002'),
  r.ofi(
    {
      title: 'Password manager for IT',
      status: 'implemented',
      decision: { on: '2026-03-01', by: 'carol' },
      due: '2026-04-30',
      implemented_on: '2026-04-01',
      evidence: 'Rolled out to the IT team.',
    },
    'OFI-0003',
  ),
  r.incident(),
  r.incident(
    {
      status: 'resolved',
      classification: { as: 'incident', by: 'alice', on: '2026-01-06' },
      resolution: 'Laptop wiped remotely.',
      resolved_on: '2026-01-08',
    },
    'INC-0002',
  ),
  r.change(),
  r.change(
    { status: 'implemented', approved_by: 'carol', approved_on: '2026-01-15', implemented_on: '2026-02-01' },
    'CHG-0002',
  ),
  r.change(
    { title: 'Retire the old file server', status: 'approved', approved_by: 'carol', approved_on: '2026-02-01' },
    'CHG-0003',
  ),
  r.heldMrt(),
  r.mrt({ title: 'Management review H2', scheduled_on: '2026-09-01' }, 'MRT-0002'),
  r.objective(),
  r.lrc(),
  r.lrc(
    { status: 'assessed', assessment: 'An incident reporting procedure is needed.', assessed_on: '2026-02-01' },
    'LRC-0002',
  ),
  r.exception(),
  r.exception(
    { status: 'approved', approved_by: 'carol', approved_on: '2026-03-01', expires_on: '2026-08-31' },
    'EXC-0002',
  ),
);

let seed: Register;
beforeAll(async () => {
  const result = await check(SEED);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  seed = result.register!;
});

// ---- Values by input type ------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = [31, 28, 31, 30, 31, 30];
/** A date from 2026-01-01 to 2026-06-30. */
const DATE = fc
  .integer({ min: 1, max: 6 })
  .chain((m) => fc.integer({ min: 1, max: DAYS[m - 1]! }).map((d) => `2026-${pad(m)}-${pad(d)}`));
const MONTH = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${pad(m)}`);
/** Text as a person might type it, including what YAML would read as something else unquoted. */
const TEXT = fc.oneof(
  { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'yes',
      'no',
      'null',
      '~',
      'true',
      '1.0',
      '0x10',
      '2026-01-01',
      '- a',
      '#x',
      'a: b',
      ' ',
      '*x',
      '&a b',
      '!x',
      '@x',
      '`x',
      '|',
      '>',
      '"q"',
      "'q'",
      'two\nlines',
      'tab\there',
      'ünïcödé ✓',
      'trailing ',
    ),
  },
);

/** Record ids an input may refer to: those of the allowed kinds, or any id and audit finding. */
function recordIds(input: Input, register: Register): string[] {
  const ids = register.entries
    .filter((e) => !input.kinds?.length || input.kinds.includes(e.kind.name))
    .map((e) => e.data.id);
  return input.kinds?.length ? ids : [...ids, 'AUD-0002#F1', 'AUD-0002#F2'];
}

/** Open-ended values by input type, built once: `gen` replays and shrinks a draw only when it
 * is made again with the same builder and equal arguments. */
const OPEN = {
  boolean: fc.boolean(),
  number: fc.integer({ min: 0, max: 1000 }),
  date: DATE,
  month: fc.oneof(MONTH, DATE),
  text: TEXT,
};
type Open = keyof typeof OPEN;
const LISTS = Object.fromEntries(
  Object.entries(OPEN).map(([k, a]) => [k, fc.array(a as fc.Arbitrary<unknown>, { minLength: 1, maxLength: 3 })]),
) as Record<Open, fc.Arbitrary<unknown[]>>;
const one = (type: Open): fc.Arbitrary<unknown> => OPEN[type];
const many = (type: Open): fc.Arbitrary<unknown> => LISTS[type];

/** One of the values, drawn through gen (whose typing loses the type through constantFrom). */
const oneOf = <T>(g: fc.GeneratorValue, values: readonly T[]): T => g(fc.constantFrom, ...values) as T;

/** One value for an input (a list for a list input), or undefined when there is nothing to pick. */
function draw(g: fc.GeneratorValue, input: Input, register: Register): unknown {
  const pick = (values: readonly unknown[]) =>
    values.length === 0
      ? undefined
      : input.list
        ? g(fc.subarray<unknown>, [...values], { minLength: 1, maxLength: Math.min(3, values.length) })
        : oneOf(g, values);
  switch (input.type) {
    case 'enum':
      return pick(input.choices ?? []);
    case 'person':
      return pick(PEOPLE);
    case 'area':
      return pick(AREAS);
    case 'requirement':
      return pick(REQUIREMENTS);
    case 'record':
      return pick(recordIds(input, register));
    case 'boolean':
    case 'number':
    case 'date':
    case 'month':
      return g(input.list ? many : one, input.type);
    default:
      return g(input.list ? many : one, 'text');
  }
}

/** Values for a step's inputs: required ones without a fallback always, the rest sometimes. */
function drawValues(g: fc.GeneratorValue, inputs: readonly Input[], register: Register): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const input of inputs) {
    const give = input.required
      ? input.fallback === undefined || g(fc.boolean)
      : g(fc.integer, { min: 0, max: 2 }) === 0;
    const value = give ? draw(g, input, register) : undefined;
    if (value !== undefined) values[input.flag] = value;
  }
  return values;
}

// ---- The register as the engine and the writer leave it ------------------------------------

const verbsOf = (kind: Kind) => [...new Set(kind.transitions.map((t) => t.verb))];

/** Verbs findStep should accept: from the record's state, or the creating verbs for no record. */
function legalVerbs(kind: Kind, status?: string): string[] {
  return verbsOf(kind).filter((v) =>
    kind.transitions.some(
      (t) => t.verb === v && (status === undefined ? t.from.length === 0 : t.from.includes(status)),
    ),
  );
}

function nextId(register: Register, kind: Kind): string {
  const prefix = register.prefixes.of(kind);
  const max = Math.max(0, ...(register.byKind.get(kind.name) ?? []).map((e) => Number(e.data.id.split('-')[1])));
  return `${prefix}-${String(max + 1).padStart(4, '0')}`;
}

/** What can be compared before and after: everything but the kind objects and source maps. */
const snapshot = (register: Register) => ({
  root: register.root,
  config: structuredClone(register.config),
  entries: register.entries.map((e) => ({ file: e.file, id: e.id, text: e.text, data: structuredClone(e.data) })),
  unchecked: [...register.unchecked],
});

const noSource = { locate: () => ({ line: 1, column: 1 }) };

// ---- Property A ----------------------------------------------------------------------------

describe('A: every step the engine accepts leaves a valid register', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('%s', async (_name, kind) => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.integer({ min: 1, max: 12 }), async (g, length) => {
        let register = seed;
        const seeds = (seed.byKind.get(kind.name) ?? []).map((e) => e.data.id);
        // The record walked: a new one, or one of the seeds part-way through its lifecycle.
        const id = oneOf(g, [nextId(seed, kind), ...seeds]);
        const file = register.byId.get(id)?.file ?? `${kind.folder}/${id}.yaml`;
        const actor = oneOf(g, [...PEOPLE, undefined]);
        const trace: string[] = [`${id} as ${actor ?? 'nobody known'}`];
        // The record's versions, one commit per accepted step, each judged against the one before.
        const seeded = register.byId.get(id);
        let version: Version | undefined = seeded && { key: 'seed', data: seeded.data };
        const commits: CommitChanges[] = [];

        for (let i = 0; i < length; i++) {
          const current = register.byId.get(id);
          const legal = legalVerbs(kind, current?.data.status);
          const verb = oneOf(g, legal.length && g(fc.integer, { min: 0, max: 4 }) > 0 ? legal : verbsOf(kind));
          const found = findStep(kind, verb, current?.data);
          if (!legal.includes(verb)) {
            expect(found.ok, `${trace.join('\n')}\n${verb} is illegal`).toBe(false);
            trace.push(`${verb}: refused by findStep`);
            continue;
          }
          expect(found.ok, `${trace.join('\n')}\n${verb} is legal`).toBe(true);
          if (!found.ok) continue;
          const values = drawValues(g, found.inputs, register);
          const before = snapshot(register);
          const outcome = perform({
            register,
            kind,
            transition: found.transition,
            inputs: found.inputs,
            id,
            file,
            values,
            today: TODAY,
            ...(actor ? { actor } : {}),
            ...(current ? { current } : {}),
          });
          expect(snapshot(register), `${trace.join('\n')}\n${verb}: perform changed the register it was given`).toEqual(
            before,
          );
          if (!outcome.ok) {
            trace.push(
              `${verb} ${JSON.stringify(values)}: refused (${outcome.problems.map((p) => p.message).join('; ')})`,
            );
            continue;
          }
          trace.push(`${verb} ${JSON.stringify(values)}: ${outcome.from ?? '–'} → ${outcome.to}`);
          const why = trace.join('\n');
          expect(outcome.data.status, why).toBe(found.transition.to);
          const parsed = kind.schema.safeParse(outcome.data);
          expect(parsed.success ? [] : parsed.error.issues, why).toEqual([]);
          const text = current ? renderUpdate(current.text, current.data, outcome.data) : renderNew(kind, outcome.data);
          const entry = { file, kind, id, text, source: current?.source ?? noSource, data: parsed.data } as Entry;
          const after = withEntries(register, [entry]);
          expect(newErrors(register, after, TODAY), why).toEqual([]);
          register = after;
          accepted++;
          const next = { key: `step ${i}`, data: parsed.data };
          commits.push({ where: `in step ${i}`, changes: [{ file, kind, id, before: [version], after: next }] });
          version = next;
        }
        expect(judgeHistory(commits), `${trace.join('\n')}\nthe history of these steps`).toEqual([]);

        // The register as `cim` would have written it, read back and validated from scratch.
        if (register === seed) return;
        const result = await check(Object.fromEntries(register.entries.map((e) => [e.file, e.text])));
        const why = trace.join('\n');
        expect(
          result.diagnostics.filter((d) => d.severity === 'error'),
          why,
        ).toEqual([]);
        expect(result.register?.byId.get(id)?.data, `${why}\n${id} reads back as it was accepted`).toEqual(
          register.byId.get(id)?.data,
        );
      }),
      { numRuns: 30 },
    );
    // The walks reach somewhere: a property that only ever saw refusals would prove nothing.
    expect(accepted).toBeGreaterThan(0);
  });
});

// ---- Property B ----------------------------------------------------------------------------

describe('B: a verb illegal in the record’s state is refused by findStep and changes nothing', () => {
  it('any kind, any state, any verb not taken from it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS.map((k) => k.name)), fc.gen(), (name, g) => {
        const kind = kindNamed(name);
        const seeds = seed.byKind.get(kind.name) ?? [];
        // Drawn by id: fast-check prints what it draws, and an entry holds its kind's schemas.
        const targetId = oneOf(g, [undefined, ...seeds.map((e) => e.data.id)]);
        const target = targetId ? seed.byId.get(targetId) : undefined;
        // Any state, not only those the seeds are in: findStep reads nothing but the status.
        const status = target ? oneOf(g, kind.states) : undefined;
        const register = target
          ? withEntries(seed, [{ ...target, data: { ...structuredClone(target.data), status: status! } }])
          : seed;
        const current = target ? register.byId.get(target.data.id) : undefined;
        const legal = legalVerbs(kind, status);
        const illegal = verbsOf(kind).filter((v) => !legal.includes(v));
        const unknown: string = g(fc.stringMatching, /^[a-z][a-z-]{0,11}$/);
        const verb = oneOf(g, [...illegal, ...(verbsOf(kind).includes(unknown) ? [] : [unknown])]);

        const before = snapshot(register);
        const found = findStep(kind, verb, current?.data);
        expect(found.ok).toBe(false);
        expect(snapshot(register)).toEqual(before);
        if (found.ok) return;
        expect(found.problem.message).not.toBe('');
        // The hint's suggestions are steps findStep takes from this state.
        for (const [, k, v] of found.problem.hint.matchAll(/cim (\S+) (\S+) [A-Z]+-\d{4}/g)) {
          expect(k).toBe(kind.name);
          expect(findStep(kind, v!, current?.data).ok, `${verb} from ${status}: hint suggests ${v}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---- Property C ----------------------------------------------------------------------------

describe('C: an illegal verb through step() in a git repository', () => {
  it('throws a UserError, writes nothing and commits nothing', async () => {
    const people = BASE_CONFIG.people.map((p) => (p.id === 'alice' ? { ...p, email: 'test@example.com' } : p));
    const repo = await gitRepo({ 'cim.yaml': { ...BASE_CONFIG, people }, ...SEED });
    const head = await git(repo, 'rev-parse', 'HEAD');
    const ctx: Context = { cwd: repo, env: TEST_ENV, now: NOW };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KINDS.map((k) => k.name)), fc.gen(), async (name, g) => {
        const kind = kindNamed(name);
        const targetId = oneOf(g, [undefined, ...(seed.byKind.get(kind.name) ?? []).map((e) => e.data.id)]);
        const target = targetId ? seed.byId.get(targetId) : undefined;
        const illegal = verbsOf(kind).filter((v) => !legalVerbs(kind, target?.data.status).includes(v));
        if (illegal.length === 0) return;
        const verb = oneOf(g, illegal);
        // Flags as a person might give them, for whichever step of that name.
        const inputs = kind.transitions.filter((t) => t.verb === verb).flatMap((t) => inputsFor(kind, t));
        const values = Object.fromEntries(
          inputs.filter(() => g(fc.boolean)).map((i) => [i.flag, g(one, 'text') as string]),
        );

        const error = await step(
          { kind: kind.name, verb, ...(target ? { id: target.data.id } : {}), values },
          ctx,
        ).then(
          () => undefined,
          (e: unknown) => e,
        );
        const what = `${kind.name} ${verb} ${target?.data.id ?? '(no id)'} (${target?.data.status ?? 'no record'})`;
        expect(error, `${what} was accepted`).toBeInstanceOf(UserError);
        expect(await git(repo, 'status', '--porcelain'), what).toBe('');
        expect(await git(repo, 'rev-parse', 'HEAD'), what).toBe(head);
      }),
      { numRuns: 10 },
    );
  });
});

// ---- Property D ----------------------------------------------------------------------------

const STEPS = KINDS.flatMap((kind) =>
  kind.transitions.map((transition) => [`${kind.name} ${transition.verb}`, kind, transition] as const),
);

describe('D: the inputs a step marks required are all it needs', () => {
  // What `cim` prompts for (and `--help` marks required) is the required inputs without a
  // fallback; a step given just those must not fail for want of a field the schema requires.
  it.each(STEPS)('%s: given every required input, no "missing required field"', (_name, kind, transition) => {
    const starts =
      transition.from.length === 0
        ? [undefined]
        : (seed.byKind.get(kind.name) ?? []).filter((e) => transition.from.includes(e.data.status));
    expect(starts.length, `a seed ${kind.name} to ${transition.verb} from`).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const currentId = oneOf(
          g,
          starts.map((e) => e?.data.id),
        );
        const current = currentId ? seed.byId.get(currentId) : undefined;
        const inputs = inputsFor(kind, transition);
        const values: Record<string, unknown> = {};
        for (const input of inputs.filter((i) => i.required && i.fallback === undefined)) {
          const value = draw(g, input, seed);
          if (value !== undefined) values[input.flag] = value;
        }
        const id = current?.data.id ?? nextId(seed, kind);
        const outcome = perform({
          register: seed,
          kind,
          transition,
          inputs,
          id,
          file: current?.file ?? `${kind.folder}/${id}.yaml`,
          values,
          today: TODAY,
          actor: 'alice',
          ...(current ? { current } : {}),
        });
        const missing = outcome.ok
          ? []
          : outcome.problems.filter((p) => p.message.startsWith('missing required field'));
        expect(missing, `cim ${kind.name} ${transition.verb} ${current ? id : ''} ${JSON.stringify(values)}`).toEqual(
          [],
        );
      }),
      { numRuns: 10 },
    );
  });
});
