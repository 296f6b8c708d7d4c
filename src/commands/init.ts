import { readFile, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { Context } from '../context.js';
import { today } from '../domain/dates.js';
import { allSchemas } from '../domain/jsonschema.js';
import { KINDS } from '../domain/kinds/index.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/files.js';
import { commitFiles, identity, initRepository, isInsideWorkTree, NO_IDENTITY_HINT } from '../io/git.js';
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
  readonly commit?: string;
  readonly person: string;
}

const TEMPLATE = new URL('../../templates/init/cim.yaml', import.meta.url);

export async function init(opts: InitOptions, ctx: Context): Promise<InitResult> {
  const root = resolve(ctx.cwd, opts.dir ?? '.');
  if (await exists(join(root, CONFIG_FILE))) {
    throw new UserError(`${root} is already a cim register (it has ${CONFIG_FILE})`, 'run `cim validate` to check it');
  }
  const commit = opts.commit ?? true;
  const inGit = (await exists(root)) && (await isInsideWorkTree(root));
  // Everything that could stop the commit is checked before anything is written.
  const who = await identity(inGit ? root : ctx.cwd);
  if (commit && !who) throw new UserError('git has no identity to commit the new register with', NO_IDENTITY_HINT);
  const name = opts.name ?? who?.name ?? 'ISMS Manager';
  const email = opts.email ?? who?.email;
  const person = slug(name);
  const started = today(ctx.now);

  const scalar = (v: string) => stringify(v).trimEnd();
  const config = (await readFile(TEMPLATE, 'utf8'))
    .replaceAll('{{organisation}}', scalar(opts.organisation ?? basename(root)))
    .replaceAll('{{started_on}}', started)
    .replaceAll('{{person_id}}', person)
    .replaceAll('{{person_name}}', scalar(name))
    .replaceAll('{{person_email}}', email ? `    email: ${scalar(email)}\n` : '');

  const files = new Map<string, string>([[CONFIG_FILE, config]]);
  for (const [file, text] of allSchemas()) files.set(`schemas/${file}`, text);
  for (const kind of KINDS) files.set(`${kind.folder}/.gitkeep`, '');

  const written: string[] = [];
  try {
    for (const [file, text] of files) {
      await writeFileAtomic(join(root, file), text);
      written.push(file);
    }
    if (!inGit) await initRepository(root);
    const sha = commit ? await commitFiles(root, written, `cim: start the register\n\nCim-Action: init\n`) : undefined;
    return { root, files: written, gitInitialised: !inGit, person, ...(sha ? { commit: sha } : {}) };
  } catch (e) {
    // Leave the folder as it was found.
    await Promise.all(written.map((f) => rm(join(root, f), { force: true })));
    throw e;
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
