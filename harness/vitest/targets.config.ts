import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';
import { planTargets, readPlan } from './verify-plan.js';
import LongestFirst from './verify-sequencer.js';

/**
 * verify's vitest config: every lab's suite against many targets in one process, with test
 * isolation off (see verify-plan.ts). Set by verify through the environment:
 *   COURSE_VERIFY_PLAN      a JSON VerifyPlan written by writePlan()
 *   COURSE_VERIFY_WORKERS   how many test files run at once
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const plan = readPlan();

export default defineConfig({
  root,
  plugins: [planTargets(root, plan)],
  test: {
    ...base.test,
    include: Object.keys(plan.wrappers),
    isolate: false,
    // Workers as threads, not processes: the labs alone in 151 s rather than 158 s, with
    // less of the CPU spent sending results from process to process.
    pool: 'threads',
    runner: './harness/vitest/verify-runner.ts',
    sequence: { sequencer: LongestFirst },
    // verify runs dozens of targets at once on a shared machine: more room than a learner's run.
    testTimeout: 15_000,
    maxWorkers: Number(process.env.COURSE_VERIFY_WORKERS ?? 3),
  },
});
