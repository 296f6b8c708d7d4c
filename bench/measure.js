// Running a command several times and keeping its wall time, CPU time and peak memory. Memory
// comes from GNU time (`/usr/bin/time -f %M`) when it is installed; otherwise Node commands load
// bench/rusage.js, which writes the process's own figures when it exits, and other commands have
// no memory figure.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const GNU_TIME = '/usr/bin/time';
const RUSAGE_HOOK = pathToFileURL(new URL('rusage.js', import.meta.url).pathname).href;

export function hasGnuTime() {
  if (!existsSync(GNU_TIME)) return false;
  return spawnSync(GNU_TIME, ['-f', '%M', 'true'], { encoding: 'utf8' }).status === 0;
}

/**
 * A measurer writing its scratch files into `scratch`. `useGnuTime` false forces the fallback.
 * Returns `once(cmd, args, opts)` → `{ ms, cpuMs, rssKb, code, stdout, stderr }`.
 */
export function measurer(scratch, useGnuTime) {
  const usage = join(scratch, 'rusage');
  const outPath = join(scratch, 'stdout');
  return function once(cmd, args, { cwd, env }) {
    rmSync(usage, { force: true });
    const out = openSync(outPath, 'w');
    let file = cmd;
    let argv = args;
    let childEnv = env;
    if (useGnuTime) {
      file = GNU_TIME;
      argv = ['-f', '%M %U %S', '-o', usage, cmd, ...args];
    } else if (cmd === process.execPath) {
      argv = ['--import', RUSAGE_HOOK, ...args];
      childEnv = { ...env, BENCH_RUSAGE_FILE: usage };
    }
    const start = process.hrtime.bigint();
    const r = spawnSync(file, argv, { cwd, env: childEnv, stdio: ['ignore', out, 'pipe'], maxBuffer: 64 << 20 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    closeSync(out);
    const figures = existsSync(usage) ? readFileSync(usage, 'utf8').trim().split('\n').at(-1).split(' ') : [];
    const [rss, user, sys] = figures.map(Number);
    return {
      ms,
      cpuMs: figures.length === 3 ? (user + sys) * 1000 : undefined,
      rssKb: figures.length ? rss : undefined,
      code: r.status ?? (r.signal ? 128 : 1),
      stdout: readFileSync(outPath, 'utf8'),
      stderr: r.stderr?.toString() ?? '',
    };
  };
}

/**
 * Runs a command until its budget is spent: a first run (discarded as a warm-up when under a
 * second), then up to `maxRuns` more, or fewer (3, or just the first) when it is slow. `before`
 * runs untimed ahead of every run; `ok(result)` tells whether a run did its job.
 */
export function repeat(once, cmd, args, { cwd, env, before, ok, maxRuns, budgetMs }) {
  const results = [];
  const go = () => {
    before?.();
    const r = once(cmd, args, { cwd, env });
    if (!ok(r)) throw Object.assign(new Error('failed'), { result: r });
    return r;
  };
  const first = go();
  const warmUp = first.ms < 1000;
  if (!warmUp) results.push(first);
  const runs = warmUp || first.ms * maxRuns <= budgetMs ? maxRuns : first.ms * 3 <= budgetMs ? 3 : 1;
  while (results.length < Math.min(runs, maxRuns)) results.push(go());
  return {
    runs: results.length,
    ms: median(results.map((r) => r.ms)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    rssKb: results.some((r) => r.rssKb !== undefined) ? Math.max(...results.map((r) => r.rssKb ?? 0)) : undefined,
    first,
  };
}

export function median(values) {
  const known = values.filter((v) => v !== undefined).sort((a, b) => a - b);
  if (known.length === 0) return undefined;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
}
