import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { labTarget, parseTarget } from './harness/vitest/lab-target.js';
import { warmThreads } from './harness/vitest/warm-threads.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  plugins: [labTarget(root, parseTarget(process.env.LAB_TARGET, root))],
  test: {
    // `npm run watch` keeps its threads from one run to the next (harness/vitest/warm-threads.ts).
    ...(process.env.COURSE_WARM_THREADS ? { pool: warmThreads(root) } : {}),
    include: ['labs/*/*.test.ts', 'harness/**/*.test.ts'],
    globalSetup: ['harness/vitest/global-setup.ts'],
    // Turns an infinite loop in learner code into a failure naming the check (inert unless
    // `npm test` or `npm run watch` set COURSE_WATCHDOG_DIR).
    setupFiles: ['harness/vitest/watchdog.ts'],
    // A check finishes in well under a second; one that waits this long awaits something
    // that never happens, and says so (harness/vitest/timeout-messages.ts). Its own bounds
    // (expectSettlesWithin) sit below this and fail first, with their own message.
    testTimeout: 5_000,
    // A lab's files spend their time waiting on Redis, Postgres and short TTLs, not on the
    // CPU, so they run four at a time even on two cores (vitest's default there is one).
    maxWorkers: Math.max(4, availableParallelism()),
    // Lab 14 grades against its broken caches side by side (describe.concurrent), all at
    // once: a shared set of databases sets the real limit (labs/14-testing-a-cache/grading.support.ts),
    // and a cache that keeps a check waiting for a second starts with the others, not last.
    maxConcurrency: 20,
    hookTimeout: 30_000,
  },
});
