// The validation pipeline: syntax (from the loader) → schema and lifecycle state → register rules →
// policy compliance. Returns every diagnostic placed at file:line:column, and the register built
// from the records that passed their schema, for commands that go on to use it.
import { CONFIG_FILE, configSchema, type Config } from '../config.js';
import {
  compareDiagnostics,
  MAX_PROBLEMS_PER_FILE,
  moreProblems,
  START,
  type Diagnostic,
  type FieldDiagnostic,
  type Severity,
  type SourceMap,
} from '../diagnostics.js';
import { quoteHint } from '../fields.js';
import { stateRequirements, transitionRequiring } from '../lifecycle.js';
import { buildRegister, Prefixes, type Entry, type Register, type RegisterInput } from '../register.js';
import { COMPLIANCE } from './compliance.js';
import type { Rule, RuleContext } from './rule.js';
import { CONFIG_DUPLICATE_ID, INTERNAL_RULE, LIFECYCLE_MISSING, SCHEMA_REQUIREMENT_NUMBER } from './rule-ids.js';
import { RULES } from './rules.js';
import { checkReferences } from './rules/references.js';
import { checkSchema } from './schema.js';
import { visible } from './text.js';
import { describeAt, refFields, valuesAt } from './zod-walk.js';

export interface ValidateOptions {
  readonly asOf: string;
  /** Policy-compliance warnings become errors. */
  readonly strict?: boolean;
  /** Skip policy compliance (commands that only need a well-formed register). */
  readonly compliance?: boolean;
}

export interface ValidationResult {
  readonly diagnostics: readonly Diagnostic[];
  readonly errors: number;
  readonly warnings: number;
  /** Record files found, valid or not. */
  readonly records: number;
  /** Present when cim.yaml is valid; holds the records that passed their schema. */
  readonly register?: Register;
}

export function validate(input: RegisterInput, options: ValidateOptions): ValidationResult {
  const sources = new Map<string, SourceMap>(input.files.map((f) => [f.file, f.source]));
  if (input.config) sources.set(CONFIG_FILE, input.config.source);
  const found: FieldDiagnostic[] = [];

  let config: Config | undefined;
  if (input.config) {
    const checked = checkSchema(configSchema, input.config.data, CONFIG_FILE);
    found.push(...checked.diagnostics);
    config = checked.value as Config | undefined;
  }

  const prefixes = new Prefixes(config?.prefixes);
  const entries: Entry[] = [];
  const unchecked = new Set<string>(input.unread);
  for (const file of input.files) {
    const checked = checkSchema(file.kind.schema, file.data, file.file);
    if (checked.value === undefined) {
      found.push(...checked.diagnostics);
      unchecked.add(file.id);
      continue;
    }
    const entry = { ...file, data: checked.value } as Entry;
    found.push(...stateDiagnostics(entry));
    entries.push(entry);
  }

  let register: Register | undefined;
  if (config) {
    register = buildRegister(input.root, config, prefixes, entries, unchecked);
    found.push(...configDiagnostics(register));
    const ctx: RuleContext = { asOf: options.asOf };
    found.push(...ruleDiagnostics(register, ctx));
    if (options.compliance !== false) {
      const severity: Severity = options.strict ? 'error' : 'warning';
      found.push(...runRules(COMPLIANCE, register, ctx).map((f) => ({ ...f, severity })));
    }
  }

  const diagnostics = listed(input.diagnostics, found, sources)
    // Messages quote what files hold, and names are what people chose; a terminal must show
    // them, not act on them.
    .map((d) => ({ ...d, file: visible(d.file), message: visible(d.message), hint: visible(d.hint) }))
    .sort(compareDiagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    diagnostics,
    errors,
    warnings: diagnostics.length - errors,
    records: input.scanned,
    ...(register ? { register } : {}),
  };
}

/**
 * The problems of each file, capped: the first found (syntax, then schema, then rules, then
 * compliance, as each layer reports them) and one more diagnostic counting the rest. Only the
 * problems listed are placed, so a file of thousands of mistakes costs no more than a few lookups.
 */
