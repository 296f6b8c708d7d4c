// `cim --version` and every command's start load only the command line: the modules main.ts
// imports statically, and what they import in turn, stay clear of the kind declarations (their zod
// schemas are most of the time a command takes to start) and of the libraries only one command
// uses. A command module reaches them with a dynamic import when its command runs.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The modules a file imports for their values at load time: no type-only or dynamic imports. */
function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)
          ? clause.namedBindings.elements.every((e) => e.isTypeOnly)
          : false);
      if (!typeOnly) out.push((node.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      out.push((node.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return out;
}

/** Every module loaded with `from`, as repository paths for cim's files and names for packages. */
function loadedWith(from: string): Map<string, string> {
  const seen = new Map<string, string>([[from, '(start)']]);
  const queue = [from];
  while (queue.length) {
    const file = queue.shift()!;
    for (const spec of staticImports(join(ROOT, file))) {
      const to = spec.startsWith('.')
        ? relative(ROOT, resolve(dirname(join(ROOT, file)), spec.replace(/\.js$/, '.ts')))
        : spec;
      if (seen.has(to)) continue;
      seen.set(to, file);
      if (spec.startsWith('.')) queue.push(to);
    }
  }
  return seen;
}

/** How `to` comes to be loaded: the chain of imports from the start. */
function chain(seen: Map<string, string>, to: string): string {
  const path = [to];
  for (let at = seen.get(to); at && at !== '(start)'; at = seen.get(at)) path.unshift(at);
  return path.join(' → ');
}

describe('starting cim', () => {
  const seen = loadedWith('src/cli/main.ts');
  it.each([
    'src/domain/kinds/index.ts',
    'src/domain/validate/index.ts',
    'zod',
    'yaml',
    'csv-parse/sync',
    '@bomb.sh/tab',
    'ical-generator',
    'handlebars',
    'marked',
    'simple-git',
    '@inquirer/prompts',
  ])('does not load %s', (module) => {
    expect(seen.has(module) ? `loaded by ${chain(seen, module)}` : 'not loaded').toBe('not loaded');
  });
  it('loads the command modules it wires, so the check looks at what it should', () => {
    expect(seen.has('src/cli/commands/import.ts')).toBe(true);
    expect(seen.has('commander')).toBe(true);
  });
});
