// The arrows between the layers point one way, and no module comes back to itself through its
// imports: src/domain ← src/io ← src/commands, src/docs ← src/cli, where commands may use docs but
// docs never use commands, and src/errors.ts and src/context.ts are shared by every layer. Every
// import counts: type-only ones, re-exports and dynamic import() as well.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/** How high each layer stands: a file may import its own layer or a lower one. */
const RANK: Readonly<Record<string, number>> = { domain: 0, io: 1, commands: 2, docs: 2, cli: 3 };
/** Importable from anywhere; they themselves import nothing above the domain. */
const SHARED = new Set(['errors.ts', 'context.ts']);

interface Import {
  readonly from: string;
  readonly to: string;
  readonly line: number;
  readonly specifier: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** What a source text imports, with the line each import is written on. */
function specifiers(text: string): { specifier: string; line: number }[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((i) => ({ specifier: i.fileName, line: text.slice(0, i.pos).split('\n').length }));
}

/** Every import of a file inside src, to another file inside src, as paths from the repository root. */
function importsOf(file: string): Import[] {
  return specifiers(readFileSync(file, 'utf8'))
    .filter((i) => i.specifier.startsWith('.'))
    .map((i) => ({
      ...i,
      from: relative(ROOT, file),
      to: relative(ROOT, resolve(dirname(file), i.specifier.replace(/\.js$/, '.ts'))),
    }))
    .filter((i) => i.to.startsWith('src/'));
}

const imports = sourceFiles(SRC).flatMap(importsOf);

/** The layer of a file (`src/io/git.ts`): its first folder inside src, or 'shared'. */
function layerOf(path: string): string {
  const inSrc = path.replace(/^src\//, '');
  if (SHARED.has(inSrc)) return 'shared';
  return inSrc.includes('/') ? inSrc.slice(0, inSrc.indexOf('/')) : '(none)';
}

/** Why an import breaks the layers, or undefined when it does not. */
function layerBreak(from: string, to: string): string | undefined {
  const [a, b] = [layerOf(from), layerOf(to)];
  const [rankA, rankB] = [RANK[a], RANK[b]];
  if (rankA === undefined && a !== 'shared') return `${from} is in no layer`;
  if (b === 'shared') return undefined;
  if (a === 'shared')
    return b === 'domain' ? undefined : `${from} is shared by every layer, so it may import only src/domain`;
  if (rankB === undefined) return `${to} is in no layer`;
  if (a === 'docs' && b === 'commands') return 'src/docs never imports src/commands';
  if (rankA !== undefined && rankB > rankA) return `src/${a} may not import the higher layer src/${b}`;
  return undefined;
}

/**
 * One circle for each group of files that reach each other through their imports: the shortest
 * from the group's first file back to itself, then the group's other files, if there are more
 * (so that a file joining a known circle is a new one).
 */
function circles(): string[] {
  const next = new Map<string, string[]>();
  for (const i of imports) next.set(i.from, [...new Set([...(next.get(i.from) ?? []), i.to])]);
  return groups(next).map((group) => {
    const start = group[0]!;
    const circle = shortestWayBack(start, next);
    const others = group.filter((f) => !circle.includes(f));
    return `${circle.join(' → ')}${others.length ? `, also through ${others.join(', ')}` : ''}`;
  });
}

/** The strongly connected components of more than one file (or of a file importing itself),
 * each sorted, by Tarjan's algorithm. */
function groups(next: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || next.get(v)?.includes(v)) found.push(group.sort());
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** The shortest way through the imports from a file back to itself, by breadth-first search. */
function shortestWayBack(start: string, next: ReadonlyMap<string, readonly string[]>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const v = queue.shift()!;
    for (const w of [...(next.get(v) ?? [])].sort()) {
      if (w === start) {
        const way = [v];
        while (way[0] !== start) way.unshift(cameFrom.get(way[0]!)!);
        return [...way, start];
      }
      if (!cameFrom.has(w)) {
        cameFrom.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start];
}

describe('the import graph of src', () => {
  it('reads the imports of every kind: static, type-only, re-exported and dynamic', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from '../b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      'async function later() {',
      "  const { e } = await import('./e.js');",
      '  return `${e}`;',
      '}',
    ].join('\n');
    expect(specifiers(text)).toEqual([
      { specifier: './a.js', line: 1 },
      { specifier: '../b.js', line: 2 },
      { specifier: './c.js', line: 3 },
      { specifier: './d.js', line: 4 },
      { specifier: './e.js', line: 6 },
    ]);
    const of = (file: string) => imports.filter((i) => i.from === file).map((i) => i.to);
    expect(of('src/cli/prompts.ts')).toEqual(
      expect.arrayContaining(['src/domain/register.ts', 'src/commands/step.ts']),
    );
  });

  it('has no circle of imports', () => {
    expect(
      circles()
        .map(
          (c) =>
            `import circle: ${c}\n  fix: move what the files share into a module they all import, or pass it in from the caller`,
        )
        .join('\n'),
    ).toBe('');
  });

  it('imports only its own layer or lower ones', () => {
    const breaks = imports.flatMap((i) => {
      const why = layerBreak(i.from, i.to);
      return why === undefined ? [] : [{ ...i, why }];
    });
    expect(
      breaks
        .map(
          (b) =>
            `${b.from}:${b.line} imports '${b.specifier}' (${b.to}): ${b.why}\n  fix: move what it needs from ${b.to} down into a layer ${b.from} may import, or move the import up to the caller`,
        )
        .join('\n'),
    ).toBe('');
  });
});

describe('the layer rule', () => {
  it.each([
    ['src/domain/engine.ts', 'src/domain/kind.ts', true],
    ['src/io/register.ts', 'src/domain/kind.ts', true],
    ['src/commands/step.ts', 'src/io/git.ts', true],
    ['src/commands/documents.ts', 'src/docs/render.ts', true],
    ['src/cli/main.ts', 'src/commands/init.ts', true],
    ['src/cli/main.ts', 'src/docs/render.ts', true],
    ['src/domain/engine.ts', 'src/errors.ts', true],
    ['src/context.ts', 'src/domain/dates.ts', true],
    ['src/domain/engine.ts', 'src/io/git.ts', false],
    ['src/io/git.ts', 'src/commands/step.ts', false],
    ['src/docs/log.ts', 'src/commands/history.ts', false],
    ['src/commands/step.ts', 'src/cli/print.ts', false],
    ['src/errors.ts', 'src/io/git.ts', false],
    ['src/stray.ts', 'src/domain/kind.ts', false],
  ])('%s may import %s: %s', (from, to, allowed) => {
    expect(layerBreak(from, to) === undefined).toBe(allowed);
  });
});
