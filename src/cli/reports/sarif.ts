// SARIF 2.1.0, the static-analysis format code-scanning services read (GitHub code scanning among
// them): every rule cim has, described from the rule catalogue, and one result per problem, placed
// on the file in the repository.
import { createHash } from 'node:crypto';
import { isPolicyRule } from '../../domain/validate/rule-ids.js';
import { RULE_HELP, RULE_IDS } from '../../domain/validate/rule-help.js';
import type { Diagnostic } from '../../domain/diagnostics.js';
import type { Report } from './report.js';

export const SARIF_SCHEMA =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Result locations are relative to the root of the repository, which the consumer knows. */
const SRCROOT = '%SRCROOT%';

/** The key of the fingerprint: versioned, so that a change to what it hashes is a new key. */
const FINGERPRINT = 'cimProblem/v1';

export function sarifReport(r: Report) {
  const index = new Map(RULE_IDS.map((id, i) => [id, i]));
  const seen = new Map<string, number>();
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        // cim has no public home page to link to, so the driver names no informationUri.
        tool: { driver: { name: 'cim', ...(r.version ? { version: r.version } : {}), rules: RULE_IDS.map(describe) } },
        originalUriBaseIds: {
          [SRCROOT]: { description: { text: 'The root of the git repository that holds the register.' } },
        },
        // Columns come from the YAML reader, which counts in JavaScript string units.
        columnKind: 'utf16CodeUnits',
        results: r.diagnostics.map((d) => result(d, r.repoPath(d.file), index.get(d.rule), seen)),
      },
    ],
  };
}

function describe(id: string) {
  const help = RULE_HELP[id]!;
  return {
    id,
    shortDescription: { text: help.summary },
    fullDescription: { text: help.help },
    help: { text: help.help },
    defaultConfiguration: { level: help.severity },
    // Policy-compliance rules are warnings that --strict makes errors; consumers can filter on it.
    properties: { tags: [isPolicyRule(id) ? 'policy' : 'register'] },
  };
}

function result(d: Diagnostic, path: string, ruleIndex: number | undefined, seen: Map<string, number>) {
  // The same problem twice in one file (one message, one rule) is told apart by its rank, so that
  // every result has its own fingerprint and each keeps it from one run to the next.
  const key = `${path}\0${d.rule}\0${d.message}`;
  const rank = seen.get(key) ?? 0;
  seen.set(key, rank + 1);
  return {
    ruleId: d.rule,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: d.severity,
    message: { text: `${d.message}\nhint: ${d.hint}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriReference(path), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.column) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT]: createHash('sha256').update(`${key}\0${rank}`).digest('hex').slice(0, 32) },
  };
}

/** A relative path as a URI reference: each segment percent-encoded, the slashes kept. */
export const uriReference = (path: string): string =>
  path
    // encodeURIComponent refuses half a surrogate pair; no file name holds one, but none may crash this.
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
