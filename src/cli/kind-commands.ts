// `cim <kind> <verb>`: one commander command per verb, generated from the kind's lifecycle table
// and the inputs each step takes.
import { Command, Option } from 'commander';
import { type Input, inputsFor } from '../domain/inputs.js';
import type { Kind, Transition } from '../domain/kind.js';
import { FINDING_STEP } from '../domain/kinds/audit.js';
import { DECISION_TYPES, REVIEW_STEPS } from '../domain/kinds/mrt.js';
import { EXTEND_STEP } from '../domain/kinds/nc.js';
import { ExitCode } from '../errors.js';
import type { Printer } from './print.js';
import type { RunState } from './run-state.js';
import { shown } from './terminal.js';
import { kindNamed } from '../commands/kinds.js';
import { step, type Ask } from '../commands/step.js';

export function kindProgram(name: string, p: Printer, state: RunState): Command {
  const kind = kindNamed(name);
  const program = new Command(`cim ${name}`)
    .description(`${kind.title} records (${kind.prefix}-NNNN in ${kind.folder}/): ${kind.description}`)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(shown(s)),
      writeErr: (s) => process.stderr.write(shown(s)),
    })
    .showHelpAfterError(`(run cim ${name} --help for the verbs)`);
  const verbs = new Map<string, Transition[]>();
  for (const t of kind.transitions) verbs.set(t.verb, [...(verbs.get(t.verb) ?? []), t]);
  for (const [verb, transitions] of verbs) addVerb(program, { kind, verb, transitions }, p, state);
  if (name === FINDING_STEP.kind) addFindingCommand(program, p, state);
  if (name === EXTEND_STEP.kind) addExtendCommand(program, p, state);
  if (name === REVIEW_STEPS.kind) addReviewCommands(program, p, state);
  return program;
}

/** One verb of a kind, with the transitions it takes from the states it starts in. */
interface Verb {
  readonly kind: Kind;
  readonly verb: string;
  readonly transitions: readonly Transition[];
}

function addVerb(program: Command, { kind, verb, transitions }: Verb, p: Printer, state: RunState): void {
  const creating = transitions.some((t) => t.from.length === 0);
  const first = transitions[0]!;
  const from = [...new Set(transitions.flatMap((t) => t.from))];
  const cmd = program
    .command(verb)
    .description(`${first.summary}${creating ? '' : ` (${from.join(', ')} → ${first.to})`}`)
    .showHelpAfterError(verbHelp(kind.name, verb))
    .exitOverride();
  if (!creating) cmd.argument('<id>', `the ${kind.title.toLowerCase()}, e.g. ${kind.prefix}-0001`);
  const all = transitions.flatMap((t) => inputsFor(kind, t));
  const seen = new Set<string>();
  for (const input of all) {
    if (seen.has(input.flag)) continue;
    seen.add(input.flag);
    cmd.addOption(inputOption(input, all));
  }
  const startsFrom = transitions.find((t) => t.startsFrom)?.startsFrom;
  if (startsFrom)
    cmd.option(
      `--from-${startsFrom}`,
      `take every value the flags leave out from the ${startsFrom} (each input's summary as its notes, its records as its items), and say which`,
    );
  if (kind.name === REVIEW_STEPS.kind && verb === REVIEW_STEPS.hold.verb)
    cmd
      .option(
        '--decision <decision>',
        `a decision of the meeting, as "<type>: <text>" (type: ${DECISION_TYPES.join(', ')}); repeat for more`,
        repeat,
      )
      .option(
        '--action <action>',
        'an action agreed, as "<owner> <YYYY-MM-DD>: <text>"; repeat for more (numbered A1, A2, …)',
        repeat,
      );
  if (all.some((i) => i.event))
    cmd.option(
      '--allow-future <reason>',
      'accept an event date after today, saying why it is right (recorded in the commit as Cim-Allow-Future)',
    );
  cmd
    .option('--dry-run', 'show the resulting record; write nothing')
    .option('--no-commit', 'write the record without committing it')
    .action(async (...args: unknown[]) => {
      const command = args.at(-1) as Command;
      const id = creating ? undefined : (args[0] as string);
      await takeStep(command, { name: kind.name, verb, id, startsFrom }, p);
      state.code = ExitCode.Ok;
    });
}

