// `cim init [dir]`: a new register — cim.yaml, the editor schemas, a folder per kind — committed
// once. cim.yaml is the template under templates/init with its values set through the YAML
// library, so any name round-trips. Everything that could stop the commit is checked first, and a
// failure part way removes whatever init created (folders, files, a new .git), so nothing is left
// half-made.
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isMap, isScalar, parse, parseDocument, Pair, Scalar, type Document } from 'yaml';
import type { Context } from '../context.js';
import { configSchema } from '../domain/config.js';
import { today } from '../domain/dates.js';
import { allSchemas } from '../domain/jsonschema.js';
import { KINDS } from '../domain/kinds/index.js';
import { checkSchema } from '../domain/validate/schema.js';
import { textProblem } from '../domain/validate/text.js';
import { ExitCode, UserError } from '../errors.js';
import { writeFileAtomic } from '../io/files.js';
import {
  commitFiles,
  findGitDir,
  identity,
  initRepository,
  isInsideWorkTree,
  NO_IDENTITY_HINT,
  onBranch,
} from '../io/git.js';
import { noteCommit } from '../io/last-commit.js';
import { CONFIG_FILE } from '../io/register.js';

export interface InitOptions {
  /** Folder to create the register in (default: the current folder). */
  readonly dir?: string;
  readonly organisation?: string;
  /** The first person: by default the git identity. */
  readonly name?: string;
  readonly email?: string;
  /** Make the first commit (default true). */
  readonly commit?: boolean;
}

export interface InitResult {
  readonly root: string;
  readonly files: string[];
  readonly gitInitialised: boolean;
  /** The work tree of the git repository the register was made inside, when there was one. */
  readonly repository?: string;
  readonly commit?: string;
  readonly person: string;
}

const TEMPLATE = new URL('../../templates/init/cim.yaml', import.meta.url);

export async function init(opts: InitOptions, ctx: Context): Promise<InitResult> {
  const root = resolve(ctx.cwd, opts.dir ?? '.');
  oneLine(opts.organisation, '--organisation');
  oneLine(opts.name, '--name');
  oneLine(opts.email, '--email');
  if (await exists(join(root, CONFIG_FILE))) {
    throw new UserError(`${root} is already a cim register (it has ${CONFIG_FILE})`, 'run `cim validate` to check it');
  }
  await refuseGitData(root);
  const outer = await registerAbove(root);
  if (outer)
    throw new UserError(
      `${root} is inside the register at ${outer}: its records and this register's would be read as one`,
      `create the new register outside ${outer}, or use that one (cim -C ${outer} …)`,
    );
  const commit = opts.commit ?? true;
  // A folder inside a repository becomes a register in that repository, not a second one.
  const existing = await nearestExisting(root);
  const repository = (await isInsideWorkTree(existing, ctx.env))
    ? ((await findGitDir(existing))?.top ?? existing)
    : undefined;
  // Everything that could stop the commit is checked before anything is written.
  const who = await identity(repository ? existing : ctx.cwd, ctx.env);
  if (commit && !who) throw new UserError('git has no identity to commit the new register with', NO_IDENTITY_HINT);
  if (commit && repository && !(await onBranch(existing, ctx.env)))
    throw new UserError(
      `HEAD of the repository at ${repository} is detached: the register's first commit would belong to no branch`,
      'check out a branch first: git switch <branch>, or use --no-commit',
    );
  const values = {
    organisation: opts.organisation ?? basename(root),
    name: opts.name ?? who?.name ?? 'ISMS Manager',
    email: opts.email ?? who?.email,
    started: today(ctx.now),
  };
  if (opts.organisation === undefined) oneLine(values.organisation, '--organisation', 'the folder name');
  if (opts.name === undefined) oneLine(values.name, '--name', 'your git user.name');
  const person = slug(values.name);
  const config = configText(await readFile(TEMPLATE, 'utf8'), { ...values, person });

  const files = new Map<string, string>([[CONFIG_FILE, config]]);
  for (const [file, text] of allSchemas()) files.set(`schemas/${file}`, text);
  for (const kind of KINDS) files.set(`${kind.folder}/.gitkeep`, '');

  const made: string[] = [];
  const written: string[] = [];
  let gitMade = false;
  let at = root;
  try {
    await makeFolders(root, made);
    for (const folder of new Set([...files.keys()].map(dirname))) {
      at = join(root, folder);
      await makeFolders(at, made);
    }
    for (const [file, text] of files) {
      at = join(root, file);
      await writeFileAtomic(at, text);
      written.push(file);
    }
    at = join(root, '.git');
    if (!repository) {
      gitMade = true;
      await initRepository(root, ctx.env);
    }
    at = root;
    const sha = commit
      ? await commitFiles(root, ctx.env, written, `cim: start the register\n\nCim-Action: init\n`)
      : undefined;
    if (sha) noteCommit(sha);
    return {
      root,
      files: written,
      gitInitialised: !repository,
      ...(repository ? { repository } : {}),
      person,
      ...(sha ? { commit: sha } : {}),
    };
  } catch (e) {
    // Leave the place as it was found: what init wrote, the repository it made, the folders.
    const undo = (path: string) => rm(path, { recursive: true, force: true }).catch(() => undefined);
    for (const file of written) await undo(join(root, file));
    if (gitMade) await undo(join(root, '.git'));
    for (const folder of made.reverse()) await undo(folder);
    throw failure(e, at);
  }
}

