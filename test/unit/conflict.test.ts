// Git's conflict markers left in a file: found before the YAML parser reads them as broken keys.
import { describe, expect, it } from 'vitest';
import { conflictMarkers } from '../../src/io/yaml.js';

const MERGED = [
  'id: NC-0001',
  '<<<<<<< HEAD',
  'title: Access reviews not performed',
  '=======',
  'title: Access reviews skipped',
  '>>>>>>> feature',
  'status: open',
  '',
].join('\n');

describe('conflictMarkers', () => {
  it('places the conflict at the first marker line', () => {
    const found = conflictMarkers(MERGED, 'nonconformities/NC-0001.yaml');
    expect(found).toMatchObject({
      severity: 'error',
      rule: 'file/conflict',
      file: 'nonconformities/NC-0001.yaml',
      line: 2,
      column: 1,
    });
    expect(found?.message).toContain('unresolved merge conflict');
    expect(found?.hint).toContain('git add nonconformities/NC-0001.yaml');
    expect(found?.hint).toContain('git merge --abort');
  });

  it.each([
    ['the middle marker first (a side cut away by hand)', 'id: NC-0001\n=======\ntitle: B\n>>>>>>> feature\n', 2],
    ['a diff3 base marker', 'id: NC-0001\n||||||| base\n<<<<<<< HEAD\n', 2],
    ['the end marker alone', 'id: NC-0001\ntitle: A\n>>>>>>> feature\n', 3],
    ['CRLF line ends', 'id: NC-0001\r\n<<<<<<< HEAD\r\ntitle: A\r\n', 2],
    ['a marker with no label', 'id: NC-0001\n<<<<<<<\n', 2],
  ])('finds %s', (_, text, line) => {
    expect(conflictMarkers(text, 'f.yaml')?.line).toBe(line);
  });

  it.each([
    ['no markers', 'id: NC-0001\ntitle: A\n'],
    ['a row of = under a heading, indented in a block', 'notes: |\n  Heading\n  =======\n'],
    ['a row of = with no other marker', 'id: NC-0001\n=======\n'],
    ['markers inside a line', 'title: "<<<<<<< HEAD"\n'],
    ['eight of them', '<<<<<<<< HEAD\n'],
  ])('ignores %s', (_, text) => {
    expect(conflictMarkers(text, 'f.yaml')).toBeUndefined();
  });
});
