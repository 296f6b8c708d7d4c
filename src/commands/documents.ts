// Document commands: cim policy, agenda, programme and export log. Each builds its model from a
// valid register as of a date, then renders it; the CLI prints or writes the result.
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import type { Register } from '../domain/register.js';
import type { ValidationResult } from '../domain/validate/index.js';
import { agendaModel } from '../docs/agenda.js';
import { logCsv, logModel } from '../docs/log.js';
import { policyModel } from '../docs/policy.js';
import { programmeModel } from '../docs/programme.js';
import { render, type DocumentFormat } from '../docs/render.js';
import { ExitCode, UserError } from '../errors.js';
import { writeFileAtomic } from '../io/files.js';
import { openRegister } from './open.js';

export interface DocumentOptions {
  readonly dir?: string;
  readonly asOf?: string;
  readonly format?: string;
}

export interface Document {
  /** The rendered document, or undefined for --format json (the model is the result). */
  readonly text: string;
  /** The data the document shows, unescaped: what --json prints. */
  readonly model: object;
}

interface Opened {
  readonly root: string;
  readonly asOf: string;
  readonly register: Register;
  readonly result: ValidationResult;
}

/** Documents handed to an auditor come from a register that validates. */
async function openValid(opts: DocumentOptions, ctx: Context): Promise<Opened> {
  const { root, asOf, result } = await openRegister(
    { ...(opts.dir ? { dir: opts.dir } : {}), ...(opts.asOf ? { asOf: opts.asOf } : {}) },
    ctx,
  );
  if (!result.register || result.errors > 0) {
    throw new UserError(
      `the register has ${result.errors} validation error${result.errors === 1 ? '' : 's'}, so no document is generated from it`,
      'run `cim validate` and fix them first',
      ExitCode.Invalid,
    );
  }
  return { root, asOf, register: result.register, result };
}

function formatOf(value: string | undefined, allowed: readonly string[]): string {
  const format = value ?? 'md';
  if (!allowed.includes(format))
    throw new UserError(`--format ${format} is not available here`, `use one of: ${allowed.join(', ')}`);
  return format;
}

export async function policy(opts: DocumentOptions, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, ['md', 'html', 'json']);
  const { root, asOf, register, result } = await openValid(opts, ctx);
  const model = policyModel(register, asOf, result.diagnostics);
  return document(model, format, root, 'policy.md.hbs', `${model.organisation} — ${model.title}`);
}

export async function agenda(opts: DocumentOptions & { readonly id: string }, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, ['md', 'html', 'json']);
  const { root, asOf, register, result } = await openValid(opts, ctx);
  const model = agendaModel(register, opts.id.toUpperCase(), asOf, result.diagnostics);
  return document(model, format, root, 'agenda.md.hbs', `${model.organisation} — ${model.title}`);
}

export async function programme(opts: DocumentOptions & { readonly year: string }, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, ['md', 'html', 'json']);
  if (!/^\d{4}$/.test(opts.year))
    throw new UserError(`"${opts.year}" is not a year`, 'give the year as four digits, e.g. cim programme 2027');
  const { root, asOf, register } = await openValid(opts, ctx);
  const model = programmeModel(register, Number(opts.year), asOf);
  return document(model, format, root, 'programme.md.hbs', `${model.organisation} — ${model.title}`);
}

export async function exportLog(opts: DocumentOptions, ctx: Context): Promise<Document> {
  const format = formatOf(opts.format, ['md', 'html', 'csv', 'json']);
  const { root, asOf, register } = await openValid(opts, ctx);
  const model = logModel(register, asOf);
  if (format === 'csv') return { text: logCsv(model), model };
  return document(model, format, root, 'log.md.hbs', `${model.organisation} — ${model.title}`);
}

function document(model: object, format: string, root: string, template: string, title: string): Document {
  if (format === 'json') return { text: `${JSON.stringify(model, null, 2)}\n`, model };
  return { text: render(model, { root, template, format: format as DocumentFormat, title }), model };
}

/** Writes a document to a file, atomically, relative to where cim was started. */
export async function writeDocument(path: string, text: string, ctx: Context): Promise<string> {
  const target = resolve(ctx.cwd, path);
  try {
    await writeFileAtomic(target, text);
  } catch (e) {
    throw new UserError(`cannot write ${path}: ${(e as Error).message}`, 'check the folder exists and is writable');
  }
  return target;
}
