// Hostile cases for the evidence pack: where -o points (a folder that is not a pack, a file, the
// folder beside the register), a manifest cim did not write, a register that does not validate or
// has no commit. Every one is refused with nothing written.
// A function, not a constant: corpus.ts imports it, and its helpers exist only once corpus.ts has run.
import { AS_OF, NC, NC_FILE, type HostileCase } from './corpus.js';

export function packCases(): Record<string, readonly HostileCase[]> {
  const PACK = ['pack', '--as-of', AS_OF] as const;
  return {
    'the evidence pack': [
      { name: 'no -o', args: PACK, code: 2, says: ['cim pack needs the folder to write the pack to', '-o'] },
      {
        name: '-o the folder beside the register, which holds files and no pack',
        args: [...PACK, '-o', '{outside}'],
        code: 2,
        says: ['is not empty and holds no pack cim wrote', 'name a new or empty folder'],
      },
      {
        name: '-o a file',
        files: { 'out.txt': 'mine\n' },
        args: [...PACK, '-o', 'out.txt'],
        code: 2,
        says: ['out.txt is not a folder'],
      },
      {
        name: '-o with --as-of that is not a date',
        args: ['pack', '-o', 'pack', '--as-of', '2026-02-30'],
        code: 2,
        says: ['--as-of 2026-02-30 is not a date'],
      },
      {
        name: 'a register with a validation error',
        files: { [NC_FILE]: NC.replace('grade: minor', 'grade: huge') },
        args: [...PACK, '-o', 'pack'],
        code: 1,
        says: ['no evidence pack is built from it', 'cim validate'],
      },
      {
        name: 'a register with no commit yet',
        git: 'unborn',
        args: [...PACK, '-o', 'pack'],
        code: 2,
        says: ['no commit yet', 'commit the register first'],
      },
      {
        name: 'verify the folder beside the register, which has no manifest',
        args: ['pack', 'verify', '{outside}'],
        code: 2,
        says: ['has no manifest.json, so it is not a pack cim wrote'],
      },
      {
        name: 'verify a folder whose manifest cim did not write',
        files: { 'p/manifest.json': '{"format": "other/1", "files": []}\n', 'p/index.html': '<p>x</p>\n' },
        args: ['pack', 'verify', 'p'],
        code: 2,
        says: ['p/manifest.json is not a manifest cim wrote: it does not say "format": "cim-evidence-pack/1"'],
      },
      {
        name: 'verify a manifest that is not JSON',
        files: { 'p/manifest.json': '{"format": "cim-evidence-pack/1",\n' },
        args: ['pack', 'verify', 'p'],
        code: 2,
        says: ['is not a manifest cim wrote: it is not JSON'],
      },
    ],
  };
}
