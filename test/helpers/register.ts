// Temporary registers for tests: a valid cim.yaml plus whatever records a test gives, on disk,
// loaded and validated exactly as the CLI does.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { stringify } from 'yaml';
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

const roots: string[] = [];
// A file that made hundreds of registers (the hostile corpus) removes them all here: on a loaded
// machine that takes longer than the default ten seconds a hook is given.
afterAll(async () => {
  await Promise.all(roots.splice(0).map((r) => rm(r, { recursive: true, force: true })));
}, 120_000);

/** Writes files (path → text, or data to be written as YAML) under a new temporary folder. */
export async function writeTree(files: Record<string, unknown>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'cim-test-'));
  roots.push(root);
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
