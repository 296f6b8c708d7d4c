// Hostile cases about the reports for CI: text that would end an XML section or open an HTML tag,
// a character that reorders what is shown, and a file of thousands of mistakes, each through the
// format it could break (JUnit XML, SARIF, Markdown).
// A function, not a constant: corpus.ts imports it, and its helpers exist only once corpus.ts has run.
import { AS_OF, NC, NC_FILE, nc, type HostileCase } from './corpus.js';

export function reportCases(): Record<string, readonly HostileCase[]> {
  const validate = (format: string) => ['validate', '--as-of', AS_OF, '--format', format];
  return {
    'reports for CI': [
      {
        name: 'a misspelt field named with ]]>, < and & in a JUnit report',
        files: { [NC_FILE]: `${NC}"a]]>b<c&d'e": x\n` },
        args: validate('junit'),
        code: 1,
        says: ['type="schema/unknown-field"', 'unknown field &quot;a]]&gt;b&lt;c&amp;d&apos;e&quot;'],
        never: [']]>', '<c&d'],
      },
      {
        name: 'a title with a right-to-left override in a SARIF log',
        files: { [NC_FILE]: nc('title: Access reviews not performed', 'title: "Access \\u202eweiver"') },
        args: validate('sarif'),
        code: 1,
        says: ['"ruleId": "text/bidi"', '"version": "2.1.0"'],
        never: ['\u202e'],
      },
      {
        name: 'a misspelt field that is an HTML tag in a Markdown report',
        files: { [NC_FILE]: `${NC}"<img src=x onerror=alert(1)>": x\n` },
        args: validate('markdown'),
        code: 1,
        says: ['\\<img src=x onerror=alert(1)\\>', '`schema/unknown-field`'],
        never: [/(?<!\\)<img/],
      },
      {
        name: 'a JUnit report of a file of 20,000 misspelt fields',
        files: { [NC_FILE]: `${NC}${Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n')}\n` },
        args: validate('junit'),
        code: 1,
        says: ['<testcase name="file/more-problems"', '19950 more problems in this file'],
      },
    ],
  };
}