/** Refuses a value that is not one line of plain text, as cim.yaml's schema would. */
function oneLine(value: string | undefined, flag: string, what = flag): void {
  if (value === undefined) return;
  const problem = textProblem(value, true);
  if (problem === undefined && value.trim() !== '') return;
  throw new UserError(
    `${what} ${problem ? problem.message : 'is blank'}`,
    `give ${flag} with the value written on one line, in plain text`,
  );
}

interface Values {
  readonly organisation: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly started: string;
  readonly person: string;
}

/**
 * The template with the values set on its YAML nodes: the library quotes each as its text needs
 * (`Ödön "Q" #1: A&B`), and the comments and layout of the template stay as they are. The text is
 * then read back, to be sure it says what was meant and is a valid cim.yaml.
 */
export function configText(template: string, v: Values): string {
  const doc = parseDocument(template, { version: '1.2', schema: 'core' });
  const set = (path: (string | number)[], value: string) => {
    const node = doc.getIn(path, true);
    if (!isScalar(node)) throw new Error(`templates/init/cim.yaml has no ${path.join('.')}`);
    node.value = value;
  };
  set(['organisation'], v.organisation);
  set(['started_on'], v.started);
  for (const path of [
    ['policy', 'owner'],
    ['policy', 'approver'],
    ['policy', 'history', 0, 'author'],
    ['people', 0, 'id'],
  ])
    set(path, v.person);
  set(['policy', 'reviewed_on'], v.started);
  set(['policy', 'history', 0, 'date'], v.started);
  set(['people', 0, 'name'], v.name);
  if (v.email !== undefined) addAfter(doc, ['people', 0], 'name', 'email', v.email);
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });

  const data = parse(text, { version: '1.2' }) as {
    organisation?: unknown;
    people?: { name?: unknown; email?: unknown }[];
  };
  if (data.organisation !== v.organisation || data.people?.[0]?.name !== v.name || data.people[0].email !== v.email)
    throw new Error('cim.yaml as written does not read back as the values given');
  const checked = checkSchema(configSchema, data, CONFIG_FILE);
  if (checked.value === undefined) {
    const first = checked.diagnostics[0]!;
    throw new UserError(
      `the values given do not make a valid ${CONFIG_FILE}: ${first.message}`,
      'check --organisation, --name and --email',
    );
  }
  return text;
}

function addAfter(doc: Document, path: (string | number)[], after: string, key: string, value: string): void {
  const map = doc.getIn(path, true);
  if (!isMap(map)) throw new Error(`templates/init/cim.yaml has no ${path.join('.')}`);
  const index = map.items.findIndex((p) => isScalar(p.key) && p.key.value === after);
  map.items.splice(index + 1, 0, new Pair(new Scalar(key), new Scalar(value)));
}

