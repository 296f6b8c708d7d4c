// Hostile cases about text and data that must not become behaviour: titles that would forge a
// row or reorder what is shown, field paths through an object's machinery, clause ids YAML reads
// as numbers, templates that are not plain files in the register, cim.yaml numbers and prefixes
// no date or id can use, and cim init given text YAML must quote or a place it cannot finish in.
// A function, not a constant: corpus.ts imports it, and its helpers exist only once corpus.ts has run.
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { git } from '../helpers/git.js';
import { AS_OF, at, bad, badConfig, CONFIG, nc, NC_FILE, TRAP, type Dirs, type HostileCase } from './corpus.js';

const exec = promisify(execFile);

/** The folder is a plain folder of the repository, no register: cim.yaml is taken away. */
const notARegister = (d: Dirs) => rm(join(d.root, 'cim.yaml'));
const TEMPLATE = 'templates/policy.md.hbs';

/** No line of the output starts with the forged row. */
const FORGED = /^NC-0099/m;

/** A file in the folder beside the register, and a link to it at `path` inside the register. */
const linkOut =
  (path: string, target = 'policy.md.hbs') =>
  async (d: Dirs) => {
    await writeFile(join(d.outside, target), `${TRAP} {{organisation}}\n`);
    await mkdir(join(d.root, path, '..'), { recursive: true });
    await symlink(join(d.outside, target), join(d.root, path));
  };

/** The commit init made holds only files under `folder`, and `folder` has no repository of its own. */
const initialised = (folder: string, organisation: string) => async (d: Dirs) => {
  const config = parse(await readFile(join(d.root, folder, 'cim.yaml'), 'utf8')) as { organisation?: unknown };
  if (config.organisation !== organisation) throw new Error(`organisation read back as ${String(config.organisation)}`);
  const files = (await git(d.root, 'show', '--name-only', '--format=', 'HEAD')).trim().split('\n');
  if (!files.every((f) => f.startsWith(`${folder}/`))) throw new Error(`init committed ${files.join(', ')}`);
  const nested = await readFile(join(d.root, folder, '.git', 'HEAD'), 'utf8').catch(() => undefined);
  if (nested !== undefined) throw new Error(`init made a repository in ${folder}`);
};

const GPG_FAILS = {
  GIT_CONFIG_COUNT: '2',
  GIT_CONFIG_KEY_0: 'commit.gpgsign',
  GIT_CONFIG_VALUE_0: 'true',
  GIT_CONFIG_KEY_1: 'gpg.program',
  GIT_CONFIG_VALUE_1: 'false',
};