function listed(
  read: readonly Diagnostic[],
  found: readonly FieldDiagnostic[],
  sources: ReadonlyMap<string, SourceMap>,
): Diagnostic[] {
  const byFile = new Map<string, { read: Diagnostic[]; found: FieldDiagnostic[] }>();
  const of = (file: string) => {
    let problems = byFile.get(file);
    if (!problems) byFile.set(file, (problems = { read: [], found: [] }));
    return problems;
  };
  for (const d of read) of(d.file).read.push(d);
  for (const f of found) of(f.file).found.push(f);
  const out: Diagnostic[] = [];
  for (const [file, problems] of byFile) {
    const shown = problems.read.slice(0, MAX_PROBLEMS_PER_FILE);
    const room = MAX_PROBLEMS_PER_FILE - shown.length;
    out.push(...shown, ...problems.found.slice(0, room).map((f) => place(f, sources.get(file))));
    const unlisted = [...problems.read.slice(shown.length), ...problems.found.slice(room)];
    if (unlisted.length > 0) out.push(moreProblems(file, unlisted));
  }
  return out;
}

function place(f: FieldDiagnostic, source: SourceMap | undefined): Diagnostic {
  const { line, column } = source?.locate(f.path, f.atKey) ?? START;
  // A clause id read as a number is quoted as it was written: 9.10, which YAML read as 9.1.
  const written = f.rule === SCHEMA_REQUIREMENT_NUMBER ? source?.written?.(f.path) : undefined;
  const hint = written === undefined ? f.hint : quoteHint(written);
  return { severity: f.severity, rule: f.rule, file: f.file, line, column, message: f.message, hint };
}

/** The record's state has every field the transitions into it required. */
function stateDiagnostics(entry: Entry): FieldDiagnostic[] {
  const { kind, data } = entry;
  const needed = stateRequirements(kind).get(data.status) ?? new Set<string>();
  const out: FieldDiagnostic[] = [];
  for (const path of needed) {
    const segments = path.split('.');
    if (valuesAt(data, segments).length > 0) continue;
    const step = transitionRequiring(kind, path);
    const about = describeAt(kind.shape, segments);
    out.push({
      severity: 'error',
      rule: LIFECYCLE_MISSING,
      file: entry.file,
      path: segments.slice(0, -1),
      message: `${data.id} is ${data.status}, which requires ${path}${about ? ` (${about})` : ''}`,
      hint: !step
        ? `add ${path}`
        : step.from.includes(data.status)
          ? `the "${step.verb}" step records it: \`cim ${kind.name} ${step.verb} ${data.id}\`, or add ${path} by hand`
          : `the "${step.verb}" step records it, and ${data.id} has gone past that step without it: add ${path} by hand, as it was done`,
    });
  }
  return out;
}

const configRefs = refFields(configSchema);

function configDiagnostics(register: Register): FieldDiagnostic[] {
  // Prefixes two kinds share are refused by cim.yaml's schema, so no command writes with them.
  const out = checkReferences(register, CONFIG_FILE, register.config, configRefs);
  for (const list of ['people', 'areas'] as const) {
    const seen = new Set<string>();
    register.config[list].forEach((item, i) => {
      if (seen.has(item.id)) {
        out.push({
          severity: 'error',
          rule: CONFIG_DUPLICATE_ID,
          file: CONFIG_FILE,
          path: [list, i, 'id'],
          message: `${list} id "${item.id}" is declared twice`,
          hint: 'give each entry its own id',
        });
      }
      seen.add(item.id);
    });
  }
  return out;
}

const ruled = new WeakMap<Register, { readonly asOf: string; readonly diagnostics: readonly FieldDiagnostic[] }>();

/**
 * What the register rules find in a register, worked out once per register and date: a change
 * compares the register's errors before and after it, and the before is what opening it found.
 */
export function ruleDiagnostics(register: Register, ctx: RuleContext): readonly FieldDiagnostic[] {
  const known = ruled.get(register);
  if (known?.asOf === ctx.asOf) return known.diagnostics;
  const diagnostics = runRules(RULES, register, ctx);
  ruled.set(register, { asOf: ctx.asOf, diagnostics });
  return diagnostics;
}

/** A rule that throws is a bug in cim; report it in place of the rule's diagnostics and go on. */
function runRules(rules: readonly Rule[], register: Register, ctx: RuleContext): FieldDiagnostic[] {
  return rules.flatMap((rule) => {
    try {
      return rule(register, ctx);
    } catch (e) {
      return [
        {
          severity: 'error' as const,
          rule: INTERNAL_RULE,
          file: CONFIG_FILE,
          path: [],
          message: `rule ${rule.name || 'unnamed'} failed: ${e instanceof Error ? e.message : String(e)}`,
          hint: 'this is a bug in cim; please report it with the record that triggers it',
        },
      ];
    }
  });
}
