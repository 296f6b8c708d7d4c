// The kinds as `cim --help` lists them: every kind declared, the ones worked with most first, each
// with the words the help has always used for its records.
import { describe, expect, it } from 'vitest';
import { KIND_COMMANDS } from '../../src/cli/kind-names.js';
import { namesOf } from '../../src/cli/commands/kinds.js';
import { KINDS } from '../../src/domain/kinds/index.js';

describe('the kind commands of the help', () => {
  it('are every kind, nc and ca first, then in the order of the kinds', () => {
    expect(KIND_COMMANDS).toEqual([
      ['nc', 'Nonconformities'],
      ['ca', 'Corrective actions'],
      ['audit', 'Audits'],
      ['ofi', 'Opportunities for improvement'],
      ['incident', 'Incidents'],
      ['change', 'Changes'],
      ['mrt', 'Management reviews'],
      ['objective', 'Objectives'],
      ['lrc', 'Legal, regulatory and standards changes'],
      ['exception', 'Policy exceptions'],
    ]);
    expect(KIND_COMMANDS.length).toBe(KINDS.length);
  });

  it.each([
    [[], ''],
    [['config'], 'config'],
    [['a', 'b'], 'a or b'],
    [['a', 'b', 'c'], 'a, b or c'],
  ])('are listed as words in a sentence: %j → %j', (names, text) => {
    expect(namesOf(names.map((n) => [n, n] as const))).toBe(text);
  });

  it('name the kinds an argument takes, and the other words it takes', () => {
    expect(namesOf(KIND_COMMANDS, 'config')).toBe(
      'nc, ca, audit, ofi, incident, change, mrt, objective, lrc, exception or config',
    );
  });
});
