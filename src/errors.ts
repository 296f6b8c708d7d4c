// Errors the user can act on carry a hint naming the fix; anything else is a bug.

export enum ExitCode {
  Ok = 0,
  /** The register is invalid (validation found errors). */
  Invalid = 1,
  /** Bad arguments, or an environment cim cannot work in (no register, no git identity…). */
  Usage = 2,
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
