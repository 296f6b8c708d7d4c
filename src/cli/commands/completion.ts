// `cim completion <shell>` prints the script that completes cim in that shell; the hidden
// `cim complete -- <words>` is what the script calls back at each TAB.
import { Argument, type Command } from 'commander';
import { SHELLS, type Shell } from '../completion/shells.js';

export function addCompletion(program: Command): void {
  program
    .command('completion')
    .description('print the script that completes commands, record ids and values in bash, zsh or fish')
    .addArgument(new Argument('<shell>', 'the shell to complete in').choices(SHELLS))
    .addHelpText(
      'after',
      [
        '',
        'Install:',
        '  bash  add to ~/.bashrc:  source <(cim completion bash)',
        '  zsh   cim completion zsh > ~/.zfunc/_cim, with fpath=(~/.zfunc $fpath) before compinit in ~/.zshrc',
        '  fish  cim completion fish > ~/.config/fish/completions/cim.fish',
      ].join('\n'),
    )
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
