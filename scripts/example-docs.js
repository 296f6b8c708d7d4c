// The documents generated for the example register, as of the date it is written to: one list
// for scripts/gen-docs.js, which writes them under examples/acme/docs/, and for the golden-file
// test, which fails when they differ from what cim generates. Each is generated with
// `--as-of AS_OF` unless it names its own date.
export const AS_OF = '2026-06-30';

export const EXAMPLE_DOCS = [
  { file: 'policy.md', args: ['policy'] },
  { file: 'policy.html', args: ['policy', '--format', 'html'] },
  { file: 'agenda-MRT-0009.md', args: ['agenda', 'MRT-0009'] },
  { file: 'agenda-MRT-0009.html', args: ['agenda', 'MRT-0009', '--format', 'html'] },
  { file: 'agenda-MRT-0008.md', args: ['agenda', 'MRT-0008'] },
  { file: 'minutes-MRT-0007.md', args: ['minutes', 'MRT-0007'] },
  { file: 'minutes-MRT-0007.html', args: ['minutes', 'MRT-0007', '--format', 'html'] },
  { file: 'minutes-MRT-0008.md', args: ['minutes', 'MRT-0008'] },
  { file: 'programme-2026.md', args: ['programme', '2026'] },
  { file: 'programme-2027.md', args: ['programme', '2027'] },
  { file: 'log.md', args: ['export', 'log'] },
  { file: 'log.csv', args: ['export', 'log', '--format', 'csv'] },
  { file: 'log.json', args: ['export', 'log', '--format', 'json'] },
  { file: 'status.txt', args: ['status', '--no-color'] },
  { file: 'status.json', args: ['--json', 'status'] },
  // Five months on, with nothing done in between: what falls overdue.
  { file: 'status-2026-11-30.txt', args: ['status', '--no-color'], asOf: '2026-11-30' },
];
