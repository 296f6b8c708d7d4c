// What shell completion knows of the command line: each command's sub-commands, options and
// arguments, and for every value where its candidates come from. Read from commander's own tree,
// so a command added anywhere is completed with no edit here; the kind commands, whose verbs live
// in a program of their own, are read from that program when the line names the kind.
import type { Command, Option } from 'commander';

/** Where the candidates for a value come from. */
export type Source =
  | { readonly from: 'choices'; readonly values: readonly string[] }
  | { readonly from: 'people' | 'areas' | 'kinds' | 'states' | 'files' | 'dirs' | 'none' }
  /** Record ids, of some kinds only, in some states only (a verb's from-states), or not final. */
  | {
      readonly from: 'records';
      readonly kinds?: readonly string[];
      readonly states?: readonly string[];
      readonly notFinal?: boolean;
    }
  /** The open actions of the management review the argument before names. */
  | { readonly from: 'actions' };

export interface OptionSpec {
  /** `--owner` as `owner`; absent for a short-only option such as `-C`. */
  readonly long?: string;
  /** `-C` as `C`. */
  readonly short?: string;
  readonly description: string;
  /** Absent for a flag that takes no value. */
  readonly value?: Source;
  /** The value is a comma-separated list. */
  readonly list?: boolean;
}

export interface ArgSpec {
  readonly name: string;
  readonly variadic: boolean;
  readonly value: Source;
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly options: readonly OptionSpec[];
  readonly args: readonly ArgSpec[];
  readonly commands: readonly CommandSpec[];
  /** The kind a kind command (and its verbs) works on. */
  readonly kind?: string;
}

/** How a value's placeholder in the help (`--owner <person>`) says what it takes. */
const PLACEHOLDER: Readonly<Record<string, Source>> = {
  person: { from: 'people' },
  area: { from: 'areas' },
  kind: { from: 'kinds' },
  status: { from: 'states' },
  dir: { from: 'dirs' },
  file: { from: 'files' },
  'yes|no': { from: 'choices', values: ['yes', 'no'] },
};

/** An option as completion sees it: its names, and what its value is drawn from. */
export function optionSpec(option: Option): OptionSpec {
  const takes = option.required || option.optional;
  const placeholder = /<([^>]+)>|\[([^\]]+)\]/.exec(option.flags);
  const name = placeholder?.[1] ?? placeholder?.[2] ?? '';
  const value: Source = option.argChoices?.length
    ? { from: 'choices', values: option.argChoices }
    : (PLACEHOLDER[name] ?? { from: 'none' });
  return {
    ...(option.long ? { long: option.long.replace(/^--/, '') } : {}),
    ...(option.short ? { short: option.short.replace(/^-/, '') } : {}),
    description: option.description,
    ...(takes ? { value } : {}),
  };
}

/** Where an argument's candidates come from, by its name: `<id>`, `<mrt>`, `[kind]`, `<files...>`. */
function argSource(name: string, description: string): Source {
  if (name === 'id' || name === 'old') return { from: 'records' };
  if (name === 'mrt') return { from: 'records', kinds: ['mrt'] };
  if (name === 'files' || name === 'file') return { from: 'files' };
  if (name === 'dir') return { from: 'dirs' };
  // The help names the kinds, and any word that may stand in their place ("… lrc or config").
  if (name === 'kind') return { from: 'choices', values: description.split(/,\s*|\s+or\s+/).filter(Boolean) };
  return { from: 'none' };
}

/** A commander command and the commands under it, leaving out the hidden ones. */
export function commandSpec(command: Command, kinds: ReadonlySet<string> = new Set()): CommandSpec {
  const help = command.createHelp();
  const isKind = kinds.has(command.name());
  return {
    name: command.name(),
    description: command.description(),
    options: help.visibleOptions(command).map(optionSpec),
    // A kind command's verbs stand in for its arguments; they are read from its own program.
    args: isKind
      ? []
      : command.registeredArguments.map((a) => ({
          name: a.name(),
          variadic: a.variadic,
          value: a.argChoices?.length ? { from: 'choices', values: a.argChoices } : argSource(a.name(), a.description),
        })),
    commands: help.visibleCommands(command).map((c) => commandSpec(c, kinds)),
    ...(isKind ? { kind: command.name() } : {}),
  };
}

/** The spec with one command's sub-commands put in place: a kind command's verbs. */
export function withCommands(root: CommandSpec, name: string, commands: readonly CommandSpec[]): CommandSpec {
  return { ...root, commands: root.commands.map((c) => (c.name === name ? { ...c, commands } : c)) };
}
