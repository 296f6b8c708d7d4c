// `cim <kind> <verb> [ID]`: one lifecycle step on one record, written atomically and committed.
import type { Context } from '../context.js';
import { today } from '../domain/dates.js';
import {
  findStep,
  groupOf,
  missingInputs,
  perform,
  withEntries,
  wrongKind,
  type FutureDate,
  type Outcome,
} from '../domain/engine.js';
import { AT_START } from '../domain/diagnostics.js';
import { FINDING_REF_PATTERN } from '../domain/fields.js';
import { isPlaceholder } from '../domain/validate/substance.js';
import { audit, nc, ofi, type AuditRecord } from '../domain/kinds/index.js';
import { FINDING_STEP, RAISED_KIND, RAISED_SOURCE_TYPE } from '../domain/kinds/audit.js';
import { creatingStep } from '../domain/lifecycle.js';
import type { Input } from '../domain/inputs.js';
import type { Kind, Transition } from '../domain/kind.js';
import type { Changed } from '../domain/links.js';
import type { Entry, Register, RegisterInput } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { identity, type Identity } from '../io/git.js';
import { nextId } from '../io/ids.js';
import { renderNew, renderUpdate } from '../io/record-file.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { RAISE_ACTION } from './finding.js';
import { kindNamed } from './kinds.js';
import { recordToChange, type OpenForChange } from './open.js';
import { parseValues } from './values.js';

/**
 * Asks for one missing value, offering `initial` when the step has a value to start from;
 * injected so tests and non-terminals never prompt.
 */
export type Ask = (input: Input, register: Register, initial?: unknown) => Promise<unknown>;

export interface StepOptions {
  readonly dir?: string;
  readonly kind: string;
  readonly verb: string;
  readonly id?: string;
  /** Raw flag values by flag name, as typed. */
  readonly values: Readonly<Record<string, string>>;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
  /** Present when prompting is allowed. */
  readonly ask?: Ask;
  /** Take what the flags leave out from the document the step starts from (`--from-agenda`). */
  readonly fromStart?: boolean;
  /** Why event dates after today are right; recorded in the commit as `Cim-Allow-Future`. */
  readonly allowFuture?: string;
  /** Lists the step appends to besides its inputs': a review's decisions and actions, as held. */
  readonly appends?: (current: Readonly<Record<string, unknown>> | undefined) => Record<string, readonly unknown[]>;
}

export interface StepResult {
  readonly id: string;
  readonly kind: string;
  readonly verb: string;
  readonly from?: string;
  readonly to: string;
  readonly file: string;
  readonly data: Record<string, unknown>;
  readonly text: string;
  readonly written: boolean;
  readonly commit?: string;
  /** Event dates after today it recorded, as --allow-future allowed. */
  readonly future?: readonly FutureDate[];
  /** The flags whose values were taken from the document the step starts from (the agenda). */
  readonly fromStart?: readonly string[];
}

/** What the step writes besides whether it wrote and what it committed. */
type StepDone = Omit<StepResult, 'written' | 'commit'>;

export async function step(opts: StepOptions, ctx: Context): Promise<StepResult> {
  const kind = kindNamed(opts.kind);
  const reason = opts.allowFuture?.trim();
  // The reason becomes a commit trailer: one line, nothing a terminal or git would act on.
  // eslint-disable-next-line no-control-regex
  if (reason !== undefined && (reason === '' || /[\u0000-\u001f\u007f-\u009f]/.test(reason)))
    throw new UserError(
      '--allow-future needs a reason on one line',
      'say why the date is right: --allow-future "<reason>"',
    );
  const { result, written, commit } = await applyChange(opts, ctx, (opened) =>
    stepChange({ opts, kind, reason, date: today(ctx.now), env: ctx.env, opened }),
  );
  return { ...result, written, ...(commit ? { commit } : {}) };
}

/** A step being taken: what was asked, and the register opened for it. */
interface Taking {
  readonly opts: StepOptions;
  readonly kind: Kind;
  readonly reason: string | undefined;
  readonly date: string;
  readonly env: Context['env'];
  readonly opened: OpenForChange;
}

