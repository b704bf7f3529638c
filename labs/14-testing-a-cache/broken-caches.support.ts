// Lab 14: the broken copies of the cache the learner's checks must catch, and the grading
// check that runs them. Each copy has one bug a reviewer would reject; at least one check
// must fail on it. The copies live with the solution (solutions/14-testing-a-cache/broken/)
// and are loaded only at run time: a failure names the bug in words, and finding it is the
// learner's work. Split in three files by what the bug breaks: reads, updates, and a
// stalled Redis, whose grading checks wait out the learner's bound on a hang.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Lab } from '../../harness/lab/use-lab.js';
import { importAlone, leaveChecksAssertions, loadChecks, useGrader, type CacheFactory } from './grading.support.js';
import { catchingOf, listOutcomes } from './report.support.js';
import { createProductCache } from './src/product-cache.js';

/**
 * What a bug breaks, one test file each (broken-<group>.test.ts): what getProduct leaves in
 * Redis, returns and remembers; what updatePrice leaves behind; and either call on a
 * stalled Redis. A cache that hangs keeps its grading check waiting out the learner's bound
 * (a second in the reference) with its repeats, each on a database of the file's: beside
 * the other reads, the one hanging read kept the file's four databases for that second
 * while a dozen checks queued for them (npm run watch 14: 2.3 s for that file).
 */
export type BrokenGroup = 'reads' | 'writes' | 'stalls';

interface BrokenCache {
  /** The file that grades it. */
  group: BrokenGroup;
  /** The check, named for the bug. */
  title: string;
  /** Its file under solutions/14-testing-a-cache/broken/. */
  file: string;
  /** What a check must do to see it. */
  look: string;
  /** Where lesson 14 teaches it. */
  section: string;
}

const HOLDS = 'Look at what Redis holds';
const HIT = 'Compare a hit with a miss';
const FAIL = 'Make things fail';
const WRITES = 'Writes, races and other processes';

const BROKEN: BrokenCache[] = [
  { group: 'reads', title: '14.4 your checks catch a cache that writes products without a TTL', file: 'products-never-expire', look: 'read a product, then read the PTTL of the key it left under the prefix', section: HOLDS },
  { group: 'reads', title: '14.5 your checks catch a cache whose product TTL is 3.6 seconds, not an hour (PX for EX)', file: 'product-ttl-in-milliseconds', look: 'bound the TTL both ways: more than a few minutes below an hour is wrong too', section: HOLDS },
  { group: 'reads', title: '14.6 your checks catch a cache that writes its keys outside the prefix it was given', file: 'keys-outside-prefix', look: 'after a read, expect exactly one key under the prefix: a check of "every key under the prefix" passes when there are none', section: HOLDS },
  { group: 'reads', title: '14.7 your checks catch a cache whose hits renew the TTL (a sliding expiry)', file: 'hit-renews-ttl', look: 'shorten the cached key\'s TTL yourself (PEXPIRE), read again, and see that the hit left it alone', section: HOLDS },
  { group: 'reads', title: '14.8 your checks catch a cache whose hits return updatedAt as text, not a Date', file: 'hit-returns-text-dates', look: 'compare the whole product of a hit with the miss\'s (toEqual tells a Date from its ISO text)', section: HIT },
  { group: 'reads', title: '14.9 your checks catch a cache that never remembers a missing product', file: 'missing-never-cached', look: 'look up an id with no row twice and count the SELECTs Postgres received', section: HIT },
  { group: 'reads', title: '14.10 your checks catch a cache that remembers a missing product for ever', file: 'missing-cached-forever', look: 'read the PTTL of the "not found" entry, and bound it both ways', section: HOLDS },
  { group: 'reads', title: '14.11 your checks catch a cache that caches a database error as "not found"', file: 'caches-database-error', look: 'make the SELECT fail (db.failQueries): the read must reject, and the read after recovery must return the row', section: FAIL },
  { group: 'stalls', title: '14.12 your checks catch a cache that waits for a stalled Redis as long as it takes', file: 'no-redis-timeout', look: 'hand makeCache a stalledRedis() with a small redisTimeoutMs, and bound the read with within()', section: FAIL },
  { group: 'stalls', title: '14.13 your checks catch a cache whose updatePrice hangs on a stalled Redis', file: 'no-timeout-on-invalidation', look: 'call updatePrice, not only getProduct, on a cache whose Redis is stalled', section: FAIL },
  { group: 'writes', title: '14.14 your checks catch a cache that forgets the cached copy when a price changes', file: 'stale-after-update', look: 'read a product, update its price, and read it again: the return value of updatePrice proves nothing about the cache', section: WRITES },
  { group: 'writes', title: '14.15 your checks catch a cache that keeps products in process memory', file: 'products-kept-in-memory', look: 'use two caches (two processes): update through one, read through the other', section: WRITES },
  { group: 'writes', title: '14.16 your checks catch a cache whose updatePrice clears every product', file: 'update-clears-every-product', look: 'cache two products, update one, and count the SELECTs when you read the other', section: WRITES },
  { group: 'writes', title: '14.17 your checks catch a cache that deletes the cached copy before the UPDATE', file: 'invalidates-before-update', look: 'hold the UPDATE (db.holdQueries), read the product meanwhile, release it, and read again', section: WRITES },
  { group: 'reads', title: '14.18 your checks catch a cache that remembers a missing product for an hour', file: 'missing-cached-for-an-hour', look: 'bound the "not found" entry\'s PTTL from above too: a minute, not the product\'s hour', section: HOLDS },
  { group: 'reads', title: '14.19 your checks catch a cache whose products all share one key', file: 'one-key-for-every-product', look: 'read two different products and compare each with its own row', section: HIT },
  { group: 'reads', title: '14.20 your checks catch a cache that keeps products for a minute, not an hour', file: 'product-ttl-of-a-minute', look: 'bound a product\'s PTTL from below near the hour: "some seconds" lets a minute through', section: HOLDS },
  { group: 'reads', title: '14.21 your checks catch a cache that remembers a missing product for 60 ms (PX for EX)', file: 'missing-ttl-in-milliseconds', look: 'bound the "not found" entry\'s PTTL from below too, near the minute, and count the SELECTs of a second lookup', section: HOLDS },
  { group: 'reads', title: '14.22 your checks catch a cache whose failing SELECT rejects and still caches "not found"', file: 'database-error-marks-missing', look: 'after the rejection, restore the database and read the product again: it must come back, not null', section: FAIL },
  { group: 'stalls', title: '14.23 your checks catch a cache whose updatePrice rejects on a stalled Redis after committing', file: 'update-rejects-on-stalled-redis', look: 'on a stalled Redis, expect updatePrice to resolve with the new price, not merely to settle', section: FAIL },
];

