// The manifest of an evidence pack: every file of the pack with its SHA-256 and size, the commit
// the pack was built from and the date it was prepared as of. `cim pack verify` recomputes it; a
// pack whose files differ from it has been changed since cim wrote it. Pure: the command reads and
// hashes the files.

/** The manifest's file name, at the top of the pack. */
export const MANIFEST_FILE = 'manifest.json';

/** What marks a manifest as one cim wrote, and the version of its layout. */
export const PACK_FORMAT = 'cim-evidence-pack/1';

export interface PackFile {
  /** Relative to the pack's top, forward slashes. */
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export interface Manifest {
  readonly format: typeof PACK_FORMAT;
  /** The register's HEAD commit the pack was built from. */
  readonly commit: string;
  readonly as_of: string;
  readonly files: readonly PackFile[];
}

const byPath = (a: PackFile, b: PackFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The manifest as written: files sorted by path, keys in a fixed order, one final newline. */
export function manifestText(commit: string, asOf: string, files: readonly PackFile[]): string {
  const manifest: Manifest = {
    format: PACK_FORMAT,
    commit,
    as_of: asOf,
    files: [...files].sort(byPath).map(({ path, sha256, size }) => ({ path, sha256, size })),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest a text holds, or why it is not one cim wrote. */
export function parseManifest(text: string): Manifest | { readonly problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'is not JSON' };
  }
  if (!isObject(data) || data.format !== PACK_FORMAT) return { problem: `does not say "format": "${PACK_FORMAT}"` };
  if (typeof data.commit !== 'string' || typeof data.as_of !== 'string' || !Array.isArray(data.files))
    return { problem: 'lacks its commit, its as_of date or its list of files' };
  const files: PackFile[] = [];
  for (const f of data.files as unknown[]) {
    if (
      !isObject(f) ||
      typeof f.path !== 'string' ||
      typeof f.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(f.sha256) ||
      typeof f.size !== 'number'
    )
      return { problem: 'lists a file without its path, SHA-256 or size' };
    files.push({ path: f.path, sha256: f.sha256, size: f.size });
  }
  return { format: PACK_FORMAT, commit: data.commit, as_of: data.as_of, files };
}

export interface PackDifferences {
  readonly changed: readonly string[];
  readonly added: readonly string[];
  readonly missing: readonly string[];
}

/** The files found that differ from the manifest, each list sorted. */
export function compareFiles(listed: readonly PackFile[], found: readonly PackFile[]): PackDifferences {
  const expected = new Map(listed.map((f) => [f.path, f]));
  const actual = new Map(found.map((f) => [f.path, f]));
  const sorted = (paths: string[]) => paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    changed: sorted(
      [...actual.values()]
        .filter((f) => {
          const e = expected.get(f.path);
          return e !== undefined && (e.sha256 !== f.sha256 || e.size !== f.size);
        })
        .map((f) => f.path),
    ),
    added: sorted([...actual.keys()].filter((p) => !expected.has(p))),
    missing: sorted([...expected.keys()].filter((p) => !actual.has(p))),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
