// Loaded with `node --import` when GNU time is missing: on exit, writes this process's peak memory
// (KB) and CPU seconds, as `time -f '%M %U %S'` would, to $BENCH_RUSAGE_FILE.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
