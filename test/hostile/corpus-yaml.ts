// Hostile YAML anchors and aliases: a value that holds itself (`a: &x [*x]`), at any depth, in any
// record or in cim.yaml, and aliases that name no anchor before them. Each is committed over the
// valid base register, so history holds a readable version and then the hostile one, and every
// command is run on it: each must give a located yaml/alias error, or refuse with exit 2, never a
// stack overflow (exit 70).
import { stringify } from 'yaml';
import * as r from '../helpers/records.js';
import { AS_OF, at, CONFIG, NC, NC_FILE, type HostileCase } from './corpus.js';

// corpus.ts loads this module before it sets its own constants (NC, CONFIG…), so nothing here
// reads them until corpus.ts spreads YAML_CORPUS into CORPUS: each group is a getter.

const validate = () => ['validate', '--as-of', AS_OF] as const;

/** NC-0001 with a field added, where an alias is written in its own anchor's value. */
const forms = (): readonly { readonly name: string; readonly text: string; readonly alias: string }[] => [
  { name: 'a list holding itself', text: `${NC}notes: &x [*x]\n`, alias: '*x' },
  { name: 'a mapping holding itself', text: `${NC}notes: &x {b: *x}\n`, alias: '*x' },
  {
    name: 'an anchor used deep inside its own value',
    text: `${NC}notes: &deep\n  a:\n    b:\n      - 1\n      - c: [2, {d: *deep}]\n`,
    alias: '*deep',
  },
  {
    name: 'an anchor set twice, the second holding itself',
    text: `${NC}refs: &r [NC-0002]\nnotes: &r [x, *r]\n`,
    alias: '*r]',
  },
];

/** Every command a person runs, with what each says of a record that cannot be read. */
function everyCommand(name: string, text: string, alias: string): HostileCase[] {
  const VALIDATE = validate();
  const place = at(NC_FILE, text, alias);
  const commits = [{ [NC_FILE]: text }];
  const located = `${place}  error  yaml/alias`;
  const cases: Omit<HostileCase, 'commits'>[] = [
    { name: 'validate', args: VALIDATE, code: 1, says: [located, 'inside its own value'] },
    { name: 'validate --history', args: [...VALIDATE, '--history'], code: 1, says: [located] },
    { name: 'validate --base HEAD~1', args: [...VALIDATE, '--base', 'HEAD~1'], code: 1, says: [located] },
    { name: 'list', args: ['list'], code: 0, says: ['1 validation error'] },
    {
      name: 'show',
      args: ['show', 'NC-0001'],
      code: 2,
      says: ['NC-0001 cannot be read: the alias', `fix ${place.replace(/:\d+$/, '')}`],
    },
    { name: 'status', args: ['status', '--as-of', AS_OF], code: 0, says: ['1 validation error'] },
    { name: 'log NC-0001', args: ['log', 'NC-0001'], code: 0, says: ['created', 'is not readable YAML'] },
    { name: 'log', args: ['log'], code: 0, says: ['NC-0001 created', 'NC-0001 edited'] },
    { name: 'policy', args: ['policy', '--as-of', AS_OF], code: 1, says: ['no document is generated'] },
    { name: 'agenda', args: ['agenda', 'MRT-0001', '--as-of', AS_OF], code: 1, says: ['no document is generated'] },
    {
      name: 'nc correct',
      args: ['nc', 'correct', 'NC-0001', '--action', 'Fixed', '--consequences', 'None', '--no-input'],
      code: 2,
      says: ['NC-0001 has validation errors and cannot be changed'],
    },
    { name: 'edit', args: ['edit', 'NC-0001', '--set', 'title=Changed'], code: 2, says: ['NC-0001'] },
    { name: 'renumber', args: ['renumber', 'NC-0001', 'NC-0002'], code: 2, says: ['NC-0001'] },
  ];
  return cases.map((c) => ({ ...c, name: `${name}: cim ${c.name}`, commits }));
}

/** A valid record of each kind but NC (the base register holds NC-0001), as YAML text. */
const RECORDS: readonly [file: string, id: string, text: string][] = [
  r.ca(),
  r.audit(),
  r.ofi(),
  r.incident(),
  r.change(),
  r.mrt(),
  r.objective(),
  r.lrc(),
  r.exception(),
].map(([file, data]) => [file, String(data.id), stringify(data)]);

/** In each kind's file, an alias inside its own anchor's value: validate places it, show refuses. */
function everyKind(): HostileCase[] {
  const VALIDATE = validate();
  return RECORDS.flatMap(([file, id, record]) => {
    const text = `${record}notes: &n {a: [1, *n]}\n`;
    const place = at(file, text, '*n');
    return [
      {
        name: `${id}: cim validate`,
        files: { [file]: text },
        args: VALIDATE,
        code: 1 as const,
        says: [`${place}  error  yaml/alias`],
      },
      {
        name: `${id}: cim show`,
        files: { [file]: text },
        args: ['show', id],
        code: 2 as const,
        says: [`${id} cannot be read: the alias *n is inside its own value`],
      },
    ];
  });
}

