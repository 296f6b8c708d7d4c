// The last commit this process made. A command whose result cannot be printed once its change is
// committed (a full disk behind `>`) says that the change was made, so a script that would run it
// again, and make it twice, is told not to.
let last: string | undefined;

/** Notes a commit cim has just made. */
export function noteCommit(sha: string): void {
  last = sha;
}

/** The last commit this process made, or undefined when it made none. */
export function lastCommit(): string | undefined {
  return last;
}
