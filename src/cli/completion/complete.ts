// `cim complete -- <words>`: the callback the completion scripts run at every TAB. It reads the
// command line's tree, the kind's verbs only when the line names a kind, and the register only
// when the word needs its ids, people or areas. It never prompts, never writes, and says nothing
// on stderr: a register it cannot read only means fewer candidates.
import { homedir } from 'node:os';
import type { Command } from 'commander';
import { type Context, processContext } from '../../context.js';
import { KINDS } from '../../domain/kinds/index.js';
import { oneLine } from '../terminal.js';
import {
  type Candidate,
  type Catalog,
  type Facts,
  locate,
  needsRegister,
  NO_FACTS,
  offer,
  pathsWanted,
  type Target,
  wordsFrom,
} from './candidates.js';
import { DIRECTIVE } from './scripts.js';
import { commandSpec, withCommands } from './spec.js';

export const CATALOG: Catalog = KINDS.map((k) => ({ name: k.name, title: k.title, states: k.states }));

/** The answer, or none when anything at all goes wrong: completion runs at every TAB, and an
 * error there would be printed over the command line being typed. */
export async function completeQuietly(program: Command, raw: readonly string[]): Promise<string> {
  try {
    return await complete(program, raw, processContext());
  } catch {
    return `:${DIRECTIVE.noFiles}\n`;
  }
}

/** The protocol's answer for the words after `cim`: candidates a line, then the directive. */
export async function complete(program: Command, raw: readonly string[], ctx: Context): Promise<string> {
  const target = await targetFor(program, wordsFrom(raw.length === 0 ? [''] : raw), ctx);
  const facts = needsRegister(target) ? await factsFor(target, ctx) : NO_FACTS;
  return answer(offer(target, CATALOG, facts), target);
}

/** What the last word is to be, reading the verbs of the kind the line names, if it names one. */
export async function targetFor(program: Command, words: readonly string[], ctx: Context): Promise<Target> {
  const spec = commandSpec(program, new Set(CATALOG.map((k) => k.name)));
  const target = locate(spec, words);
  if (target.kind === undefined) return target;
  const { verbSpecs } = await import('./kinds.js');
  return locate(withCommands(spec, target.kind, verbSpecs(target.kind, ctx)), words);
}

async function factsFor(target: Target, ctx: Context): Promise<Facts> {
  try {
    const { completionFacts } = await import('../../commands/completion-facts.js');
    return await completionFacts(target.dir === undefined ? undefined : expandHome(target.dir, ctx), ctx);
  } catch {
    return NO_FACTS;
  }
}

/** `~/reg` as the shell would have expanded it, had the word been run and not completed. */
function expandHome(dir: string, ctx: Context): string {
  if (dir !== '~' && !dir.startsWith('~/')) return dir;
  return (ctx.env.HOME ?? homedir()) + dir.slice(1);
}

function answer(candidates: readonly Candidate[], target: Target): string {
  const paths = pathsWanted(target);
  const directive = paths === 'dirs' ? DIRECTIVE.dirs : paths === 'files' ? 0 : DIRECTIVE.noFiles;
  const lines = candidates.map((c) => {
    const description = oneLine(c.description)
      .replace(/\\u000[9a]|\s+/g, ' ')
      .trim();
    return description ? `${c.value}\t${description}` : c.value;
  });
  return `${[...lines, `:${directive}`].join('\n')}\n`;
}
