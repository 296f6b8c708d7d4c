import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    pool: 'forks',
    // Most tests wait on the processes they start (cim, git), so a worker per core, and at least
    // two, keeps the machine busy where vitest's default (one fewer) leaves a two-core one half
    // idle: the end-to-end tests of a two-core machine run in about half the time.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        // The unit tests call cim's modules and nothing else, so the files of a worker share them
        // instead of loading them afresh for each file: half the time, most of it spent importing.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        test: { name: 'processes', include: ['test/**/*.test.ts'], exclude: ['test/unit/**'] },
      },
    ],
  },
});
