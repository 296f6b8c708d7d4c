// `cim completion <shell>` prints the script that completes cim in that shell; the hidden
// `cim complete -- <words>` is what the script calls back at each TAB.
import { Argument, type Command } from 'commander';
import { SHELLS, type Shell } from '../completion/shells.js';

export function addCompletion(program: Command): void {
  program
    .command('completion')
    .description('print the script that completes commands, ids and values in your shell (see README)')
    .addArgument(new Argument('<shell>', SHELLS.join(', ')).choices(SHELLS))
    .action(async (shell: Shell) => {
      const { completionScript } = await import('../completion/scripts.js');
      process.stdout.write(completionScript(shell));
    });
  program
    .command('complete', { hidden: true })
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[], _opts: unknown, cmd: Command) => {
      const { completeQuietly } = await import('../completion/complete.js');
      process.stdout.write(await completeQuietly(cmd.parent!, words));
    });
}
