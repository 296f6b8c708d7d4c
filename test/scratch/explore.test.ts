import { it } from 'vitest';
import { check } from '../helpers/register.js';

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
const cases: Record<string, Record<string, unknown>> = {
  valid: { 'nonconformities/NC-0001.yaml': NC },
  unclosed: { 'nonconformities/NC-0001.yaml': NC.replace('requirement:\n  - A.5.18', 'requirement: [A.5.18') },
  unclosed2: { 'nonconformities/NC-0001.yaml': NC.replace('requirement:\n  - A.5.18', 'requirement: [A.5.18, 9.2') },
  badindent: { 'nonconformities/NC-0001.yaml': NC.replace('  type: self-identified', '  type: self-identified\n ref: AUD-0001') },
  badindent2: { 'nonconformities/NC-0001.yaml': NC.replace('area: it', '  area: it') },
  badindent3: { 'nonconformities/NC-0001.yaml': NC.replace('  type: self-identified', '    type: self-identified\n  ref: AUD-0001') },
  tab: { 'nonconformities/NC-0001.yaml': NC.replace('  type: self-identified', '\ttype: self-identified') },
  dup: { 'nonconformities/NC-0001.yaml': NC.replace('area: it', 'area: it\narea: hr') },
  typo: { 'nonconformities/NC-0001.yaml': NC + 'evidnce: Screenshot of the review tool\n' },
  nested: { 'nonconformities/NC-0001.yaml': NC.replace('  type: self-identified', '  type: self-identified\n  reff: AUD-0001') },
  strlist: { 'nonconformities/NC-0001.yaml': NC.replace('requirement:\n  - A.5.18', 'requirement: A.5.18') },
  numbool: { 'nonconformities/NC-0001.yaml': NC + 'action_required: 1\n' },
  maptext: { 'nonconformities/NC-0001.yaml': NC.replace('title: Access reviews not performed', 'title:\n  en: Access reviews not performed') },
  multi: { 'nonconformities/NC-0001.yaml': NC + '---\nid: NC-0002\n' },
  tag: { 'nonconformities/NC-0001.yaml': NC.replace('title: Access', 'title: !!js/function Access') },
  tag2: { 'nonconformities/NC-0001.yaml': NC.replace('title: Access reviews not performed', "title: !!js/function 'function () {}'") },
  empty: { 'nonconformities/NC-0001.yaml': '' },
  comments: { 'nonconformities/NC-0001.yaml': '# nothing\n# here\n' },
  list: { 'nonconformities/NC-0001.yaml': '# a list\n- a\n- b\n' },
  scalar: { 'nonconformities/NC-0001.yaml': '# text\njust text\n' },
  dotdot: { 'nonconformities/..yaml': NC },
  ncdotdot: { 'nonconformities/NC-0001..yaml': NC },
  idpath: { 'nonconformities/NC-0001.yaml': NC.replace('id: NC-0001', 'id: ../x') },
  cfg: { 'cim.yaml': 'organisation: X\nstarted_on: 2025-01-01\npolicy:\n  owner: alice\n  approver: alice\n  version: "1"\n  reviewed_on: 2026-01-01\npeople: 3\ndeadlines: {major: {respond_days: "x"}}\n' },
  missing: { 'nonconformities/NC-0001.yaml': NC.replace('area: it\n', '') },
  bom: { 'nonconformities/NC-0001.yaml': '\ufeff' + NC.replace('# yaml-language-server: $schema=../schemas/nc.schema.json\n', '').replace('id: NC-0001', 'id: NC-0002') },
  crlf: { 'nonconformities/NC-0001.yaml': NC.replace(/\n/g, '\r\n') + 'evidnce: x\r\n' },
};
for (const [name, files] of Object.entries(cases)) {
  it(name, async () => {
    const r = await check(files, { compliance: false });
    console.log(name, r.diagnostics.map((d) => `${d.severity} ${d.file}:${d.line}:${d.column} ${d.rule} | ${d.message} | ${d.hint}`).join("\n"));
  });
}
