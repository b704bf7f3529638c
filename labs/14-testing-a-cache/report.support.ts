// Lab 14: the learner's check results as a learner reads them. Not a suite.
import type { CheckOutcome } from './grading.support.js';

/** One line per check, ✓ or ✗, with the start of each failure under its name. */
export function listOutcomes(outcomes: CheckOutcome[]): string {
  if (outcomes.length === 0) return '  (checks.ts exports no checks)';
  return outcomes
    .map((o) => {
      if (o.failure === undefined) return `  ✓ ${o.name}`;
      const note = o.failsOnWorkingToo
        ? '\n    (it failed on the working cache too: that says nothing about this cache)'
        : o.notReproduced
          ? '\n    (it passed in another run on this cache: a failure that does not repeat every time is luck, not a catch)'
          : '';
      return `  ✗ ${o.name}\n    ${o.failure}${note}`;
    })
    .join('\n');
}

export const failedOf = (outcomes: CheckOutcome[]) => outcomes.filter((o) => o.failure !== undefined);

/** The checks that failed on a broken cache every time and passed on the working one: the ones that caught it. */
export const catchingOf = (outcomes: CheckOutcome[]) => outcomes.filter((o) => o.caught);