async function stepChange(t: Taking): Promise<Mutation<StepDone>> {
  const { opts, kind, opened } = t;
  const { root, input, register } = opened;
  const id = opts.id?.toUpperCase();
  const current = id ? recordToChange(register, id, kind.name) : undefined;
  if (current && current.kind !== kind) {
    const problem = wrongKind(kind, opts.verb, current.kind, current.data);
    throw new UserError(problem.message, problem.hint);
  }
  const found = findStep(kind, opts.verb, current?.data);
  if (!found.ok)
    throw new UserError(found.problem.message, found.problem.hint, current ? ExitCode.Invalid : ExitCode.Usage);
  const { transition, inputs } = found;
  const { values, taken } = await gatherValues(t, transition, inputs, id);
  // Raised from a finding: the finding names the new record in the same commit. The finding is
  // read from the values as they stand, since a prompt may give the source ref only as the step runs.
  const raisingOf = (v: Readonly<Record<string, unknown>>) => (current ? undefined : findingRaised(register, kind, v));

  const take = async (newId: string): Promise<Mutation<StepDone>> => {
    const file = current?.file ?? `${kind.folder}/${newId}.yaml`;
    const outcome = await performAsking(t, {
      transition,
      inputs,
      values,
      current,
      id: newId,
      file,
      registerFor: (v) => {
        const r = raisingOf(v);
        return r ? withEntries(register, [findingNaming(r, newId).entry]) : register;
      },
    });
    const raising = raisingOf(values);
    const named = raising ? findingNaming(raising, newId) : undefined;
    const text = current ? renderUpdate(current.text, current.data, outcome.data) : renderNew(kind, outcome.data);
    const made = { file, kind, id: newId, text: '', source: AT_START, data: outcome.data } as unknown as Entry;
    return {
      writes: [{ file, text, expected: current ? current.text : null }, ...(named ? [named.write] : [])],
      changed: [
        { kind, data: outcome.data as Changed['data'] },
        ...(current ? [current] : []),
        ...(named ? [named.entry, raising!.audit] : []),
      ],
      ...(named
        ? { judge: { after: withEntries(register, [made, named.entry]), refusal: `cannot ${opts.verb} ${newId}` } }
        : {}),
      commit: {
        kind: kind.name,
        id: newId,
        verb: named ? `${opts.verb}, raised from ${raising!.ref}` : opts.verb,
        title: typeof outcome.data.title === 'string' ? outcome.data.title : '',
        records: named ? [newId, raising!.audit.data.id] : [newId],
        action: named ? RAISE_ACTION : opts.verb,
        trailers: { From: outcome.from, To: outcome.to, 'Allow-Future': outcome.future ? t.reason : undefined },
      },
      result: {
        id: newId,
        kind: kind.name,
        verb: opts.verb,
        ...(outcome.from ? { from: outcome.from } : {}),
        to: outcome.to,
        file,
        data: outcome.data,
        text,
        ...(outcome.future ? { future: outcome.future } : {}),
        ...(taken.length ? { fromStart: taken } : {}),
      },
      // A new record: another command may create the id chosen in the moment before this one
      // writes; then the next free id is taken, as the lock lets only one of them write at a time.
      ...(current ? {} : { again: async () => take(await newRecordId()) }),
    };
  };
  const newRecordId = () =>
    nextId(
      root,
      t.env,
      kind.folder,
      register.prefixes.of(kind),
      input.files.map((f) => f.file),
    );
  return take(id ?? (await newRecordId()));
}

/**
 * The values of the step: the flags', those the document it starts from gives when asked (named in
 * `taken`), and on a terminal the answers to what is still missing.
 */