/** Loaded at run time from the solution's folder: the suite never shows a broken cache's code. */
async function load(file: string): Promise<CacheFactory> {
  const path = fileURLToPath(new URL(`../../solutions/14-testing-a-cache/broken/${file}.ts`, import.meta.url));
  return ((await importAlone(() => import(path))) as { createProductCache: CacheFactory }).createProductCache;
}

/** What each group's file says its caches break. */
const BREAKS: Record<BrokenGroup, string> = {
  reads: 'getProduct',
  writes: 'updatePrice',
  stalls: 'getProduct or updatePrice on a stalled Redis',
};

/**
 * Runs at once in a group's file, where the default (SIDE_BY_SIDE in grading.support.ts)
 * is not enough: the two caches that hang keep four databases each for a second (the run
 * on the broken cache, its two repeats, the run on the working cache), waiting on a timer
 * rather than on the CPU; the file's third check is done before they start waiting.
 */
const SIDE_BY_SIDE_IN: Partial<Record<BrokenGroup, number>> = { stalls: 8 };

/** The grading checks for the broken caches of `group`. */
export function gradeBrokenCaches(lab: Lab, group: BrokenGroup): void {
  const grader = useGrader(lab, { sideBySide: SIDE_BY_SIDE_IN[group] });
  // Side by side: each run has its own keys, rows and counts, and a cache that hangs keeps no other waiting.
  describe.concurrent(`lab 14: your checks on caches broken in ${BREAKS[group]}`, () => {
    for (const broken of BROKEN.filter((entry) => entry.group === group)) {
      it(broken.title, { timeout: 20_000 }, async ({ task }) => {
        const checks = await loadChecks();
        const outcomes = await grader
          .run(checks, await load(broken.file), { untilCaughtAgainst: createProductCache })
          .finally(() => leaveChecksAssertions(task));
        const bug = broken.title.replace(/^\d+\.\d+ your checks catch /, '');
        expect(
          catchingOf(outcomes).length > 0,
          `None of your checks failed on ${bug} while passing on the working cache:\n${listOutcomes(outcomes)}\n` +
            `Expected at least one check to fail on it, as it would on that bug in review. To see it, ${broken.look} ` +
            `(lesson 14, "${broken.section}").`,
        ).toBe(true);
      });
    }
  });
}