/** The flag of one input, its help naming its choices, default and whether it is required. */
function inputOption(input: Input, all: readonly Input[]): Option {
  const value = input.list ? '<values>' : input.type === 'boolean' ? '<yes|no>' : `<${input.type}>`;
  const notes = [
    input.description,
    input.choices && !listsAll(input.description, input.choices) ? `one of: ${input.choices.join(', ')}` : '',
    input.list ? 'comma-separated' : '',
    input.fallback === 'today' ? 'default: today' : input.fallback === 'actor' ? 'default: you' : '',
    input.required ? 'required' : '',
    input.oneOf !== undefined
      ? `required unless ${all
          .filter((i) => i.oneOf === input.oneOf && i.flag !== input.flag)
          .map((i) => `--${i.flag}`)
          .join(' or ')} is given`
      : '',
  ];
  return new Option(`--${input.flag} ${value}`, notes.filter(Boolean).join('; '));
}

/** Takes the step the command line asks for, asking on a terminal for what its flags leave out,
 * and says what was done. */
async function takeStep(
  command: Command,
  asked: { name: string; verb: string; id: string | undefined; startsFrom: string | undefined },
  p: Printer,
): Promise<void> {
  const { name, verb, id, startsFrom } = asked;
  const { dryRun, commit, allowFuture, fromAgenda, ...given } = command.opts<
    Record<string, string> & { dryRun?: boolean; commit: boolean; allowFuture?: string; fromAgenda?: boolean }
  >();
  // Holding a review takes its decisions and actions as repeated flags; any other step's --action is an input.
  const holding = name === REVIEW_STEPS.kind && verb === REVIEW_STEPS.hold.verb;
  const { decision, action, ...rest } = given as Record<string, string> & { decision?: string[]; action?: string[] };
  const raw: Record<string, string> = holding ? rest : given;
  const { ask } = await asking(p);
  const flags = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), String(v)]),
  );
  const result = await step(
    {
      ...p.where,
      kind: name,
      verb,
      ...(id ? { id } : {}),
      values: flags,
      dryRun: dryRun ?? false,
      commit,
      ...(ask ? { ask } : {}),
      ...(allowFuture !== undefined ? { allowFuture } : {}),
      ...(fromAgenda ? { fromStart: true } : {}),
      ...(holding && (decision || action)
        ? { appends: (await import('../commands/review.js')).heldAppends(decision ?? [], action ?? []) }
        : {}),
    },
    p.ctx,
  );
  p.result(result.data, () => (dryRun ? result.text : result.id));
  const what = result.from ? `${result.from} → ${result.to}` : result.to;
  if (dryRun) p.info(`${result.id}: ${verb} (${what}) — dry run, nothing written`);
  else
    p.info(
      `${result.id}: ${verb} (${what})${result.commit ? ` — committed ${result.commit.slice(0, 7)}` : ' — written, not committed'}`,
    );
  if (result.fromStart?.length)
    p.info(`taken from the ${startsFrom ?? 'agenda'}: ${result.fromStart.map((f) => `--${f}`).join(', ')}`);
  for (const f of result.future ?? [])
    p.info(
      p.color.yellow(
        `${f.field} ${f.date} is after today: \`cim validate\` reports it (date/future) until that date comes`,
      ),
    );
}

/** Whether a description already names every choice ("Severity: major or minor"), so the help
 * need not list them a second time. */
export function listsAll(description: string, choices: readonly string[]): boolean {
  const words = new Set(description.split(/[\s,;:()]+/).map((w) => w.replace(/\.$/, '')));
  return choices.every((c) => words.has(c));
}

/** Where a mistake in a verb's options sends the user: that verb's own help, which lists them. */
const verbHelp = (kind: string, verb: string) => `(run cim ${kind} ${verb} --help for its options)`;

