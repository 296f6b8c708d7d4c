// Errors the user can act on carry a hint naming the fix; anything else is a bug.

export enum ExitCode {
  Ok = 0,
  /** The register is invalid (validation found errors). */
  Invalid = 1,
  /** Bad arguments, or an environment cim cannot work in (no register, no git identity…). */
  Usage = 2,
  /**
   * The change was made and committed, but its result could not be printed: neither success (the
   * output is lost) nor a failure a script may retry (it would make the change twice).
   */
  DoneUnprinted = 3,
  /** Stopped by Ctrl+C, as shells report it (128 + SIGINT). */
  Interrupted = 130,
  /** A bug in cim. */
  Internal = 70,
}

export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: ExitCode = ExitCode.Usage,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
