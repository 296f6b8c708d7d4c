// The one place colour is decided: on for a terminal, off for pipes, NO_COLOR or --no-color.
import { Chalk, type ChalkInstance } from 'chalk';

export function makeColor(options: {
  enabled: boolean;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
}): ChalkInstance {
  const { env } = options;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const off = !options.enabled || (env.NO_COLOR !== undefined && env.NO_COLOR !== '');
  const level = off ? 0 : forced || options.isTTY ? 1 : 0;
  return new Chalk({ level });
}