async function gatherValues(
  { opts, kind, date, env, opened }: Taking,
  transition: Transition,
  inputs: readonly Input[],
  id: string | undefined,
): Promise<{ values: Record<string, unknown>; taken: string[] }> {
  const { root, input, register, actor } = opened;
  const values = parseValues(inputs, opts.values, register);
  if (!id) Object.assign(values, findingDefaults(register, kind, values));
  // Values the step can start from: offered in the prompts; taken for what the flags leave out
  // only when asked, and then said, so nothing is recorded that nobody gave.
  const on = typeof values['held-on'] === 'string' ? values['held-on'] : date;
  const begun = transition.startsFrom && id ? await fromAgenda(register, input, id, on) : NOTHING;
  const start = begun.values;
  const taken: string[] = [];
  if (opts.fromStart) {
    if (!transition.startsFrom)
      throw new UserError(`${kind.name} ${opts.verb} starts from no document`, `leave out --from-agenda`);
    for (const i of inputs) {
      if (values[i.flag] !== undefined || start[i.flag] === undefined) continue;
      values[i.flag] = start[i.flag];
      taken.push(i.flag);
    }
  }
  const missing = missingInputs(inputs, values, actor);
  // "default: you" found nobody: say why, rather than only that the value is missing.
  const mine = missing.filter((i) => i.fallback === 'actor').map((i) => `--${i.flag}`);
  const nobody = mine.length ? unmatchedIdentity(await identity(root, env)) : undefined;
  if (missing.length && !opts.ask) throw missingFlags({ opts, kind, transition, inputs, missing, mine, nobody });
  for (const input of missing) {
    // Of an either-or group, each field is asked in turn until one is answered; the last must be.
    const group = groupOf(inputs, input);
    for (const [n, member] of group.entries()) {
      const last = n === group.length - 1;
      const asked =
        nobody && member.fallback === 'actor'
          ? { ...member, description: `${member.description}; ${nobody}, so choose who` }
          : member;
      // Notes are written by the meeting: the agenda's summary is shown, not offered as the answer.
      const notes = member.flag.endsWith('-notes');
      const offered = start[member.flag];
      const prompt =
        notes && typeof offered === 'string'
          ? { ...asked, description: `${asked.description} (the agenda: ${offered})` }
          : asked;
      const answer = await opts.ask!({ ...prompt, required: last }, register, notes ? undefined : offered);
      if (answer === '' || (Array.isArray(answer) && answer.length === 0)) continue;
      values[member.flag] = answer;
      break;
    }
  }
  if (transition.startsFrom && id) refusePlaceholderNotes(id, begun, values);
  return { values, taken };
}

/** The flags a step without prompts needs and was not given, and how to give them. */
function missingFlags(m: {
  readonly opts: StepOptions;
  readonly kind: Kind;
  readonly transition: Transition;
  readonly inputs: readonly Input[];
  readonly missing: readonly Input[];
  readonly mine: readonly string[];
  readonly nobody: string | undefined;
}): UserError {
  const { opts, kind, transition, mine, nobody } = m;
  const flags = m.missing.map((i) =>
    groupOf(m.inputs, i)
      .map((g) => `--${g.flag}`)
      .join(' or '),
  );
  const help = `\`cim ${kind.name} ${opts.verb} --help\` describes each${
    transition.startsFrom
      ? `, and --from-${transition.startsFrom} takes what you leave out from the ${transition.startsFrom}`
      : ''
  }`;
  return new UserError(
    `missing ${flags.join(', ')}${nobody ? `: ${nobody}` : ''}`,
    nobody
      ? `add your email to a person in cim.yaml, or give ${mine.join(', ')}${flags.length > mine.length ? `; give the others as flags (${help})` : ''}`
      : `give ${flags.length > 1 ? 'them' : 'it'} as flags; ${help}`,
  );
}

/**
 * The step performed on the record with this id, or the problems that stop it. On a terminal, a
 * value the record turns out to need (the incident an incident-sourced NC names, who made a
 * decision) is asked for, rather than the answers given so far being lost.
 */
