import type { Reporter, TestCase } from 'vitest/node';

/**
 * Rewords vitest's timeout failure for a learner: "pass a timeout value ... testTimeout"
 * is the wrong advice when their code awaits something that never happens. Listed before
 * the default reporter, so the default prints the new words.
 */
export default class TimeoutMessages implements Reporter {
  onTestCaseResult(test: TestCase): void {
    for (const error of test.result().errors ?? []) {
      const timeout = /^Test timed out in (\d+)ms/.exec(error.message)?.[1];
      if (!timeout) continue;
      const vitestSays = error.message;
      error.message =
        `"${test.name}" did not finish within ${Number(timeout) / 1000} s: the code under test awaited something that never ` +
        'happened. Usual causes: a Redis call on a down or stalled server with no timeout of your own, a lock or flight ' +
        'that is never released, a promise that is never resolved or rejected, a loop that waits for a condition nobody sets.';
      if (error.stack) error.stack = error.stack.replace(vitestSays, error.message);
    }
  }
}
