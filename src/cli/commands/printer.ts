// The printer an action prints through, made when the action runs, so that the code of colour is
// loaded only by a command that prints.
import type { Command } from 'commander';
import { processContext } from '../../context.js';
import type { GlobalFlags, Printer } from '../print.js';

export async function printer(cmd: Command): Promise<Printer> {
  const { makePrinter } = await import('../print.js');
  return makePrinter(cmd.optsWithGlobals<GlobalFlags>(), processContext());
}