async function performAsking(
  { opts, kind, date, reason, opened }: Taking,
  s: {
    readonly transition: Transition;
    readonly inputs: readonly Input[];
    readonly values: Record<string, unknown>;
    readonly current: Entry | undefined;
    readonly id: string;
    readonly file: string;
    /** The register to perform it on, for the values given: the one opened, or that with the
     * finding the record is raised from naming it. */
    readonly registerFor: (values: Readonly<Record<string, unknown>>) => Register;
  },
): Promise<Extract<Outcome, { ok: true }>> {
  const { register, actor } = opened;
  const { values, current } = s;
  const attempt = () =>
    perform({
      register: s.registerFor(values),
      kind,
      transition: s.transition,
      inputs: s.inputs,
      id: s.id,
      file: s.file,
      values,
      today: date,
      ...(actor ? { actor } : {}),
      ...(current ? { current } : {}),
      ...(reason !== undefined ? { allowFuture: true } : {}),
      ...(opts.appends ? { appends: opts.appends(current?.data) } : {}),
    });
  let outcome = attempt();
  for (let round = 0; !outcome.ok && opts.ask && round < 5; round++) {
    const wanted = [...new Map(outcome.problems.flatMap((p) => p.inputs ?? []).map((i) => [i.flag, i])).values()];
    if (!wanted.length) break;
    for (const [n, input] of wanted.entries()) {
      const answer = await opts.ask({ ...input, required: n === wanted.length - 1 }, register);
      if (answer === '' || (Array.isArray(answer) && answer.length === 0)) continue;
      values[input.flag] = answer;
      break;
    }
    outcome = attempt();
  }
  if (!outcome.ok) {
    const [first, ...rest] = outcome.problems;
    throw new UserError(
      `cannot ${opts.verb} ${s.id}: ${first!.message}${rest.length ? `; ${rest.map((p) => p.message).join('; ')}` : ''}`,
      first!.hint,
      ExitCode.Invalid,
    );
  }
  return outcome;
}

/** Why an input that defaults to the person running the command has no value. */
function unmatchedIdentity(who: Identity | undefined): string {
  return who
    ? `your git identity (${who.name} <${who.email}>) matches no person in cim.yaml`
    : 'git has no identity (user.name, user.email) to match with a person in cim.yaml';
}

/** What a step can start from, and what the document had under each of its inputs. */
interface Start {
  /** Values by flag: each input's summary as its notes, the records it lists as its items. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The notes flags whose input the document had something under: records or table rows. */
  readonly had: ReadonlySet<string>;
}

const NOTHING: Start = { values: {}, had: new Set() };

/**
 * What a step starts from when its flags leave values out. Holding a management review starts the
 * minutes from the agenda: each 9.3.2 input's summary as its notes, the records it lists as its
 * items.
 */
async function fromAgenda(register: Register, input: RegisterInput, id: string, date: string): Promise<Start> {
  const [{ agendaModel }, { validate }] = await Promise.all([
    import('../docs/agenda/index.js'),
    import('../domain/validate/index.js'),
  ]);
  const { diagnostics } = validate(input, { asOf: date, strict: false, compliance: true });
  const agenda = agendaModel(register, id, date, diagnostics);
  const values: Record<string, unknown> = {};
  const had = new Set<string>();
  for (const s of agenda.sections) {
    values[`${s.key}-notes`] = s.summary;
    if (s.items.length) values[`${s.key}-items`] = [...s.items];
    if (s.items.length || s.tables.length) had.add(`${s.key}-notes`);
  }
  return { values, had };
}

/**
 * Notes that say nothing ("n/a", "none", "-") on an input the agenda had something under: the
 * minutes would show the review did not consider it. On an input the agenda had nothing under,
 * they stand, and the minutes say the agenda had nothing.
 */
function refusePlaceholderNotes(id: string, start: Start, values: Readonly<Record<string, unknown>>): void {
  const empty = [...start.had].filter((flag) => {
    const notes = values[flag];
    return typeof notes === 'string' && isPlaceholder(notes);
  });
  if (!empty.length) return;
  const shown = empty.map((f) => `--${f} "${String(values[f])}"`);
  throw new UserError(
    `cannot hold ${id}: ${shown.join(', ')} ${empty.length === 1 ? 'says' : 'say'} nothing, yet the agenda had something under ${empty.length === 1 ? 'that input' : 'those inputs'}`,
    `say what was presented and discussed (\`cim agenda ${id}\` shows what the agenda had), or take the agenda's summary with --from-agenda`,
    ExitCode.Invalid,
  );
}

/** A new NC or OFI raised from an audit finding: the audit, and where the finding is in its report. */
interface Raising {
  readonly audit: Entry<AuditRecord>;
  readonly index: number;
  readonly ref: string;
}

