// Hostile cases for documents that print: text placed in the page's stylesheet (the running footer)
// stays text in it, whatever it holds; --paper and --format pdf refuse what they cannot do, and
// say how to get a browser where none is found.
import { BASE_CONFIG } from '../helpers/register.js';
// Only types are taken from corpus.ts: it imports this file, so its constants are not yet set.
import type { HostileCase } from './corpus.js';

const AS_OF = ['--as-of', '2026-06-30'] as const;
/** Text that would close the footer's string, its rule and the style element, and restyle the page. */
const ESCAPE = '"; } @page { size: 1in } </style><script>alert(1)</script> {';

const HOSTILE_POLICY = {
  ...BASE_CONFIG,
  organisation: `Test Co ${ESCAPE}`,
  policy: { ...BASE_CONFIG.policy, classification: `Internal ${ESCAPE}` },
};

export const PRINT_CORPUS: Readonly<Record<string, readonly HostileCase[]>> = {
  'documents that print': [
    {
      name: 'an organisation and classification that try to leave the footer of the HTML policy',
      files: { 'cim.yaml': HOSTILE_POLICY },
      args: ['policy', '--format', 'html', ...AS_OF],
      code: 0,
      says: [
        '@bottom-left { content: "Test Co \\22 \\3b  \\7d  \\40 page \\7b  size\\3a  1in \\7d  \\3c \\2f style\\3e',
      ],
      // The text is in the page too, as text; in the stylesheet it is escaped, and there is one.
      never: ['<script', /<style>[^<]*size: 1in/, /<\/style>[\s\S]*<\/style>/],
    },
    {
      name: 'a paper cim does not print on',
      args: ['policy', '--format', 'html', '--paper', 'a3', ...AS_OF],
      code: 2,
      says: ["argument 'a3' is invalid", 'a4, letter'],
    },
    {
      name: '--paper for a document not laid out on pages',
      args: ['export', 'log', '--format', 'csv', '--paper', 'letter', ...AS_OF],
      code: 2,
      says: ['--paper is for documents laid out on pages, not --format csv'],
    },
    {
      name: 'a PDF where no Chromium is on PATH',
      args: ['policy', '--format', 'pdf', '-o', 'policy.pdf', ...AS_OF],
      env: { PATH: '/nonexistent' },
      code: 2,
      says: ['--format pdf needs Chromium', 'apt-get install chromium', 'brew install --cask chromium', 'CIM_CHROMIUM'],
    },
    {
      name: 'a PDF with CIM_CHROMIUM naming no program',
      args: ['programme', '2026', '--format', 'pdf', '-o', 'programme.pdf', ...AS_OF],
      env: { CIM_CHROMIUM: '/nonexistent/chromium' },
      code: 2,
      says: ['CIM_CHROMIUM=/nonexistent/chromium is not a program cim can run'],
    },
  ],
};
