// Printing an HTML page to PDF with the Chromium installed on the system: cim never downloads a
// browser. The page is written to a temporary folder with a profile of its own, printed headless
// (the page's own @page rules give the paper, the margins and the footer, so Chromium's header and
// footer are off), and the folder removed. Chromium stamps the PDF with the time it printed it;
// that stamp is set to the date the document is prepared as of, so the same register and --as-of
// give the same PDF, as far as the same Chromium gives the same bytes.
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.js';

/** The environment variable naming the browser to print with. */
export const CHROMIUM_VARIABLE = 'CIM_CHROMIUM';

/** The names a Chromium goes by on PATH, in the order they are tried. */
export const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome'] as const;

/** Longer than printing any document cim makes takes. */
const PRINT_TIMEOUT_MS = 120_000;

type Env = Readonly<Record<string, string | undefined>>;

const INSTALL_HINT = `install Chromium (\`apt-get install chromium\`, or \`brew install --cask chromium\`), or set ${CHROMIUM_VARIABLE} to the path of a Chromium or Chrome`;

/** The browser to print with: the one CIM_CHROMIUM names, else the first of CHROMIUM_NAMES on PATH. */
export async function findChromium(env: Env): Promise<string> {
  const named = env[CHROMIUM_VARIABLE];
  if (named) {
    const found = isAbsolute(named) || named.includes('/') ? named : await onPath(named, env.PATH);
    if (found !== undefined && (await executable(found))) return found;
    throw new UserError(
      `${CHROMIUM_VARIABLE}=${named} is not a program cim can run`,
      `set ${CHROMIUM_VARIABLE} to the full path of a Chromium or Chrome, or unset it to use one on PATH`,
    );
  }
  for (const name of CHROMIUM_NAMES) {
    const found = await onPath(name, env.PATH);
    if (found !== undefined) return found;
  }
  throw new UserError(
    `--format pdf needs Chromium to print the page, and none was found (looked for ${CHROMIUM_NAMES.join(', ')} on PATH)`,
    INSTALL_HINT,
  );
}

async function onPath(name: string, path: string | undefined): Promise<string | undefined> {
  for (const folder of (path ?? '').split(delimiter)) {
    if (!folder) continue;
    const file = join(folder, name);
    if (await executable(file)) return file;
  }
  return undefined;
}

const executable = (file: string) =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

export interface PrintOptions {
  /** The date the document is prepared as of (YYYY-MM-DD): the PDF's creation date. */
  readonly asOf: string;
  readonly env: Env;
}

/** Prints a standalone HTML page to PDF and returns the PDF. */
export async function printPdf(html: string, opts: PrintOptions): Promise<Uint8Array> {
  const browser = await findChromium(opts.env);
  const folder = await mkdtemp(join(tmpdir(), 'cim-print-'));
  try {
    const page = join(folder, 'document.html');
    const pdf = join(folder, 'document.pdf');
    await writeFile(page, html, 'utf8');
    const stderr = await run(browser, [...chromiumArgs(folder, pdf), pathToFileURL(page).href], opts.env);
    const bytes = await readFile(pdf).catch(() => undefined);
    if (!bytes || !isPdf(bytes))
      throw new UserError(
        `${browser} did not print the PDF${lastLine(stderr) ? `: ${lastLine(stderr)}` : ''}`,
        `check that \`${browser} --headless --print-to-pdf\` works here, or set ${CHROMIUM_VARIABLE} to another Chromium`,
      );
    return reproducible(bytes, opts.asOf);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** What Chromium is run with: headless, in a profile of its own, with nothing but the page. */
export function chromiumArgs(folder: string, pdf: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-pdf-header-footer',
    `--user-data-dir=${join(folder, 'profile')}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-sync',
    `--print-to-pdf=${pdf}`,
  ];
}

/** Runs the browser; resolves with what it said on stderr, or fails with a UserError. */
function run(browser: string, args: readonly string[], env: Env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      browser,
      args,
      // UTC, so the time Chromium stamps has the same form wherever it runs.
      { env: { ...env, TZ: 'UTC' }, timeout: PRINT_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, _stdout, stderr) => {
        if (!error) return resolve(stderr);
        const e = error as NodeJS.ErrnoException & { killed?: boolean };
        const why =
          e.code === 'ENOENT' || e.code === 'EACCES'
            ? `cannot be run (${e.code})`
            : e.killed
              ? `did not finish printing within ${PRINT_TIMEOUT_MS / 1000} seconds`
              : `failed${lastLine(stderr) ? `: ${lastLine(stderr)}` : ''}`;
        reject(new UserError(`${browser} ${why}`, INSTALL_HINT));
      },
    );
  });
}

const lastLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .at(-1) ?? '';

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';

/** The PDF with what changes from one run of Chromium to the next made the same every time. */
export function reproducible(pdf: Uint8Array, asOf: string): Uint8Array {
  return renumberNodes(stampDates(pdf, asOf));
}

/**
 * The PDF with the ids of its structure elements (`/ID (node00000016)`, the page's DOM nodes, for
 * readers that follow the document's structure) numbered from 1 in their order. Chromium numbers
 * them by a counter that may start higher in one run than another; the numbers keep their order
 * and their width, so the structure's sorted tree of ids and every offset in the PDF stay right.
 */
export function renumberNodes(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const ids = [...new Set([...text.matchAll(NODE_ID)].map((m) => m[1]!))].sort();
  const rank = new Map(ids.map((id, i) => [id, String(i + 1).padStart(id.length, '0')]));
  return Buffer.from(
    text.replace(NODE_ID, (m, id: string) => `(node${rank.get(id)!})`),
    'latin1',
  );
}

const NODE_ID = /\(node(\d{8})\)/g;

/**
 * The PDF with its creation and modification times set to midnight of `asOf`. Each is rewritten
 * in place with as many bytes as before, so the offsets the PDF's cross-reference table holds stay
 * right.
 */
export function stampDates(pdf: Uint8Array, asOf: string): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const day = asOf.replaceAll('-', '');
  const stamped = text.replace(
    /\/(CreationDate|ModDate) \(D:(\d{14})/g,
    (_m, key: string) => `/${key} (D:${day}000000`,
  );
  return Buffer.from(stamped, 'latin1');
}
