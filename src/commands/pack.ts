// cim pack: the evidence pack, a static site an auditor opens from a folder (a USB stick, a CI
// artifact) with no server, no network and no script: the index, a page per record with its
// references, attachments and history, the documents, and the validation report, all as of one
// date and from one commit, with a manifest of every file's SHA-256. `cim pack verify` recomputes
// the manifest. The pack is built in a folder beside the one asked for and renamed into place, so
// a build that fails leaves no half pack.
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { documentAsOf, type Context } from '../context.js';
import { EVIDENCE_FOLDER } from '../domain/fields.js';
import { audit, mrt } from '../domain/kinds/index.js';
import { hasFact, isVoid } from '../domain/queries.js';
import { compareIds, entriesOf, type Entry } from '../domain/register.js';
import { compareFiles, MANIFEST_FILE, manifestText, parseManifest, type PackFile } from '../docs/pack/manifest.js';
import {
  indexModel,
  outgoingReferences,
  recordModel,
  validationModel,
  validationSummary,
  type AttachmentFound,
  type DocumentLink,
  type HistoryStep,
} from '../docs/pack/pages.js';
import {
  DOCUMENTS_FOLDER,
  documentPage,
  INDEX_PAGE,
  recordPage,
  templatePage,
  type PackHeader,
} from '../docs/pack/site.js';
import { ExitCode, UserError } from '../errors.js';
import { causeOf } from '../io/fs-errors.js';
import { headCommit } from '../io/git.js';
import {
  agendaDocument,
  logDocument,
  minutesDocument,
  policyDocument,
  programmeDocument,
  type Document,
  type Opened,
} from './documents.js';
import { log } from './history.js';
import { openRegister } from './open.js';
import { status } from './status.js';
import { validateRegister } from './validate.js';

export interface PackOptions {
  readonly dir?: string;
  /** -o: the folder the pack is written to, relative to where cim was started. */
  readonly output: string;
  readonly asOf?: string;
}