/** Makes the folder and any missing above it, noting each one made, first made first. */
async function makeFolders(path: string, made: string[]): Promise<void> {
  const missing: string[] = [];
  let p = path;
  for (; !(await exists(p)) && dirname(p) !== p; p = dirname(p)) missing.unshift(p);
  if (!(await stat(p)).isDirectory())
    throw new UserError(
      `cannot create the register: ${p} is a file, where a folder is needed`,
      'move the file away, or choose another folder for the register',
    );
  for (const folder of missing) {
    await mkdir(folder);
    made.push(folder);
  }
}

/** The folder itself when it exists, else the nearest folder above it that does. */
async function nearestExisting(path: string): Promise<string> {
  let p = path;
  while (!(await exists(p)) && dirname(p) !== p) p = dirname(p);
  return p;
}

const CAUSES: Readonly<Record<string, string>> = {
  ENOSPC: 'no space is left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission is denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  E2BIG: 'the argument list is too long',
  ENOTDIR: 'a file stands where a folder is needed',
  EEXIST: 'something of that name is in the way',
  EISDIR: 'a folder stands where a file is needed',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'it is a symbolic link that loops',
};

/** What stopped init, naming the path and the cause; what init created is already removed. */
function failure(e: unknown, path: string): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const cause = code !== undefined && code in CAUSES ? `${CAUSES[code]} (${code})` : firstLine(e);
  return new UserError(
    `cannot create the register: ${path}: ${cause}`,
    'nothing was left behind; fix the cause and run `cim init` again',
    ExitCode.Usage,
  );
}

function firstLine(e: unknown): string {
  return ((e instanceof Error ? e.message : String(e)).trim().split('\n')[0] ?? '').trim() || 'an unknown error';
}

/**
 * Refuses a folder in git's own data: a bare repository has no work tree to keep the register's
 * files in, and a folder inside a `.git` is no part of the work tree. git would read either as
 * the repository itself, so a register there would get a repository of its own inside git's data.
 * Found as git finds a repository: at each folder going up, a `.git` in it marks a work tree; else
 * the folder may be a git folder itself.
 */
async function refuseGitData(root: string): Promise<void> {
  for (let dir = await nearestExisting(root); ; dir = dirname(dir)) {
    if (await exists(join(dir, '.git'))) return;
    if (await isGitFolder(dir)) {
      if (basename(dir) === '.git') {
        const top = dirname(dir);
        throw new UserError(
          `${root} ${dir === root ? 'is the folder' : `is inside ${dir}, the folder`} where git keeps the data of the repository at ${top}`,
          `create the register in the work tree: cim init ${join(top, basename(root) === '.git' ? 'isms' : basename(root))}`,
        );
      }
      throw new UserError(
        dir === root
          ? `${root} is a bare git repository: it has no work tree for the register's files`
          : `${root} is inside the bare git repository ${dir}, which has no work tree for the register's files`,
        `clone it and create the register in the clone: git clone ${dir} <folder> && cim init <folder>`,
      );
    }
    if (dirname(dir) === dir) return;
  }
}

/** Whether a folder holds a repository's data, as git tells one: HEAD, objects/ and refs/. */
async function isGitFolder(dir: string): Promise<boolean> {
  const [head, objects, refs] = await Promise.all(
    ['HEAD', 'objects', 'refs'].map((name) => stat(join(dir, name)).catch(() => undefined)),
  );
  return head?.isFile() === true && objects?.isDirectory() === true && refs?.isDirectory() === true;
}

/** The register a folder would be inside: the nearest folder above it holding cim.yaml. */
async function registerAbove(dir: string): Promise<string | undefined> {
  for (let up = dirname(dir); ; up = dirname(up)) {
    if (await exists(join(up, CONFIG_FILE))) return up;
    if (dirname(up) === up) return undefined;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** A person id from a name: "Dana Whitfield" → "dana-whitfield". */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'isms-manager';
}
