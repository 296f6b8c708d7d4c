import { it } from 'vitest';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { check, tempRegister, writeTree } from '../helpers/register.js';
import { loadRegister } from '../../src/io/register.js';
import { validate } from '../../src/domain/validate/index.js';

const NC = `# yaml-language-server: $schema=../schemas/nc.schema.json
id: NC-0001
title: Access reviews not performed
status: open
owner: alice
created: 2026-01-10
grade: minor
source:
  type: self-identified
requirement:
  - A.5.18
area: it
raised_by: alice
raised_on: 2026-01-10
description: Quarterly access reviews were skipped in Q4.
`;
const CA = `id: CA-0001
title: Automate reminders
status: planned
owner: alice
created: 2026-01-10
nc: NC-0099
action: Schedule reminders.
due: 2026-12-31
`;
const OFI = `id: OFI-0001
title: SSO
status: proposed
owner: alice
created: 2026-01-10
source:
  type: self-identified
description: Move HR tools behind SSO.
benefit: Fewer passwords.
`;
const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
for (let i = 1; i < 10; i++) { const p = String.fromCharCode(97 + i - 1); const n = String.fromCharCode(97 + i); levels.push(`${n}: &${n} [${Array(9).fill('*' + p).join(',')}]`); }
const BOMB = levels.join('\n') + '\n';
const show = (name: string, r: any) => console.log(name, r.diagnostics.map((d: any) => `${d.severity} ${d.file}:${d.line}:${d.column} ${d.rule} | ${d.message} | ${d.hint}`).join('\n'));
const cases: Record<string, Record<string, unknown>> = {
  d1: { 'nonconformities/NC-0001.yaml': NC.replace('raised_on: 2026-01-10', 'raised_on: 2026-02-30') },
  d2: { 'nonconformities/NC-0001.yaml': NC.replace('raised_on: 2026-01-10', 'raised_on: 2025-13-01') },
  d3: { 'nonconformities/NC-0001.yaml': NC.replace('raised_on: 2026-01-10', 'raised_on: 2026-2-3') },
  d4: { 'nonconformities/NC-0001.yaml': NC.replace('raised_on: 2026-01-10', 'raised_on: "2026-02-30"') },
  mismatch: { 'nonconformities/NC-0001.yaml': NC.replace('id: NC-0001', 'id: NC-0002') },
  wrongfolder: { 'actions/NC-0001.yaml': NC },
  name: { 'nonconformities/access-review.yaml': NC },
  yml: { 'nonconformities/NC-0001.yml': NC },
  sub: { 'nonconformities/2026/NC-0001.yaml': NC },
  dangling: { 'actions/CA-0001.yaml': CA, 'nonconformities/NC-0001.yaml': NC },
  wrongkind: { 'actions/CA-0001.yaml': CA.replace('NC-0099', 'OFI-0001'), 'improvements/OFI-0001.yaml': OFI },
  bomb: { 'nonconformities/NC-0001.yaml': BOMB },
  bomb2: { 'nonconformities/NC-0001.yaml': NC + 'notes: &n x\nrefs: [*n]\n' },
  crlfvalid: { 'nonconformities/NC-0001.yaml': NC.replace(/\n/g, '\r\n') },
  crlfdate: { 'nonconformities/NC-0001.yaml': NC.replace('raised_on: 2026-01-10', 'raised_on: 2026-02-30').replace(/\n/g, '\r\n') },
  bomvalid: { 'nonconformities/NC-0001.yaml': '\ufeff' + NC },
  bomdate: { 'nonconformities/NC-0001.yaml': '\ufeff' + NC.replace('raised_on: 2026-01-10', 'raised_on: 2026-02-30') },
  bomline1: { 'nonconformities/NC-0001.yaml': '\ufeffid: NC-0001\nfoo: 1\n' },
  bombadyaml: { 'nonconformities/NC-0001.yaml': '\ufeffid: [NC-0001\n' },
  enc: { 'nonconformities/NC-0001.yaml': Buffer.concat([Buffer.from(NC.replace('description: Quarterly access reviews were skipped in Q4.\n', 'description: Quarterly ')), Buffer.from([0xff]), Buffer.from(' reviews\n')]) },
  enc2: { 'nonconformities/NC-0001.yaml': Buffer.concat([Buffer.from(NC.replace('description: Quarterly access reviews were skipped in Q4.\n', 'description: Café ')), Buffer.from([0xe9]), Buffer.from(' reviews\n')]) },
  big: { 'nonconformities/NC-0001.yaml': NC + '# ' + 'x'.repeat(1024 * 1024) + '\n' },
};
for (const [name, files] of Object.entries(cases)) {
  it(name, async () => {
    const t = Date.now();
    const r = await check(files, { compliance: false });
    show(name + ' ' + (Date.now() - t) + 'ms', r);
  });
}
it('symlink', async () => {
  const outside = await writeTree({ 'secret.yaml': 'id: [broken\n' });
  const root = await tempRegister({});
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(root, 'nonconformities'));
  await symlink(join(outside, 'secret.yaml'), join(root, 'nonconformities/NC-0001.yaml'));
  show('symlink', validate(await loadRegister(root), { asOf: '2026-06-30', compliance: false }));
});
it('symlink dir', async () => {
  const outside = await writeTree({ 'NC-0001.yaml': 'id: [broken\n' });
  const root = await tempRegister({});
  await symlink(outside, join(root, 'nonconformities'));
  show('symlinkdir', validate(await loadRegister(root), { asOf: '2026-06-30', compliance: false }));
});
it('symlink subdir', async () => {
  const outside = await writeTree({ 'NC-0001.yaml': 'id: [broken\n' });
  const root = await tempRegister({'nonconformities/.gitkeep': ''});
  await symlink(outside, join(root, 'nonconformities/sub'));
  show('symlinksubdir', validate(await loadRegister(root), { asOf: '2026-06-30', compliance: false }));
});
