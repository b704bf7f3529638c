import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/**
 * `npm run mutate`'s vitest config: the base config with only one lab's suite included
 * (COURSE_MUTATE_LAB). Choosing the files here rather than with Stryker's `testFiles`
 * matters: StrykerJS 9.6 activates a module-level (static) mutant only after the modules
 * have loaded when `testFiles` is set (stryker-js issue #6144), so such mutants, a Lua
 * script's source for one, were reported as surviving checks that kill them.
 *
 * One test at a time, even in a `describe.concurrent`: Stryker's per-test coverage credits
 * a mutant to the test that was running when its code ran, and tests side by side would
 * credit one another's, so a mutant could be tried only against a test that cannot catch it.
 */
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL('../../', import.meta.url)),
  test: { ...base.test, include: [`labs/${process.env.COURSE_MUTATE_LAB}/*.test.ts`], maxConcurrency: 1 },
});