export function textCases(): Record<string, readonly HostileCase[]> {
  const VALIDATE = ['validate', '--as-of', AS_OF] as const;
  const POLICY = ['policy', '--as-of', AS_OF] as const;
  const title = (text: string) => nc('title: Access reviews not performed', `title: ${text}`);
  const FORGE = title('"Access reviews\\nNC-0099  closed  alice  Forged row"');
  const FORGE_BLOCK = title('|-\n  Access reviews\n  NC-0099  closed  alice  Forged row');
  const SEPARATOR = title('"Access reviews\\u2028NC-0099  closed  alice  Forged row"');
  const OVERRIDE = title('"Access reviews \\u202edemrofrep ton"');
  const number = (list: string) => nc('requirement:\n  - A.5.18', `requirement: ${list}`);

  return {
    'forged rows and reordered text': [
      bad('a title with a line feed', FORGE, '"Access', 'text/line-break', {
        says: [
          `${at(NC_FILE, FORGE, '"Access')}  error  text/line-break  title: holds a line break, U+000A (line feed)`,
        ],
      }),
      bad('a title with a line feed, as a block scalar', FORGE_BLOCK, '|-', 'text/line-break'),
      bad('a title with a line separator', SEPARATOR, '"Access', 'text/line-break', {
        says: ['title: holds a line break, U+2028 (line separator)'],
      }),
      bad('a title with a right-to-left override', OVERRIDE, '"Access', 'text/bidi', {
        says: ['title: holds U+202E (right-to-left override)'],
        never: ['\u202e'],
      }),
      bad('a title of spaces', title('"   "'), '"   "', 'schema/empty'),
      {
        name: 'cim list keeps a title with a line feed on its row',
        files: { [NC_FILE]: FORGE },
        args: ['list'],
        code: 0,
        says: ['NC-0001  open    alice  Access reviews\\u000aNC-0099  closed  alice  Forged row', '1 validation error'],
        never: [FORGED],
      },
      {
        name: 'cim list keeps a block-scalar title on its row',
        files: { [NC_FILE]: FORGE_BLOCK },
        args: ['list'],
        code: 0,
        says: ['Access reviews\\u000aNC-0099'],
        never: [FORGED],
      },
      {
        name: 'cim list shows a line separator as \\u2028',
        files: { [NC_FILE]: SEPARATOR },
        args: ['list'],
        code: 0,
        says: ['Access reviews\\u2028NC-0099'],
        never: ['\u2028'],
      },
      {
        name: 'cim list shows a right-to-left override as \\u202e',
        files: { [NC_FILE]: OVERRIDE },
        args: ['list'],
        code: 0,
        says: ['Access reviews \\u202edemrofrep ton'],
        never: ['\u202e'],
      },
      {
        name: 'cim list --json keeps the title exactly, escaped as JSON',
        files: { [NC_FILE]: OVERRIDE },
        args: ['list', '--json'],
        code: 0,
        says: ['"title": "Access reviews \\u202edemrofrep ton"'],
        never: ['\u202e'],
      },
      {
        name: 'cim show keeps a title with a line feed on its line',
        files: { [NC_FILE]: FORGE_BLOCK },
        args: ['show', 'NC-0001'],
        code: 0,
        says: ['NC-0001  Access reviews\\u000aNC-0099  closed  alice  Forged row', 'text/line-break'],
        never: [FORGED],
      },
      {
        name: 'cim show shows a right-to-left override as \\u202e',
        files: { [NC_FILE]: OVERRIDE },
        args: ['show', 'NC-0001'],
        code: 0,
        says: ['NC-0001  Access reviews \\u202edemrofrep ton', 'text/bidi'],
        never: ['\u202e'],
      },
      {
        name: 'cim status leaves out a record whose title forges a row, and counts the error',
        files: { [NC_FILE]: FORGE },
        args: ['status', '--as-of', AS_OF],
        code: 0,
        says: ['1 validation error'],
        never: [FORGED, 'Forged row'],
      },
      {
        name: 'cim nc open refuses a title with a line separator',
        args: [
          'nc', 'open', '--title', 'Access\u2028reviews', '--grade', 'minor', '--source-type', 'self-identified',
          '--requirement', 'A.5.18', '--area', 'it', '--owner', 'alice', '--description', 'Found.',
          '--raised-by', 'alice', '--raised-on', '2026-01-10',
        ], // prettier-ignore
        code: 1,
        says: ['title: holds a line break, U+2028 (line separator)'],
      },
      badConfig(
        'a person name with a right-to-left override in cim.yaml',
        CONFIG.replace('name: Alice Example', 'name: "Alice \\u202eelpmaxE"'),
        '"Alice',
        'text/bidi',
      ),
    ],
    'field paths that are not fields': [
      {
        name: 'cim edit --set __proto__.polluted=1',
        args: ['edit', 'NC-0001', '--set', '__proto__.polluted=1'],
        code: 2,
        says: ['--set __proto__.polluted: "__proto__" is not a field name', 'cim schema'],
      },
      {
        name: 'cim edit --set constructor.prototype.polluted=1',
        args: ['edit', 'NC-0001', '--set', 'constructor.prototype.polluted=1'],
        code: 2,
        says: ['"constructor" is not a field name'],
      },
      {
        name: 'cim edit --set source.prototype=x',
        args: ['edit', 'NC-0001', '--set', 'source.prototype=x'],
        code: 2,
        says: ['"prototype" is not a field name'],
      },
      {
        name: 'cim edit --unset __proto__.toString',
        args: ['edit', 'NC-0001', '--unset', '__proto__.toString'],
        code: 2,
        says: ['--unset __proto__.toString: "__proto__" is not a field name'],
      },
    ],
    'clause ids YAML reads as numbers': [
      bad('requirement: [9.10]', number('[9.10]'), '9.10', 'schema/requirement-number', {
        says: [
          `${at(NC_FILE, number('[9.10]'), '9.10')}  error  schema/requirement-number  requirement[0]: is the number 9.1`,
          'quote it: "9.10"',
        ],
      }),
      bad('requirement: [0x9]', number('[0x9]'), '0x9', 'schema/requirement-number', { says: ['quote it: "0x9"'] }),
      bad('requirement: [A.5.18, 1e1]', number('[A.5.18, 1e1]'), '1e1', 'schema/requirement-number', {
        says: ['is the number 10', 'quote it: "1e1"'],
      }),
      bad('requirement: ["9.10"], quoted but no clause', number('["9.10"]'), '"9.10"', 'ref/requirement'),
      {
        name: 'an excluded control 7.10 in cim.yaml',
        files: {
          'cim.yaml': `${CONFIG}audit_programme:\n  excluded_controls:\n    - {control: 7.10, reason: Remote}\n`,
        },
        args: VALIDATE,
        code: 1,
        says: ['error  schema/requirement-number  audit_programme.excluded_controls[0].control', 'quote it: "7.10"'],
      },
      {
        name: 'cim edit --set requirement=[9.10]',
        args: ['edit', 'NC-0001', '--set', 'requirement=[9.10]'],
        code: 1,
        says: ['requirement[0]: is the number 9.1', 'quote it'],
      },
    ],
    'templates that are not plain files in the register': [
      {
        name: 'a template that links to a file outside the register',
        setup: linkOut(TEMPLATE),
        args: POLICY,
        code: 2,
        says: [`${TEMPLATE} is a symbolic link`],
      },
      {
        name: 'a templates folder that links to a folder outside the register',
        setup: async (d) => {
          await writeFile(join(d.outside, 'policy.md.hbs'), `${TRAP}\n`);
          await symlink(d.outside, join(d.root, 'templates'));
        },
        args: POLICY,
        code: 2,
        says: ['templates is a symbolic link'],
      },
      {
        name: 'a template that links to a device',
        setup: async (d) => {
          await mkdir(join(d.root, 'templates'));
          await symlink('/dev/zero', join(d.root, TEMPLATE));
        },
        args: POLICY,
        code: 2,
        says: [`${TEMPLATE} is a symbolic link`],
      },
      {
        name: 'a template that is a named pipe nobody writes to',
        setup: async (d) => {
          await mkdir(join(d.root, 'templates'));
          await exec('mkfifo', [join(d.root, TEMPLATE)]);
        },
        args: POLICY,
        code: 2,
        says: [`${TEMPLATE} is a named pipe, not a plain file`],
        seconds: 5,
      },
      {
        name: 'a template over 256 KiB',
        files: { [TEMPLATE]: `# {{organisation}}\n${'x'.repeat(256 * 1024)}\n` },
        args: POLICY,
        code: 2,
        says: [`${TEMPLATE} is larger than 256 KiB`],
      },
      {
        name: 'a template that loops over a name the document does not have',
        files: { [TEMPLATE]: '# {{organisation}}\n\n{{#each nope}}\n- {{this}}\n{{/each}}\n' },
        args: POLICY,
        code: 2,
        says: [`template ${TEMPLATE} failed: line 3: "nope" is not a field of the document`],
      },
      {
        name: 'a template that tests a misspelt name',
        files: { [TEMPLATE]: '# {{organisation}}\n{{#if organsation}}x{{/if}}\n' },
        args: POLICY,
        code: 2,
        says: [`line 2: "organsation"`],
      },
    ],
    'cim.yaml numbers and prefixes': [
      badConfig('respond days of 1e8', `${CONFIG}deadlines: {major: {respond_days: 1e8}}\n`, '1e8', 'schema/too-big'),
      {
        name: 'cim status with a cadence of 1e8 months',
        files: { 'cim.yaml': `${CONFIG}management_review: {cadence_months: 100000000}\n` },
        args: ['status', '--as-of', AS_OF],
        code: 2,
        says: ['cim.yaml is not valid'],
        never: ['Invalid time value'],
      },
      {
        name: 'cim list --overdue with a cycle of 1e5 years',
        files: { 'cim.yaml': `${CONFIG}audit_programme: {cycle_years: 100000}\n` },
        args: ['list', '--overdue', '--as-of', AS_OF],
        code: 2,
        says: ['cim.yaml is not valid'],
      },
      {
        name: 'a change while two kinds share a prefix',
        files: { 'cim.yaml': `${CONFIG}prefixes:\n  ca: NC\n` },
        args: ['edit', 'NC-0001', '--set', 'title=Renamed'],
        code: 2,
        says: ['cim.yaml is not valid, so no record can be changed'],
      },
      {
        name: 'two kinds given one new prefix',
        files: { 'cim.yaml': `${CONFIG}prefixes:\n  nc: X\n  ca: X\n` },
        args: VALIDATE,
        code: 1,
        says: [
          `${at('cim.yaml', `${CONFIG}prefixes:\n  nc: X\n  ca: X\n`, 'ca: X').replace(/:\d+$/, ':7')}  error  config/duplicate-prefix  prefixes.ca: nc and ca records would both have the prefix X`,
        ],
      },
    ],
    // In a repository that is not a register (cim.yaml taken away): init refuses a folder inside one.
    'cim init': [
      {
        name: 'cim init inside a register',
        args: ['init', 'sub'],
        code: 2,
        says: ['is inside the register at', 'create the new register outside'],
      },
      {
        name: 'cim init sub inside the repository, with a name YAML must quote',
        setup: notARegister,
        args: ['init', 'sub', '--organisation', 'Ödön "Q" #1: A&B'],
        code: 0,
        says: ['sub, in the git repository at'],
        wrote: initialised('sub', 'Ödön "Q" #1: A&B'),
      },
      {
        name: 'cim init with a line feed in --organisation',
        args: ['init', 'sub', '--organisation', 'Example\nLtd'],
        code: 2,
        says: ['--organisation holds a line break, U+000A (line feed)'],
      },
      {
        name: 'cim init with a right-to-left override in --name',
        args: ['init', 'sub', '--name', 'Alice \u202eelpmaxE'],
        code: 2,
        says: ['--name holds U+202E (right-to-left override)'],
      },
      {
        name: 'cim init with an escape sequence in --email',
        args: ['init', 'sub', '--email', 'a\u001b[2J@example.com'],
        code: 2,
        says: ['--email holds the control character U+001B (escape)'],
      },
      {
        name: 'cim init where a file stands in the way of a folder',
        files: { 'sub/reviews': 'my notes\n' },
        setup: notARegister,
        args: ['init', 'sub'],
        code: 2,
        says: ['sub/reviews is a file, where a folder is needed'],
      },
      {
        name: 'cim init outside git when the commit is refused removes the folder and the .git it made',
        git: 'none',
        env: GPG_FAILS,
        setup: notARegister,
        args: ['init', 'sub'],
        code: 2,
        says: ['git commit failed'],
      },
    ],
  };
}
