// What a command may know of the world. Commands receive it instead of reading process globals,
// so tests hand them a folder, an environment and a clock of their own.

export interface Context {
  /** Folder the command works from (the register is found from here). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: Date;
}

export function processContext(): Context {
  return { cwd: process.cwd(), env: process.env, now: new Date() };
}
