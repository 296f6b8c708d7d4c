// The documents cim fills from the register (policy, agenda, minutes, programme) and the exported log:
// printed, written to a file with -o, or their data with --json.
import { type Command, Option } from 'commander';
import type { Printer } from '../print.js';
import { printer } from './printer.js';

type DocumentFlags = { format?: string; output?: string; asOf?: string; paper?: string };

// The lists the commands check; kept here so that --help needs none of their code loaded.
const FORMATS = ['md', 'html', 'pdf', 'json'];
const LOG_FORMATS = ['md', 'html', 'pdf', 'csv', 'json'];
const PAPERS = ['a4', 'letter'];

const paperOption = () =>
  new Option('--paper <size>', 'the paper html and pdf are laid out on (default a4)').choices(PAPERS);

export function addDocuments(program: Command): void {
  documentCommand(program, 'policy', 'the Continual Improvement Policy, filled from cim.yaml and the register').action(
    async (opts: DocumentFlags, cmd: Command) => {
      const { policy } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, () => policy({ ...p.where, ...opts }, p.ctx));
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
      await emit(p, opts, () => agenda({ ...p.where, ...opts, id }, p.ctx));
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
      await emit(p, opts, () => minutes({ ...p.where, ...opts, id }, p.ctx));
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
      await emit(p, opts, () => programme({ ...p.where, ...opts, year }, p.ctx));
    });
}

export function addExport(program: Command): void {
  const exporting = program.command('export').description('export a register log');
  exporting
    .command('log')
    .description('the incident and corrective action log: NCs with their CAs, and incidents')
    .addOption(new Option('--format <format>', 'output format (default md)').choices(LOG_FORMATS))
    .addOption(paperOption())
    .option('-o, --output <file>', 'write the log to a file instead of standard output (- for standard output)')
    .option(
      '--as-of <date>',
      'the date overdue items are judged at (YYYY-MM-DD; default the day of SOURCE_DATE_EPOCH, or today)',
    )
    .action(async (opts: DocumentFlags, cmd: Command) => {
      const { exportLog } = await import('../../commands/documents.js');
      const p = await printer(cmd);
      await emit(p, opts, () => exportLog({ ...p.where, ...opts }, p.ctx));
    });
}

function documentCommand(program: Command, name: string, description: string): Command {
  return program
    .command(name)
    .description(description)
    .addOption(new Option('--format <format>', 'output format (default md)').choices(FORMATS))
    .addOption(paperOption())
    .option('-o, --output <file>', 'write the document to a file instead of standard output (- for standard output)')
    .option(
      '--as-of <date>',
      'the date the document is prepared as of (YYYY-MM-DD; default the day of SOURCE_DATE_EPOCH, or today)',
    );
}

/** Prints or writes a document (`-o -` is standard output, as for most tools); --json prints the
 * data it shows. A PDF is bytes: written to a file, or to standard output when it is not a terminal. */
async function emit(
  p: Printer,
  opts: DocumentFlags,
  make: () => Promise<{ text: string; bytes?: Uint8Array; model: object }>,
): Promise<void> {
  const toStdout = !opts.output || opts.output === '-';
  // Refused before the browser is started for nothing.
  if (toStdout && opts.format === 'pdf' && process.stdout.isTTY) await refuseTerminal();
  const doc = await make();
  if (p.global.json && opts.format === undefined) return p.out(`${JSON.stringify(doc.model, null, 2)}\n`);
  if (toStdout && doc.bytes === undefined) return p.out(doc.text);
  if (toStdout && doc.bytes !== undefined) return writeBytes(doc.bytes);
  const { writeDocument } = await import('../../commands/documents.js');
  await writeDocument(opts.output!, doc.bytes ?? doc.text, p.ctx);
  p.info(`Wrote ${opts.output}`);
}

/** A terminal would show a PDF's bytes as noise, so none is written there. */
async function refuseTerminal(): Promise<never> {
  const { UserError } = await import('../../errors.js');
  throw new UserError(
    'a PDF is not printed on a terminal',
    'write it to a file with -o FILE, e.g. -o policy.pdf, or redirect standard output',
  );
}

/** A PDF on standard output, as bytes. */
async function writeBytes(bytes: Uint8Array): Promise<void> {
  await new Promise<void>((resolve, reject) => process.stdout.write(bytes, (e) => (e ? reject(e) : resolve())));
}
