// How commands talk to the terminal: data on stdout, chatter on stderr, JSON when asked, colour
// only where it helps.
import { relative, resolve, sep } from 'node:path';
import type { ChalkInstance } from 'chalk';
import type { Context } from '../context.js';
import { makeColor } from './color.js';
import { shown } from './terminal.js';

export interface GlobalFlags {
  readonly C?: string;
  readonly json?: boolean;
  readonly input: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
}

export interface Printer {
  readonly ctx: Context;
  readonly global: GlobalFlags;
  /** Options every register command takes. */
  readonly where: { readonly dir?: string };
  readonly color: ChalkInstance;
  out(text: string): void;
  info(text: string): void;
  /** JSON of `data` with --json, else the text `render` returns. */
  result(data: unknown, render: () => string): void;
  /** Shows a register-relative path relative to where the user stands. */
  display(root: string): (file: string) => string;
}

export function makePrinter(global: GlobalFlags, ctx: Context): Printer {
  const json = global.json ?? false;
  const color = makeColor({ enabled: global.color && !json, env: ctx.env, isTTY: process.stdout.isTTY === true });
  const keepColour = color.level > 0;
  const out = (text: string) => {
    if (text) process.stdout.write(shown(text.endsWith('\n') ? text : `${text}\n`, keepColour));
  };
  return {
    ctx,
    global,
    where: global.C === undefined ? {} : { dir: global.C },
    color,
    out,
    info: (text) => {
      if (!global.quiet) process.stderr.write(shown(`${text}\n`, keepColour));
    },
    result: (data, render) => (json ? out(`${JSON.stringify(data, null, 2)}\n`) : out(render())),
    display: (root) => (file) => {
      const rel = relative(ctx.cwd, resolve(root, file));
      return sep === '/' ? rel : rel.split(sep).join('/');
    },
  };
}