export interface PackResult {
  /** The folder written, absolute. */
  readonly dir: string;
  readonly files: number;
  readonly commit: string;
  readonly asOf: string;
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

export async function pack(opts: PackOptions, ctx: Context): Promise<PackResult> {
  const target = resolve(ctx.cwd, opts.output);
  await checkTarget(target, opts.output);
  const dated = documentAsOf(opts.asOf, ctx.env);
  const where = { ...(opts.dir !== undefined ? { dir: opts.dir } : {}), ...(dated ? { asOf: dated } : {}) };
  const { root, asOf, input, result } = await openRegister(where, ctx);
  if (!result.register || result.errors > 0)
    throw new UserError(
      `the register has ${result.errors} validation error${result.errors === 1 ? '' : 's'}, so no evidence pack is built from it`,
      'run `cim validate` and fix them first',
      ExitCode.Invalid,
    );
  const register = result.register;
  const commit = await headCommit(root, ctx.env);
  if (commit === undefined)
    throw new UserError(
      'the register has no commit yet, and a pack names the commit it was built from',
      'commit the register first',
    );
  const opened: Opened = { root, asOf, register, result, input };
  const header: PackHeader = { organisation: register.config.organisation, asOf, commit };
  const files = new Map<string, string | Buffer>();
  const documents = documentPages(opened, header, files);
  // The same register, found once: every later read starts from its root.
  const at = { dir: root, asOf };

  // The report of `cim validate --strict --history` as of the date.
  const checked = await validateRegister({ ...at, strict: true, history: true }, ctx);
  const validationPath = `${DOCUMENTS_FOLDER}/validation.html`;
  files.set(
    validationPath,
    templatePage(
      header,
      `${register.config.organisation} — Validation as of ${asOf}`,
      'folder',
      'validation.html.hbs',
      validationModel(register, asOf, checked.result, checked.result.diagnostics, 'folder'),
    ),
  );
  documents.push({ path: validationPath, title: `Validation as of ${asOf} (validate --strict --history)` });

  const history = new Map<string, HistoryStep[]>();
  for (const e of (await log({ dir: root }, ctx)).entries) history.set(e.record, [...(history.get(e.record) ?? []), e]);
  await recordPages(opened, header, history, files);

  const due = await status({ ...at, days: '0' }, ctx);
  const overdue = due.owners.flatMap((o) =>
    o.items
      .filter((i) => i.overdue)
      .map((i) => ({ id: i.id, title: i.title, what: i.what, due: i.due, owner: o.name })),
  );
  files.set(
    INDEX_PAGE,
    templatePage(
      header,
      `${register.config.organisation} — evidence pack as of ${asOf}`,
      'top',
      'index.html.hbs',
      indexModel(register, { asOf, commit }, overdue, documents, {
        path: validationPath,
        summary: validationSummary(checked.result),
      }),
    ),
  );

  const listed: PackFile[] = [...files].map(([path, content]) => {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    return { path, sha256: sha(bytes), size: bytes.length };
  });
  files.set(MANIFEST_FILE, manifestText(commit, asOf, listed));
  await writePack(target, opts.output, files);
  // The files the manifest lists, as `cim pack verify` counts them; the manifest is besides them.
  return { dir: target, files: listed.length, commit, asOf };
}

/** The documents, each a page of the pack; returns their links, in the order the index lists them. */
function documentPages(opened: Opened, header: PackHeader, files: Map<string, string | Buffer>): DocumentLink[] {
  const { register } = opened;
  const documents: DocumentLink[] = [];
  // Each document's model, as its command makes it (--format json: the model, not rendered twice).
  const add = (name: string, doc: Document, what = '') => {
    const title = `${what}${(doc.model as { title: string }).title}`;
    const path = `${DOCUMENTS_FOLDER}/${name}.html`;
    files.set(
      path,
      documentPage(header, `${register.config.organisation} — ${title}`, opened.root, doc.template!, doc.model),
    );
    documents.push({ path, title });
  };
  add('policy', policyDocument(opened, 'json'));
  for (const year of auditYears(entriesOf(register, audit)))
    add(`programme-${year}`, programmeDocument(opened, year, 'json'));
  const reviews = [...entriesOf(register, mrt)].sort((a, b) => compareIds(a.data.id, b.data.id));
  for (const r of reviews.filter((r) => !isVoid(mrt, r.data.status)))
    add(`agenda-${r.data.id}`, agendaDocument(opened, r.data.id, 'json'), `Agenda of ${r.data.id}: `);
  for (const r of reviews.filter((r) => hasFact(mrt, r.data.status, 'held') && r.data.held_on !== undefined))
    add(`minutes-${r.data.id}`, minutesDocument(opened, r.data.id, 'json'), `Minutes of ${r.data.id}: `);
  add('log', logDocument(opened, 'json'));
  return documents;
}

/** A page per record, with its history, and its attachments copied in under the same paths. */
async function recordPages(
  { root, register }: Opened,
  header: PackHeader,
  history: ReadonlyMap<string, readonly HistoryStep[]>,
  files: Map<string, string | Buffer>,
): Promise<void> {
  const outgoing = outgoingReferences(register);
  for (const entry of [...register.entries].sort((a, b) => compareIds(a.data.id, b.data.id))) {
    const found: AttachmentFound[] = [];
    for (const a of attachmentsOf(entry)) {
      const copy = await readEvidence(root, a.file);
      if ('bytes' in copy) files.set(a.file, copy.bytes);
      const sha256 = 'bytes' in copy ? sha(copy.bytes) : undefined;
      const problem =
        'problem' in copy
          ? copy.problem
          : sha256 !== a.sha256
            ? `changed since it was attached: its SHA-256 is now ${sha256}`
            : undefined;
      found.push({ ...a, copied: 'bytes' in copy, ...(problem ? { problem } : {}) });
    }
    const model = recordModel(register, entry, history.get(entry.data.id) ?? [], found, outgoing);
    files.set(
      recordPage(entry.data.id),
      templatePage(header, `${entry.data.id} — ${entry.data.title}`, 'folder', 'record.html.hbs', model),
    );
  }
}

/** The years whose audit programme has audits: planned or conducted in them. */
function auditYears(audits: readonly Entry<{ planned: string; conducted?: { from: string } }>[]): number[] {
  const years = new Set<number>();
  for (const a of audits) {
    years.add(Number(a.data.planned.slice(0, 4)));
    if (a.data.conducted?.from) years.add(Number(a.data.conducted.from.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}

type Attachment = Omit<AttachmentFound, 'copied' | 'problem'>;

function attachmentsOf(entry: Entry): Attachment[] {
  const list = (entry.data as { attachments?: unknown }).attachments;
  return Array.isArray(list) ? (list as Attachment[]) : [];
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * An evidence file of the register, read only where it may be: a plain file under evidence/,
 * reached through no symbolic link, so that nothing outside the register reaches the pack.
 */
async function readEvidence(root: string, file: string): Promise<{ bytes: Buffer } | { problem: string }> {
  const parts = file.split('/');
  if (parts[0] !== EVIDENCE_FOLDER || parts.length < 2 || parts.some((p) => p === '' || p === '.' || p === '..'))
    return { problem: `not copied: it is not a path under ${EVIDENCE_FOLDER}/` };
  for (let i = 1; i < parts.length; i++) {
    const folder = await lstat(join(root, ...parts.slice(0, i))).catch(() => undefined);
    if (folder === undefined) return { problem: 'missing: the file is not in the register' };
    if (!folder.isDirectory()) return { problem: `not copied: ${parts.slice(0, i).join('/')} is not a plain folder` };
  }
  let handle;
  try {
    handle = await open(join(root, ...parts), OPEN_FLAGS);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { problem: 'missing: the file is not in the register' };
    if (code === 'ELOOP') return { problem: 'not copied: it is a symbolic link' };
    return { problem: `not copied: ${causeOf(code ?? '') ?? code ?? 'it cannot be read'}` };
  }
  try {
    if (!(await handle.stat()).isFile()) return { problem: 'not copied: it is not a plain file' };
    return { bytes: await handle.readFile() };
  } finally {
    await handle.close();
  }
}

/** -o may name a folder not there yet, an empty one, or a pack cim wrote before (replaced whole). */
async function checkTarget(target: string, given: string): Promise<void> {
  const found = await lstat(target).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw cannotWrite(given, e);
  });
  if (found === undefined) return;
  if (found.isSymbolicLink())
    throw new UserError(`${given} is a symbolic link, and a pack is not written through one`, 'name a plain folder');
  if (!found.isDirectory()) throw new UserError(`${given} is not a folder`, 'name a new or empty folder for the pack');
  const names = await readdir(target);
  if (names.length === 0) return;
  const manifest = await readManifest(target);
  if (manifest === undefined || 'problem' in manifest)
    throw new UserError(
      `${given} is not empty and holds no pack cim wrote (no ${MANIFEST_FILE} of cim's), so it is not replaced`,
      'name a new or empty folder, or the folder of an earlier `cim pack`',
    );
}

/** The folder's manifest, as parsed; undefined when it has no plain manifest file. */
async function readManifest(dir: string) {
  const path = join(dir, MANIFEST_FILE);
  const found = await lstat(path).catch(() => undefined);
  if (!found?.isFile()) return undefined;
  return parseManifest(await readFile(path, 'utf8'));
}

/** Writes every file into a new folder beside the target, then puts that folder in its place. */
async function writePack(target: string, given: string, files: ReadonlyMap<string, string | Buffer>): Promise<void> {
  const beside = (what: string) =>
    join(dirname(target), `.${basename(target)}.${what}-${randomBytes(6).toString('hex')}`);
  const temp = beside('building');
  try {
    await mkdir(temp, { recursive: false });
    for (const [path, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
      await mkdir(dirname(join(temp, path)), { recursive: true });
      await writeFile(join(temp, path), content, { flag: 'wx' });
    }
    // Checked again now: it may have changed while the pack was built.
    await checkTarget(target, given);
    const old = await lstat(target).catch(() => undefined);
    if (old === undefined) await rename(temp, target);
    else if ((await readdir(target)).length === 0) {
      await rmdir(target);
      await rename(temp, target);
    } else {
      const previous = beside('previous');
      await rename(target, previous);
      try {
        await rename(temp, target);
      } catch (e) {
        await rename(previous, target);
        throw e;
      }
      await rm(previous, { recursive: true, force: true });
    }
  } catch (e) {
    await rm(temp, { recursive: true, force: true });
    if (e instanceof UserError) throw e;
    throw cannotWrite(given, e);
  }
}

function cannotWrite(given: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  const said = causeOf(code) ?? (e instanceof Error ? e.message : String(e));
  return new UserError(
    `cannot write the pack to ${given}: ${said}`,
    'free some space or fix the permission, or write it elsewhere',
  );
}

export interface VerifyOptions {
  /** The pack's folder, relative to where cim was started. */
  readonly pack: string;
}

export interface VerifyResult {
  readonly intact: boolean;
  readonly commit: string;
  readonly asOf: string;
  readonly files: number;
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly missing: readonly string[];
}

/** Recomputes a pack's manifest and names every file changed, added or missing since cim wrote it. */
export async function verifyPack(opts: VerifyOptions, ctx: Context): Promise<VerifyResult> {
  const dir = resolve(ctx.cwd, opts.pack);
  const found = await lstat(dir).catch(() => undefined);
  if (!found?.isDirectory())
    throw new UserError(
      `${opts.pack} is not a folder${found?.isSymbolicLink() ? ' (it is a symbolic link)' : ''}`,
      'name the folder `cim pack -o` wrote',
    );
  const manifest = await readManifest(dir);
  if (manifest === undefined)
    throw new UserError(
      `${opts.pack} has no ${MANIFEST_FILE}, so it is not a pack cim wrote`,
      'name the folder `cim pack -o` wrote',
    );
  if ('problem' in manifest)
    throw new UserError(
      `${opts.pack}/${MANIFEST_FILE} is not a manifest cim wrote: it ${manifest.problem}`,
      'name the folder `cim pack -o` wrote; a pack whose manifest was replaced cannot be verified',
    );
  const differences = compareFiles(manifest.files, await filesIn(dir));
  return {
    intact: differences.changed.length + differences.added.length + differences.missing.length === 0,
    commit: manifest.commit,
    asOf: manifest.as_of,
    files: manifest.files.length,
    ...differences,
  };
}

/** Every entry under the folder but the manifest, hashed; a link or special file never matches. */
async function filesIn(dir: string, under = ''): Promise<PackFile[]> {
  const out: PackFile[] = [];
  for (const d of await readdir(join(dir, under), { withFileTypes: true })) {
    const path = under ? `${under}/${d.name}` : d.name;
    if (path === MANIFEST_FILE) continue;
    if (d.isDirectory()) out.push(...(await filesIn(dir, path)));
    else if (d.isFile()) {
      const bytes = await readFile(join(dir, path));
      out.push({ path, sha256: sha(bytes), size: bytes.length });
    } else out.push({ path, sha256: '', size: -1 });
  }
  return out;
}
