// `cim <kind> <verb>`: one commander command per verb, generated from the kind's lifecycle table
// and the inputs each step takes.
import { Command, Option } from 'commander';
import { inputsFor } from '../domain/inputs.js';
import { ExitCode } from '../errors.js';
import type { RunState } from './main.js';
import type { Printer } from './print.js';
import { kindNamed, step } from '../commands/step.js';

export function kindProgram(name: string, p: Printer, state: RunState): Command {
  const kind = kindNamed(name);
  const program = new Command(`cim ${name}`)
    .description(`${kind.title} records (${kind.prefix}-NNNN in ${kind.folder}/): ${kind.description}`)
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError(`(run cim ${name} --help for the verbs)`);
  const verbs = new Map<string, typeof kind.transitions>();
  for (const t of kind.transitions) verbs.set(t.verb, [...(verbs.get(t.verb) ?? []), t]);
  for (const [verb, transitions] of verbs) {
    const creating = transitions.some((t) => t.from.length === 0);
    const first = transitions[0]!;
    const from = [...new Set(transitions.flatMap((t) => t.from))];
    const cmd = program
      .command(verb)
      .description(`${first.summary}${creating ? '' : ` (${from.join(', ')} → ${first.to})`}`)
      .exitOverride();
    if (!creating) cmd.argument('<id>', `the ${kind.title.toLowerCase()}, e.g. ${kind.prefix}-0001`);
    const seen = new Set<string>();
    for (const input of transitions.flatMap((t) => inputsFor(kind, t))) {
      if (seen.has(input.flag)) continue;
      seen.add(input.flag);
      const value = input.list ? '<values>' : input.type === 'boolean' ? '<yes|no>' : `<${input.type}>`;
      const notes = [
        input.description,
        input.choices ? `one of: ${input.choices.join(', ')}` : '',
        input.list ? 'comma-separated' : '',
        input.fallback === 'today' ? 'default: today' : input.fallback === 'actor' ? 'default: you' : '',
        input.required ? 'required' : '',
      ];
      cmd.addOption(new Option(`--${input.flag} ${value}`, notes.filter(Boolean).join('; ')));
    }
    cmd
      .option('--dry-run', 'show the resulting record; write nothing')
      .option('--no-commit', 'write the record without committing it')
      .action(async (...args: unknown[]) => {
        const command = args.at(-1) as Command;
        const id = creating ? undefined : (args[0] as string);
        const { dryRun, commit, ...raw } = command.opts<
          Record<string, string> & { dryRun?: boolean; commit: boolean }
        >();
        const interactive = p.global.input && process.stdin.isTTY === true && !p.ctx.env.CI;
        const ask = interactive ? (await import('./prompts.js')).askOnTerminal : undefined;
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
        state.code = ExitCode.Ok;
      });
  }
  return program;
}