/** The finding a new record's `--source-ref` names (`AUD-0003#F2`), when the audit has it. */
function namedFinding(register: Register, values: Readonly<Record<string, unknown>>) {
  const ref = values['source-ref'];
  const m = typeof ref === 'string' ? FINDING_REF_PATTERN.exec(ref) : null;
  if (!m) return undefined;
  const target = register.byId.get(m[1]!);
  if (target?.kind !== audit) return undefined; // the reference rules say what is wrong with it
  const found = target as Entry<AuditRecord>;
  const index = found.data.report?.findings.findIndex((f) => f.ref === m[2]) ?? -1;
  return index < 0 ? undefined : { audit: found, index, ref: m[0], finding: found.data.report!.findings[index]! };
}

/**
 * What a record raised from a finding takes from the audit when not given: the source type its
 * type implies and, for an NC, the day of the report and the lead auditor as who raised it.
 */
function findingDefaults(register: Register, kind: Kind, values: Readonly<Record<string, unknown>>) {
  const named = kind === nc || kind === ofi ? namedFinding(register, values) : undefined;
  if (!named) return {};
  const a = named.audit.data;
  return {
    ...(values['source-type'] === undefined ? { 'source-type': RAISED_SOURCE_TYPE[a.type] } : {}),
    ...(kind === nc && values['raised-on'] === undefined ? { 'raised-on': a.report!.date } : {}),
    ...(kind === nc && values['raised-by'] === undefined ? { 'raised-by': a.lead_auditor } : {}),
  };
}

const aRecord = (kind: string) => (kind === nc.name ? 'an NC' : kind === ofi.name ? 'an OFI' : 'nothing');

/**
 * The finding a new NC or OFI is raised from, or why it cannot raise it: it raised a record
 * already, records that it raises nothing, raises the other kind, or its audit is not reported.
 */
function findingRaised(register: Register, kind: Kind, values: Readonly<Record<string, unknown>>): Raising | undefined {
  if (kind !== nc && kind !== ofi) return undefined;
  const named = namedFinding(register, values);
  if (!named) return undefined;
  const { audit: a, finding, ref } = named;
  if (finding.raised !== undefined)
    throw new UserError(
      `${ref} already raised ${finding.raised}; a finding raises one record`,
      `\`cim show ${finding.raised}\` shows it; refer to the audit alone (--source-ref ${a.data.id}) for another record`,
      ExitCode.Invalid,
    );
  if (finding.no_action !== undefined)
    throw new UserError(
      `${ref} records that it raises nothing (no_action: ${finding.no_action})`,
      `refer to the audit alone (--source-ref ${a.data.id}), or correct the finding first`,
      ExitCode.Invalid,
    );
  const raises = RAISED_KIND[finding.type];
  if (raises !== kind.name) {
    const other = raises === undefined ? undefined : creatingStep(kindNamed(raises));
    throw new UserError(
      `${ref} is ${finding.type === 'ofi' ? 'an' : 'a'} ${finding.type} finding, which raises ${aRecord(raises ?? '')}, not ${aRecord(kind.name)}`,
      other ? `cim ${raises} ${other.verb} --source-ref ${ref}` : `refer to the audit alone: --source-ref ${a.data.id}`,
      ExitCode.Invalid,
    );
  }
  if (!(FINDING_STEP.from as readonly string[]).includes(a.data.status))
    throw new UserError(
      `${a.data.id} is ${a.data.status}; a record is raised from a finding of a reported audit`,
      `refer to the audit alone: --source-ref ${a.data.id}`,
      ExitCode.Invalid,
    );
  return { audit: a, index: named.index, ref };
}

/** The audit with its finding naming the record raised from it, and the write of it. */
function findingNaming(r: Raising, id: string) {
  const amended = structuredClone(r.audit.data) as unknown as { report: { findings: { raised?: string }[] } };
  amended.report.findings[r.index]!.raised = id;
  const value = checkedRecord(
    audit,
    amended,
    r.audit.file,
    (problems) =>
      new UserError(`cannot name ${id} on ${r.ref}: ${problems.map((f) => f.message).join('; ')}`, problems[0]!.hint),
  );
  const entry = { ...r.audit, data: value } as Entry;
  return {
    entry,
    write: { file: r.audit.file, text: renderUpdate(r.audit.text, r.audit.data, value), expected: r.audit.text },
  };
}
