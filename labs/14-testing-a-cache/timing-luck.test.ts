// Lab 14, part 1b: the learner's checks again on the working cache, and again with a slower
// Postgres. A check that passes only sometimes, or only on a fast machine, is a check nobody
// can keep in a shared CI. Its own file: the slow pass takes a second, beside the others.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { createProductCache } from './src/product-cache.js';
import { LAB_OPTIONS, loadChecks, useGrader } from './grading.support.js';
import { failedOf, listOutcomes } from './report.support.js';

const lab = useLab('14', LAB_OPTIONS);
const grader = useGrader(lab);

/** Every statement this much later in the timing run: bounds set far above the answer still hold, lucky ones do not. */
const SLOW_DATABASE_MS = 250;

describe('lab 14: your checks, again and on a slower database', () => {
  it('14.2 they pass again, and with every Postgres statement 250 ms slower: no timing luck', { timeout: 40_000 }, async () => {
    const checks = await loadChecks();
    // Both passes at once, each run with a database of its own; the slow one asks for them first, its runs being the long ones.
    const [slow, again] = await Promise.all([SLOW_DATABASE_MS, 0].map((slowDatabaseMs) => grader.run(checks, createProductCache, { slowDatabaseMs })));
    const passes = [
      { outcomes: again!, when: 'when run again' },
      { outcomes: slow!, when: `with every statement ${SLOW_DATABASE_MS} ms slower` },
    ];
    for (const { outcomes, when } of passes) {
      expect(
        failedOf(outcomes).length,
        `${failedOf(outcomes).length} of your checks failed on the working cache ${when}:\n${listOutcomes(outcomes)}\n` +
          'Expected the same result every time and on a slower machine. Await what you start instead of sleeping for it, and ' +
          'bound a call that could hang far above what it needs (tools.within), never near it (lesson 14, "Time without sleeping").',
      ).toBe(0);
    }
  });
});
