// The kind tables are data; these tests hold them to what the rest of cim assumes of them.
import { describe, expect, it } from 'vitest';
import { KINDS, findKind, nc, exception } from '../../src/domain/kinds/index.js';
import type { Kind } from '../../src/domain/kind.js';
import { stateRequirements } from '../../src/domain/lifecycle.js';
import { schemaAt, valuesAt } from '../../src/domain/validate/zod-walk.js';

describe.each(KINDS.map((k) => [k.name, k] as const))('kind %s', (_name, kind) => {
  it('has a creating verb and every state is reachable from it', () => {
    expect(kind.initial.length).toBeGreaterThan(0);
    const reached = new Set(kind.initial);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of kind.transitions) {
        if (!reached.has(t.to) && t.from.some((s) => reached.has(s))) {
          reached.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reached].sort()).toEqual([...kind.states].sort());
  });

  it('names only its own states and fields in transitions', () => {
    for (const t of kind.transitions) {
      expect(kind.states).toContain(t.to);
      for (const s of t.from) expect(kind.states).toContain(s);
      for (const path of t.requires)
        expect(schemaAt(kind.shape, path.split('.')), `${t.verb} requires ${path}`).toBeDefined();
    }
    for (const path of kind.dateOrder) expect(schemaAt(kind.shape, path.split('.')), path).toBeDefined();
  });

  it('has unique verbs per from-state', () => {
    const seen = new Set<string>();
    for (const t of kind.transitions) {
      for (const from of t.from.length ? t.from : ['(new)']) {
        expect(seen.has(`${from}:${t.verb}`), `${from} ${t.verb}`).toBe(false);
        seen.add(`${from}:${t.verb}`);
      }
    }
  });

  it('is found by short name, prefix and folder', () => {
    expect(findKind(kind.name)).toBe(kind);
    expect(findKind(kind.prefix)).toBe(kind);
    expect(findKind(kind.folder)).toBe(kind);
  });
});

describe('state requirements', () => {
  const need = (kind: Kind, state: string) => [...(stateRequirements(kind).get(state) ?? [])].sort();

  it('accumulate along the path into a state', () => {
    expect(need(nc, 'analysed')).toEqual(
      expect.arrayContaining(['correction', 'analysis', 'action_required', 'grade']),
    );
    expect(need(nc, 'closed')).toEqual(
      expect.arrayContaining(['correction', 'analysis', 'reviewed_in', 'closed_by', 'closed_on']),
    );
  });

  it('keep only what every way into a state has in common', () => {
    // analysed is entered by analyse or by reopen: reopened is not needed on the first way.
    expect(need(nc, 'analysed')).not.toContain('reopened');
    // withdrawn can come straight from open: no correction needed.
    expect(need(nc, 'withdrawn')).toContain('withdrawn');
    expect(need(nc, 'withdrawn')).not.toContain('correction');
    // renew loops approved → approved without changing what approved needs.
    expect(need(exception, 'approved')).toEqual(expect.arrayContaining(['approved_by', 'approved_on', 'expires_on']));
  });
});

describe('the CLI list of kind commands', () => {
  it('names every kind, in the order of the tables', async () => {
    const { KIND_COMMANDS } = await import('../../src/cli/kind-names.js');
    expect(KIND_COMMANDS.map(([name]) => name).sort()).toEqual(KINDS.map((k) => k.name).sort());
  });
});

describe('values at a field pattern', () => {
  const data = {
    owner: 'p-1',
    actions: [{ by: 'p-2', refs: ['NC-0001', 'NC-0002'] }, { refs: [] }, null, { by: 'p-3', refs: ['CA-0001'] }],
    nothing: undefined,
  };

  it('finds every value with its concrete path, in the order of the data', () => {
    expect(valuesAt(data, ['owner'])).toEqual([{ path: ['owner'], value: 'p-1' }]);
    expect(valuesAt(data, ['actions', '*', 'by'])).toEqual([
      { path: ['actions', 0, 'by'], value: 'p-2' },
      { path: ['actions', 3, 'by'], value: 'p-3' },
    ]);
    expect(valuesAt(data, ['actions', '*', 'refs', '*']).map((v) => v.path.join('.'))).toEqual([
      'actions.0.refs.0',
      'actions.0.refs.1',
      'actions.3.refs.0',
    ]);
  });

  it('finds nothing where the data has no such field, or the wrong shape', () => {
    expect(valuesAt(data, ['nothing'])).toEqual([]);
    expect(valuesAt(data, ['missing', '*'])).toEqual([]);
    expect(valuesAt(data, ['owner', '*'])).toEqual([]);
    expect(valuesAt('text', ['owner'])).toEqual([]);
    expect(valuesAt(null, ['*'])).toEqual([]);
  });
});
