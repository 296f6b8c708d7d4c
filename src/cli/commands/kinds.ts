// `cim <kind> …`: one top-level command per kind, which hands its arguments to the kind's own
// program of lifecycle verbs.
import type { Command } from 'commander';
import type { KindCommand } from '../kind-names.js';
import type { RunState } from '../run-state.js';
import { printer } from './printer.js';

export function addKindCommands(program: Command, kinds: readonly KindCommand[], state: RunState): void {
  for (const [name, records] of kinds) {
    program
      .command(name)
      .description(`${records}: cim ${name} <verb> [ID] [--field value …] (cim ${name} --help lists the verbs)`)
      .argument('[verb]')
      .argument('[args...]')
      .allowUnknownOption()
      .allowExcessArguments()
      .helpOption(false)
      .action(async (_verb: string | undefined, _args: string[], _opts: unknown, cmd: Command) => {
        const { kindProgram } = await import('../kind-commands.js');
        const p = await printer(cmd);
        const sub = kindProgram(name, p, state);
        await sub.parseAsync(cmd.args, { from: 'user' });
      });
  }
}

/** The kinds' names as help text lists them, with any other words that may stand in their place:
 * "nc, ca, … lrc or exception". */
export function namesOf(kinds: readonly KindCommand[], ...more: readonly string[]): string {
  const names = [...kinds.map(([name]) => name), ...more];
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}
