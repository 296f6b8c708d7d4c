import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

/** A function from register-relative paths to paths relative to the enclosing git work tree, as
 * CI annotations need. Outside git, paths stay register-relative. */
export async function repoRelative(root: string): Promise<(file: string) => string> {
  let top: string | undefined;
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (
      await stat(join(dir, '.git')).then(
        () => true,
        () => false,
      )
    ) {
      top = dir;
      break;
    }
    if (dirname(dir) === dir) break;
  }
  const base = top ?? root;
  return (file) => relative(base, join(root, file)).split(sep).join('/');
}
