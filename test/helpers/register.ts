// Temporary registers for tests: a valid cim.yaml plus whatever records a test gives, on disk,
// loaded and validated exactly as the CLI does.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { tempFolder } from './temp.js';
import { validate, type ValidateOptions, type ValidationResult } from '../../src/domain/validate/index.js';
import { loadRegister } from '../../src/io/register.js';

export const BASE_CONFIG = {
  organisation: 'Test Co',
  started_on: '2025-01-01',
  policy: {
    owner: 'alice',
    approver: 'carol',
    version: '1.0',
    reviewed_on: '2026-01-15',
    history: [
      {
        version: '1.0',
        date: '2026-01-15',
        author: 'alice',
        changes: 'First issue',
        approved_by: 'carol',
        approved_on: '2026-01-15',
      },
    ],
  },
  people: [
    { id: 'alice', name: 'Alice Example', roles: ['isms-manager', 'mrt-member'], areas: ['it'] },
    { id: 'bob', name: 'Bob Example', roles: ['internal-auditor'], areas: ['hr'] },
    { id: 'carol', name: 'Carol Example', roles: ['top-management', 'mrt-member'], areas: [] },
  ],
  areas: [
    { id: 'it', name: 'IT', owner: 'alice' },
    { id: 'hr', name: 'HR', owner: 'bob' },
  ],
};

/** Writes files (path → text, or data to be written as YAML) under a new temporary folder. */
export async function writeTree(files: Record<string, unknown>): Promise<string> {
  const root = await tempFolder();
  for (const [file, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(
      join(root, file),
      typeof content === 'string' || content instanceof Uint8Array ? content : stringify(content),
    );
  }
  return root;
}

/** A register with the base config (or `cim.yaml` given in files) and the given records. */
export async function tempRegister(files: Record<string, unknown> = {}): Promise<string> {
  return writeTree({ 'cim.yaml': BASE_CONFIG, ...files });
}

export async function check(
  files: Record<string, unknown>,
  options: Partial<ValidateOptions> = {},
): Promise<ValidationResult> {
  const root = await tempRegister(files);
  return validate(await loadRegister(root, process.env), { asOf: '2026-06-30', ...options });
}

/** Rule ids of the diagnostics, for compact assertions. */
export function rules(result: ValidationResult, severity?: 'error' | 'warning'): string[] {
  return result.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => d.rule);
}
