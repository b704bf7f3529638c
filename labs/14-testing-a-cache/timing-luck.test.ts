// Lab 14, part 1b: the learner's checks again on the working cache, and again with a slower
// Postgres. A check that passes only sometimes, or only on a fast machine, is a check nobody
// can keep in a shared CI. Its own file: the slow run takes seconds, beside the others.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { createProductCache } from './src/product-cache.js';
import { loadChecks, useGrader } from './grading.support.js';
import { failedOf, listOutcomes } from './report.support.js';

const lab = useLab('14');
const grader = useGrader(lab);

/** Every statement this much later in the timing run: bounds set far above the answer still hold, lucky ones do not. */
const SLOW_DATABASE_MS = 250;

describe('lab 14: your checks, again and on a slower database', () => {
  it('14.2 they pass again, and with every Postgres statement 250 ms slower: no timing luck', { timeout: 40_000 }, async () => {
    const checks = await loadChecks();
    for (const slowDatabaseMs of [0, SLOW_DATABASE_MS]) {
      const outcomes = await grader.run(checks, createProductCache, { slowDatabaseMs });
      const when = slowDatabaseMs ? `with every statement ${slowDatabaseMs} ms slower` : 'when run again';
      expect(
        failedOf(outcomes).length,
        `${failedOf(outcomes).length} of your checks failed on the working cache ${when}:\n${listOutcomes(outcomes)}\n` +
          'Expected the same result every time and on a slower machine. Await what you start instead of sleeping for it, and ' +
          'bound a call that could hang far above what it needs (tools.within), never near it (lesson 14, "Time without sleeping").',
      ).toBe(0);
    }
  });
});
