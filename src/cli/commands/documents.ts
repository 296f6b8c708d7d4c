// The documents cim fills from the register (policy, agenda, minutes, programme) and the exported log:
// printed, written to a file with -o, or their data with --json.
import { type Command, Option } from 'commander';
import type { Printer } from '../print.js';
import { printer } from './printer.js';

type DocumentFlags = { format?: string; output?: string; asOf?: string };

const FORMATS = ['md', 'html', 'json'];

export function addDocuments(program: Command): void {
  documentCommand(program, 'policy', 'the Continual Improvement Policy, filled from cim.yaml and the register').action(
    async (opts: DocumentFlags, cmd: Command) => {
      const { policy } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await policy({ ...p.where, ...opts }, p.ctx));
    },
  );

  documentCommand(
    program,
    'agenda',
    'the agenda of a management review: every clause 9.3.2 input, filled since the previous review',
  )
    .argument('<mrt>', 'the management review, e.g. MRT-0004')
    .action(async (id: string, opts: DocumentFlags, cmd: Command) => {
      const { agenda } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await agenda({ ...p.where, ...opts, id }, p.ctx));
    });

  documentCommand(
    program,
    'minutes',
    'the minutes of a held or approved management review: attendance, inputs, decisions, actions, conclusion',
  )
    .argument('<mrt>', 'the management review, e.g. MRT-0004')
    .action(async (id: string, opts: DocumentFlags, cmd: Command) => {
      const { minutes } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await minutes({ ...p.where, ...opts, id }, p.ctx));
    });

  documentCommand(
    program,
    'programme',
    'the audit programme of a year: its audits, and coverage of clauses and controls over the cycle',
  )
    .argument('<year>', 'the year, e.g. 2027')
    .action(async (year: string, opts: DocumentFlags, cmd: Command) => {
      const { programme } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await programme({ ...p.where, ...opts, year }, p.ctx));
    });
}

export function addExport(program: Command): void {
  const exporting = program.command('export').description('export a register log');
  exporting
    .command('log')
    .description('the incident and corrective action log: NCs with their CAs, and incidents')
    .addOption(new Option('--format <format>', 'output format (default md)').choices(['md', 'html', 'csv', 'json']))
    .option('-o, --output <file>', 'write the log to a file instead of standard output (- for standard output)')
    .option('--as-of <date>', 'the date overdue items are judged at (YYYY-MM-DD; default today)')
    .action(async (opts: DocumentFlags, cmd: Command) => {
      const { exportLog } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, await exportLog({ ...p.where, ...opts }, p.ctx));
    });
}

function documentCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .addOption(new Option('--format <format>', 'output format (default md)').choices(FORMATS))
    .option('-o, --output <file>', 'write the document to a file instead of standard output (- for standard output)')
    .option('--as-of <date>', 'the date the document is prepared as of (YYYY-MM-DD; default today)');
}

/** Prints or writes a document (`-o -` is standard output, as for most tools); --json prints the
 * data it shows. */
async function emit(p: Printer, opts: DocumentFlags, doc: { text: string; model: object }): Promise<void> {
  if (p.global.json && opts.format === undefined) return p.out(`${JSON.stringify(doc.model, null, 2)}\n`);
  if (!opts.output || opts.output === '-') return p.out(doc.text);
  const { writeDocument } = await import('../../commands/documents.js');
  await writeDocument(opts.output, doc.text, p.ctx);
  p.info(`Wrote ${opts.output}`);
}
