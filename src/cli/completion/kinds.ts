// The verbs of one kind as completion sees them: read from the kind's own program of verbs, with
// what the lifecycle table and the step inputs say about their values. A verb's record id is
// drawn from the records in a state the verb starts from, so `cim nc close <TAB>` offers only the
// nonconformities that can be closed.
import { inputsFor, type Input } from '../../domain/inputs.js';
import type { Kind } from '../../domain/kind.js';
import { FINDING_STEP, FINDING_TYPES } from '../../domain/kinds/audit.js';
import { findKind } from '../../domain/kinds/index.js';
import { REVIEW_STEPS } from '../../domain/kinds/mrt.js';
import { EXTEND_STEP } from '../../domain/kinds/nc.js';
import { ExitCode } from '../../errors.js';
import { kindProgram } from '../kind-commands.js';
import { makePrinter } from '../print.js';
import type { Context } from '../../context.js';
import { commandSpec, type ArgSpec, type CommandSpec, type OptionSpec, type Source } from './spec.js';

/** The steps that are no transition of the lifecycle table, with the states they start from. */
const EXTRA_STEPS: readonly { readonly kind: string; readonly verb: string; readonly from: readonly string[] }[] = [
  FINDING_STEP,
  EXTEND_STEP,
  ...[REVIEW_STEPS.decide, REVIEW_STEPS.action, REVIEW_STEPS.done].map((s) => ({ ...s, kind: REVIEW_STEPS.kind })),
];

/** The kind's verbs, each with its options' values and its id drawn from the states it starts from. */
export function verbSpecs(name: string, ctx: Context): readonly CommandSpec[] {
  const kind = findKind(name);
  if (!kind) return [];
  // The program is only read, never run: its printer prints nothing.
  const printer = makePrinter({ input: false, color: false, quiet: true }, ctx);
  const program = kindProgram(name, printer, { code: ExitCode.Ok });
  return commandSpec(program).commands.map((verb) => refined(kind, verb));
}

function refined(kind: Kind, verb: CommandSpec): CommandSpec {
  const transitions = kind.transitions.filter((t) => t.verb === verb.name);
  const inputs = new Map(transitions.flatMap((t) => inputsFor(kind, t)).map((i) => [i.flag, i]));
  const from = [
    ...new Set([
      ...transitions.flatMap((t) => t.from),
      ...EXTRA_STEPS.filter((s) => s.kind === kind.name && s.verb === verb.name).flatMap((s) => s.from),
    ]),
  ];
  return {
    ...verb,
    kind: kind.name,
    options: verb.options.map((o) => {
      const input = o.long === undefined ? undefined : inputs.get(o.long);
      if (input) return inputOption(o, input);
      if (kind.name === FINDING_STEP.kind && verb.name === FINDING_STEP.verb && o.long === 'type')
        return { ...o, value: { from: 'choices', values: FINDING_TYPES } };
      return o;
    }),
    args: verb.args.map((a, i): ArgSpec => {
      if (i === 0) return { ...a, value: { from: 'records', kinds: [kind.name], states: from } };
      if (kind.name === REVIEW_STEPS.kind && verb.name === REVIEW_STEPS.done.verb)
        return { ...a, value: { from: 'actions' } };
      return a;
    }),
  };
}

/** An option whose value the step inputs describe: people, areas, choices or records. */
function inputOption(option: OptionSpec, input: Input): OptionSpec {
  const value: Source =
    input.type === 'person'
      ? { from: 'people' }
      : input.type === 'area'
        ? { from: 'areas' }
        : input.type === 'boolean'
          ? { from: 'choices', values: ['yes', 'no'] }
          : input.choices
            ? { from: 'choices', values: input.choices }
            : input.type === 'record'
              ? { from: 'records', ...(input.kinds?.length ? { kinds: input.kinds } : {}) }
              : { from: 'none' };
  return { ...option, value, ...(input.list ? { list: true } : {}) };
}
