import type { Context } from '../context.js';
import type { Diagnostic } from '../domain/diagnostics.js';
import { ID_PATTERN } from '../domain/fields.js';
import { referencesTo, type Backlink } from '../domain/links.js';
import { UserError } from '../errors.js';
import { openRegister } from './open.js';

export interface ShowOptions {
  readonly dir?: string;
  readonly id: string;
  /** The date policy compliance is judged at (default today), as `cim validate --as-of`. */
  readonly asOf?: string;
}

export interface ShowResult {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  readonly status: string;
  readonly file: string;
  /** The record as written, without the editor schema line. */
  readonly text: string;
  readonly data: Record<string, unknown>;
  readonly referencedBy: Backlink[];
  /** The evidence attached to it (`cim attach`), as recorded. */
  readonly attachments: readonly ShownAttachment[];
  /** What `cim validate` reports for this record's file: syntax, schema, register rules and policy
   * compliance as of today or `asOf`, each with its severity. */
  readonly problems: Diagnostic[];
}

export interface ShownAttachment {
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly added_on: string;
  readonly added_by: string;
  readonly note?: string;
}

/** A record's attachments as written, those with every field they need. */
function attachmentsOf(data: Record<string, unknown>): ShownAttachment[] {
  const list = data.attachments;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (a): a is ShownAttachment =>
      typeof a === 'object' &&
      a !== null &&
      ['file', 'sha256', 'added_on', 'added_by'].every((k) => typeof (a as Record<string, unknown>)[k] === 'string') &&
      typeof (a as Record<string, unknown>).size === 'number',
  );
}

export async function show(opts: ShowOptions, ctx: Context): Promise<ShowResult> {
  const id = opts.id.toUpperCase();
  if (!ID_PATTERN.test(id))
    throw new UserError(`"${opts.id}" is not a record id`, 'ids look like NC-0007; `cim list` lists them');
  const { input, result } = await openRegister({ ...opts, compliance: true }, ctx);
  const file = input.files.find((f) => f.id === id);
  if (!file) {
    const broken = result.diagnostics.find((d) => d.file.endsWith(`/${id}.yaml`));
    if (broken)
      throw new UserError(
        `${id} cannot be read: ${broken.message}`,
        `fix ${broken.file}:${broken.line}; \`cim validate\` lists every problem`,
      );
    throw new UserError(`no record ${id} in this register`, '`cim list` lists the records');
  }
  return {
    id,
    kind: file.kind.name,
    title: typeof file.data.title === 'string' ? file.data.title : '',
    status: typeof file.data.status === 'string' ? file.data.status : '',
    file: file.file,
    text: file.text.replace(/^# yaml-language-server:.*\r?\n/, ''),
    data: file.data,
    referencedBy: result.register ? referencesTo(result.register, id) : [],
    attachments: attachmentsOf(file.data),
    problems: result.diagnostics.filter((d) => d.file === file.file),
  };
}
