// What cim prints shows what a record holds; it never lets the record act on the terminal, make
// a row of its own in a listing, or reorder the text around it.
import { describe, expect, it } from 'vitest';
import { table } from '../../src/cli/table.js';
import { oneLine, shown } from '../../src/cli/terminal.js';

describe('a table', () => {
  it('keeps a title with a line feed on its own row, the line feed shown as \\u000a', () => {
    const out = table(
      ['ID', 'TITLE'],
      [
        ['NC-0001', 'Real\nNC-0099  Forged row'],
        ['NC-0002', 'Next'],
      ],
    );
    expect(out.split('\n')).toEqual(['ID       TITLE', 'NC-0001  Real\\u000aNC-0099  Forged row', 'NC-0002  Next']);
  });

  it.each([
    ['a line separator', '\u2028', '\\u2028'],
    ['a paragraph separator', '\u2029', '\\u2029'],
    ['a right-to-left override', '\u202e', '\\u202e'],
    ['a first strong isolate', '\u2068', '\\u2068'],
    ['a carriage return', '\r', '\\u000d'],
    ['a tab', '\t', '\\u0009'],
    ['an escape', '\u001b[8m', '\\u001b[8m'],
  ])('shows %s in a cell as its escape', (_, char, escape) => {
    const out = table(['ID', 'TITLE', 'OWNER'], [['NC-0001', `a${char}b`, 'alice']]);
    expect(out).toContain(`a${escape}b  alice`);
    expect(out).not.toContain(char);
  });

  it('styles a cell after it was escaped and measured, so columns stay aligned', () => {
    const out = table(
      ['ID', 'TITLE'],
      [
        ['NC-1', 'x'],
        ['NC-0002', 'y'],
      ],
      (i, cell) => (i === 0 ? `<${cell}>` : cell),
    );
    expect(out.split('\n')).toEqual(['ID       TITLE', '<NC-1>     x', '<NC-0002>  y']);
  });
});

describe('shown', () => {
  it('keeps line ends and tabs, and escapes what reorders or breaks lines elsewhere', () => {
    expect(shown('a\tb\nc\u202ed\u2028e\u2066f')).toBe('a\tb\nc\\u202ed\\u2028e\\u2066f');
  });

  it('keeps colour only when asked', () => {
    expect(shown('\u001b[1mx\u001b[22m', true)).toBe('\u001b[1mx\u001b[22m');
    expect(shown('\u001b[1mx\u001b[22m')).not.toContain('\u001b');
  });

  it.each([
    ['conceal', '\u001b[8msecret\u001b[28m'],
    ['black on black', '\u001b[30;40mhidden\u001b[0m'],
    ['a cursor move', '\u001b[2Aup'],
    ['white', '\u001b[37mpale'],
  ])('shows a colour code cim does not use (%s), even with colour on', (_name, text) => {
    expect(shown(text, true)).not.toContain('\u001b');
  });

  it('keeps the codes of every style cim uses', async () => {
    const { makeColor } = await import('../../src/cli/color.js');
    const c = makeColor({ enabled: true, env: {}, isTTY: true });
    for (const style of [c.bold, c.dim, c.red, c.green, c.yellow, c.cyan]) {
      const text = style('x');
      expect(text).toContain('\u001b');
      expect(shown(text, true)).toBe(text);
    }
  });
});

describe('oneLine', () => {
  it('escapes line ends and tabs too', () => {
    expect(oneLine('a\nb\tc\r\nd')).toBe('a\\u000ab\\u0009c\\u000d\\u000ad');
  });
});