/** cim.yaml with an alias inside its own anchor's value: every command that needs it refuses. */
function config(): HostileCase[] {
  const VALIDATE = validate();
  const text = `${CONFIG}extra: &c\n  - {a: *c}\n`;
  const located = `${at('cim.yaml', text, '*c')}  error  yaml/alias`;
  const commits = [{ 'cim.yaml': text }];
  const invalid = 'cim.yaml is not valid';
  const cases: Omit<HostileCase, 'commits'>[] = [
    { name: 'validate', args: VALIDATE, code: 1, says: [located] },
    { name: 'validate --history', args: [...VALIDATE, '--history'], code: 1, says: [located] },
    { name: 'list', args: ['list'], code: 0, says: ['NC-0001', '1 validation error'] },
    { name: 'show', args: ['show', 'NC-0001'], code: 0, says: ['NC-0001'] },
    { name: 'status', args: ['status', '--as-of', AS_OF], code: 2, says: [invalid] },
    { name: 'log NC-0001', args: ['log', 'NC-0001'], code: 0, says: ['created'] },
    { name: 'policy', args: ['policy', '--as-of', AS_OF], code: 1, says: ['no document is generated'] },
    { name: 'agenda', args: ['agenda', 'MRT-0001', '--as-of', AS_OF], code: 1, says: ['no document is generated'] },
    {
      name: 'nc correct',
      args: ['nc', 'correct', 'NC-0001', '--action', 'Fixed', '--consequences', 'None', '--no-input'],
      code: 2,
      says: [invalid],
    },
    { name: 'nc open', args: ['nc', 'open', '--title', 'x', '--no-input'], code: 2, says: [invalid] },
    { name: 'edit', args: ['edit', 'NC-0001', '--set', 'title=Changed'], code: 2, says: [invalid] },
    { name: 'renumber', args: ['renumber', 'NC-0001', 'NC-0002'], code: 2, says: [invalid] },
  ];
  return cases.map((c) => ({ ...c, name: `cim.yaml: cim ${c.name}`, commits }));
}

function unanchored(): HostileCase[] {
  const text = `${NC}notes: &a {b: *b}\nrefs: &b {a: *a}\n`;
  return [
    {
      name: 'two anchors naming each other: cim validate',
      files: { [NC_FILE]: text },
      args: validate(),
      code: 1,
      says: [`${at(NC_FILE, text, '*b')}  error  yaml/alias  the alias *b names no anchor set before it`],
    },
    {
      name: 'two anchors naming each other: cim show',
      files: { [NC_FILE]: text },
      args: ['show', 'NC-0001'],
      code: 2,
      says: ['NC-0001 cannot be read: the alias *b names no anchor set before it'],
    },
    {
      name: 'two anchors naming each other, committed: cim log NC-0001',
      commits: [{ [NC_FILE]: text }],
      args: ['log', 'NC-0001'],
      code: 0,
      says: ['is not readable YAML'],
    },
  ];
}

/** Keys that are not written out as text: reported where they are, with nothing on stderr. */
function keys(): HostileCase[] {
  const forms = [
    ['a list as a key', `${NC}? [a, b]\n: v\n`, '[a, b]', 'yaml/syntax'],
    ['a mapping as a key', `${NC}notes: {{x: 1}: 2}\n`, '{x: 1}', 'yaml/syntax'],
    ['an alias of a list as a key', `${NC}refs: &m [NC-0002]\n*m : 2\n`, '*m :', 'yaml/alias'],
    ['an alias repeating a key', `${NC}&k notes: x\n*k : y\n`, '*k :', 'yaml/alias'],
  ] as const;
  return forms.map(([name, text, key, rule]) => ({
    name: `${name}: cim validate`,
    files: { [NC_FILE]: text },
    args: validate(),
    code: 1 as const,
    says: [`${at(NC_FILE, text, key)}  error  ${rule}  a key must be written out as text`],
    never: ['Warning:'],
  }));
}

export const YAML_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  get 'an alias inside its own value, in a record, for every command'() {
    return forms().flatMap((f) => everyCommand(f.name, f.text, f.alias));
  },
  get 'an alias inside its own value, in every kind of record'() {
    return everyKind();
  },
  get 'an alias inside its own value, in cim.yaml, for every command'() {
    return config();
  },
  get 'aliases that name no anchor before them'() {
    return unanchored();
  },
  get 'keys that are not text'() {
    return keys();
  },
};