function addFindingCommand(program: Command, p: Printer, state: RunState): void {
  program
    .command(FINDING_STEP.verb)
    .description('add a finding to a reported audit; with --raise, open the NC or OFI it calls for')
    .showHelpAfterError(verbHelp(FINDING_STEP.kind, FINDING_STEP.verb))
    .argument('<id>', 'the audit, e.g. AUD-0003')
    .requiredOption('--type <type>', 'major, minor, observation, ofi, conformity or good-practice')
    .requiredOption('--statement <text>', 'what the auditor found')
    .option('--requirement <ids>', 'clauses or controls, comma-separated (needed to raise an NC)')
    .option('--evidence <text>', 'the evidence seen')
    .option('--dismiss <reason>', 'record that an observation or OFI raises nothing, and why')
    .option('--raise', 'open the NC (major, minor) or OFI (observation, ofi) with its source filled in')
    .option('--title <text>', 'title of the raised record')
    .option('--area <area>', "area of the raised NC (default: the audit's only area)")
    .option('--owner <person>', 'owner of the raised record')
    .option('--benefit <text>', 'benefit of the raised OFI')
    .option('--body-ref <text>', "a certification body's NC: the body's own reference for it")
    .option('--plan-due <date>', "a certification body's NC: when the body expects the corrective action plan")
    .option('--verify-by <date>', "a certification body's NC: when the body is to verify the actions")
    .option('--dry-run', 'check the finding; write nothing')
    .option('--no-commit', 'write without committing')
    .action(async (id: string, opts: Record<string, string | boolean | undefined>) => {
      const { addFinding } = await import('../commands/finding.js');
      const text = (k: string) => (typeof opts[k] === 'string' ? { [k]: opts[k] } : {});
      const result = await addFinding(
        {
          ...p.where,
          id,
          type: String(opts.type),
          statement: String(opts.statement),
          ...text('requirement'),
          ...text('evidence'),
          ...(typeof opts.dismiss === 'string' ? { noAction: opts.dismiss } : {}),
          raise: opts.raise === true,
          ...text('title'),
          ...text('area'),
          ...text('owner'),
          ...text('benefit'),
          ...(typeof opts.bodyRef === 'string' ? { bodyRef: opts.bodyRef } : {}),
          ...(typeof opts.planDue === 'string' ? { planDue: opts.planDue } : {}),
          ...(typeof opts.verifyBy === 'string' ? { verifyBy: opts.verifyBy } : {}),
          dryRun: opts.dryRun === true,
          commit: opts.commit !== false,
        },
        p.ctx,
      );
      p.result(result, () => result.raised ?? `${result.audit}#${result.ref}`);
      p.info(
        `${result.audit}: finding ${result.ref}${result.raised ? ` raised ${result.raised}` : ''}${result.commit ? ` — committed ${result.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ''}`,
      );
      state.code = ExitCode.Ok;
    });
}

function addExtendCommand(program: Command, p: Printer, state: RunState): void {
  program
    .command(EXTEND_STEP.verb)
    .description(
      `move an open nonconformity's close_by, recording who agreed it and why (${EXTEND_STEP.from.join(', ')})`,
    )
    .showHelpAfterError(verbHelp(EXTEND_STEP.kind, EXTEND_STEP.verb))
    .argument('<id>', 'the nonconformity, e.g. NC-0001')
    .requiredOption('--to <date>', 'the new close_by (YYYY-MM-DD)')
    .requiredOption('--reason <text>', 'why more time is needed')
    .option('--approved-by <person>', 'who approved the extension; not the NC owner (default: you)')
    .option('--dry-run', 'check the extension; write nothing')
    .option('--no-commit', 'write without committing')
    .action(async (id: string, opts: Record<string, string | boolean | undefined>) => {
      const { extend } = await import('../commands/extend.js');
      const result = await extend(
        {
          ...p.where,
          id,
          to: String(opts.to),
          reason: String(opts.reason),
          ...(typeof opts.approvedBy === 'string' ? { approvedBy: opts.approvedBy } : {}),
          dryRun: opts.dryRun === true,
          commit: opts.commit !== false,
        },
        p.ctx,
      );
      p.result(result, () => result.id);
      p.info(
        `${result.id}: close_by ${result.from} → ${result.to}${result.commit ? ` — committed ${result.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ''}`,
      );
      state.code = ExitCode.Ok;
    });
}

/** Collects a repeated option's values in order. */
const repeat = (value: string, previous: string[] = []) => [...previous, value];

/** One of the steps a review records what it produced by: its command line and its function. */
interface ReviewCommand {
  readonly step: { readonly verb: string; readonly from: readonly string[] };
  readonly description: string;
  /** Arguments after the review's id. */
  readonly args?: readonly (readonly [string, string])[];
  readonly options: readonly (readonly [flags: string, description: string])[];
  readonly run: 'decide' | 'addAction' | 'markDone';
  readonly said: (ref: string) => string;
}

const REVIEW_COMMANDS: readonly ReviewCommand[] = [
  {
    step: REVIEW_STEPS.decide,
    description: 'record a decision of a held review (clause 9.3.3)',
    options: [
      ['--text <text>', 'what was decided; required'],
      ['--type <type>', `${DECISION_TYPES.join(', ')}; required`],
    ],
    run: 'decide',
    said: (ref) => `decision ${ref} recorded`,
  },
  {
    step: REVIEW_STEPS.action,
    description: 'record an action a held review agreed, with its owner and due date',
    options: [
      ['--text <text>', 'what is to be done; required'],
      ['--owner <person>', 'who does it; required'],
      ['--due <date>', 'when it is due (YYYY-MM-DD); required'],
    ],
    run: 'addAction',
    said: (ref) => `action ${ref} recorded`,
  },
  {
    step: REVIEW_STEPS.done,
    description: 'mark an action of a review done, with its evidence; also once the minutes are approved',
    args: [['<action>', 'the action, e.g. A1']],
    options: [
      ['--evidence <text>', 'what shows it was done: a record, a document, a result; required'],
      ['--on <date>', 'when it was done (default: today)'],
    ],
    run: 'markDone',
    said: (ref) => `action ${ref} done`,
  },
];

function addReviewCommands(program: Command, p: Printer, state: RunState): void {
  for (const c of REVIEW_COMMANDS) {
    const cmd = program
      .command(c.step.verb)
      .description(`${c.description} (${c.step.from.join(', ')})`)
      .showHelpAfterError(verbHelp(REVIEW_STEPS.kind, c.step.verb))
      .argument('<id>', 'the management review, e.g. MRT-0001');
    for (const [name, what] of c.args ?? []) cmd.argument(name, what);
    for (const [flags, what] of c.options) cmd.option(flags, what);
    cmd
      .option('--dry-run', 'check it; write nothing')
      .option('--no-commit', 'write without committing')
      .action(async (...args: unknown[]) => {
        const [id, ref] = args as string[];
        const opts = args.at(-2) as Record<string, string | boolean | undefined>;
        const review = await import('../commands/review.js');
        const names = c.options.map(([flags]) => /^--([a-z-]+)/.exec(flags)![1]!);
        const run = review[c.run] as (o: object, ctx: typeof p.ctx) => ReturnType<typeof review.decide>;
        const r = await run(
          {
            ...p.where,
            id,
            ...(c.args?.length ? { ref } : {}),
            ...given(opts, ...names),
            ...(await asking(p)),
            dryRun: opts.dryRun === true,
            commit: opts.commit !== false,
          },
          p.ctx,
        );
        p.result(r, () => r.ref);
        p.info(
          `${r.id}: ${c.said(r.ref)}${r.commit ? ` — committed ${r.commit.slice(0, 7)}` : opts.dryRun ? ' — dry run, nothing written' : ' — written, not committed'}`,
        );
        state.code = ExitCode.Ok;
      });
  }
}

/** The text options given, by name. */
const given = (opts: Record<string, string | boolean | undefined>, ...names: string[]) =>
  Object.fromEntries(names.flatMap((n) => (typeof opts[n] === 'string' ? [[n, opts[n]]] : [])));

/** The prompt for what the flags leave out, on a terminal that may be asked. */
async function asking(p: Printer): Promise<{ ask?: Ask }> {
  const interactive = p.global.input && process.stdin.isTTY === true && !p.ctx.env.CI;
  return interactive ? { ask: (await import('./prompts.js')).askOnTerminal } : {};
}
