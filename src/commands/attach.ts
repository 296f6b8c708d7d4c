// `cim attach ID FILE… [--note TEXT]`: copies evidence files into evidence/<ID>/ and records each,
// with its SHA-256 and size, at the end of the record's attachments, all in one commit. A record
// takes evidence in any state, final ones too: the evidence of a closed NC is often found after.
import { lstat, realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Context } from '../context.js';
import { today } from '../domain/dates.js';
import { withEntries } from '../domain/engine.js';
import { EVIDENCE_FOLDER } from '../domain/fields.js';
import { ATTACH_STEP } from '../domain/history-fields.js';
import type { Entry } from '../domain/register.js';
import { ExitCode, UserError } from '../errors.js';
import { nameProblem, readSource } from '../io/evidence.js';
import { renderUpdate } from '../io/record-file.js';
import type { FileCopy } from '../io/write.js';
import { applyChange, checkedRecord, type Mutation } from './change.js';
import { recordToChange, type OpenForChange } from './open.js';

export interface AttachOptions {
  readonly dir?: string;
  readonly id: string;
  /** The files to attach, as given (relative to the folder the command runs in). */
  readonly files: readonly string[];
  /** What the files show; recorded with each. */
  readonly note?: string;
  /** Who attaches them, when the git identity matches nobody in cim.yaml. */
  readonly by?: string;
  readonly dryRun?: boolean;
  readonly commit?: boolean;
}

export interface Attached {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly added_on: string;
  readonly added_by: string;
  readonly note?: string;
}

export interface AttachResult {
  readonly id: string;
  readonly file: string;
  readonly attached: readonly Attached[];
  readonly written: boolean;
  readonly commit?: string;
}

export async function attach(opts: AttachOptions, ctx: Context): Promise<AttachResult> {
  if (opts.files.length === 0) throw new UserError('no file to attach', 'name the files: cim attach ID FILE…');
  if (opts.note !== undefined && opts.note.trim() === '')
    throw new UserError('--note is empty', 'say what the files show, or leave --note out');
  const result = await applyChange(opts, ctx, (opened) => attachment(opts, opened, ctx));
  return { ...result.result, written: result.written, ...(result.commit ? { commit: result.commit } : {}) };
}

interface Source {
  readonly path: string;
  readonly shown: string;
  readonly name: string;
}

/** The files given, each a file that can be attached under its own name, none given twice. */
async function sources(given: readonly string[], cwd: string): Promise<Source[]> {
  const out: (Source & { real: string })[] = [];
  for (const shown of given) {
    const path = resolve(cwd, shown);
    const name = basename(path);
    const problem = nameProblem(name);
    if (problem)
      throw new UserError(
        `cannot attach ${shown}: its name "${escapeName(name)}" ${problem}`,
        'copy it to a plain file name (letters, digits, dashes, dots inside; at most 200 bytes) and attach that',
      );
    const linked = await lstat(path).catch(() => undefined);
    const real = linked && !linked.isSymbolicLink() ? await realpath(path).catch(() => path) : path;
    const twice = out.find((s) => s.real === real);
    if (twice) throw new UserError(`${shown} is given twice`, 'name each file once');
    const same = out.find((s) => s.name === name);
    if (same)
      throw new UserError(
        `${same.shown} and ${shown} have the same name, ${name}`,
        'rename one of them: each file is kept under its own name',
      );
    out.push({ path, shown, name, real });
  }
  return out.map(({ path, shown, name }) => ({ path, shown, name }));
}

/** A name as it can be shown on one line: control characters as escapes. */
function escapeName(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

async function attachment(
  opts: AttachOptions,
  { register, actor }: OpenForChange,
  ctx: Context,
): Promise<Mutation<Omit<AttachResult, 'written' | 'commit'>>> {
  const id = opts.id.toUpperCase();
  const current = recordToChange(register, id);
  const by = opts.by ?? actor;
  if (by === undefined)
    throw new UserError(
      'missing --by: your git identity matches no person in cim.yaml',
      'say who attaches the files: --by <person> (or add your git email to your entry in cim.yaml)',
    );
  if (!register.config.people.some((p) => p.id === by))
    throw new UserError(
      `--by ${by} is not a person in cim.yaml`,
      `give one of: ${register.config.people.map((p) => p.id).join(', ')}`,
    );
  const maxBytes = Math.floor(register.config.evidence.max_file_mb * 1024 * 1024);
  const given = await sources(opts.files, ctx.cwd);
  await refuseOddFolder(register.root, EVIDENCE_FOLDER);
  await refuseOddFolder(register.root, `${EVIDENCE_FOLDER}/${id}`);
  const existing = (current.data.attachments as readonly Attached[] | undefined) ?? [];
  const on = today(ctx.now);
  const copies: FileCopy[] = [];
  const added: Attached[] = [];
  for (const s of given) {
    const file = `${EVIDENCE_FOLDER}/${id}/${s.name}`;
    if (existing.some((a) => a.file === file))
      throw new UserError(
        `${id} already has an attachment named ${s.name}`,
        `an attachment is never replaced: rename the file, or attach the new version under another name (e.g. ${versioned(s.name)})`,
        ExitCode.Invalid,
      );
    if (await lstat(resolve(register.root, file)).catch(() => undefined))
      throw new UserError(
        `${file} is there already, though ${id} does not attach it`,
        `rename the file you attach, or move ${file} out of the way (\`cim validate\` lists such files)`,
      );
    const held = await readSource(s.path, s.shown, maxBytes);
    copies.push({ file, from: s.path, ...held, maxBytes });
    added.push({
      file,
      sha256: held.sha256,
      size: held.size,
      added_on: on,
      added_by: by,
      ...(opts.note !== undefined ? { note: opts.note.trim() } : {}),
    });
  }
  const amended = { ...current.data, [ATTACH_STEP.field]: [...existing, ...added] };
  const refusal = `cannot attach to ${id}`;
  const value = checkedRecord(
    current.kind,
    amended,
    current.file,
    (problems) =>
      new UserError(`${refusal}: ${problems.map((f) => f.message).join('; ')}`, problems[0]!.hint, ExitCode.Invalid),
  );
  const entry = { ...current, data: value } as Entry;
  const names = given.map((s) => s.name).join(', ');
  return {
    writes: [{ file: current.file, text: renderUpdate(current.text, current.data, value), expected: current.text }],
    copies,
    changed: [entry, current],
    judge: { after: withEntries(register, [entry]), refusal },
    commit: {
      kind: current.kind.name,
      id,
      verb: `${ATTACH_STEP.verb} ${names}`,
      title: current.data.title,
      records: [id],
      action: ATTACH_STEP.verb,
    },
    result: { id, file: current.file, attached: added },
  };
}

/** The evidence folders must be absent or real folders: a link would take the copies out of the register. */
async function refuseOddFolder(root: string, folder: string): Promise<void> {
  const found = await lstat(resolve(root, folder)).catch(() => undefined);
  if (found && !found.isDirectory())
    throw new UserError(
      `${folder} is ${found.isSymbolicLink() ? 'a symbolic link' : 'not a folder'}, so no evidence can be kept in it`,
      `replace it with a real folder named ${folder}/`,
    );
}

/** `report.pdf` → `report-2.pdf`: a name for a new version beside the old. */
function versioned(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-2${name.slice(dot)}` : `${name}-2`;
}
