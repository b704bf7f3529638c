// Lab 11 checks, part 3d: a lock only its owner deletes, whether it expired during the call or
// between the holder's check and its delete. Run: npm test labs/11-caching-llm-responses
// Beside single-flight.test.ts and lock-release.test.ts, so the parts of single flight run at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { interleave, type Interleaving } from '../../harness/lab/interleave.js';
import { recordCommandLines } from '../../harness/lab/lab-redis.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, LOCK_TTL_IDEA, SETTLE_MS, ask, expectCalls, lockWindow, namesCacheKey, setUp, textOf } from './cache.support.js';
import type { ChatCompletion } from './src/contract.js';

const lab = useLab('11', LAB_OPTIONS);

describe('single flight: the lock, when it changes hands', () => {
  it('11.19 a holder whose lock expired cannot release the next holder\'s lock: only the owner deletes it, in one step', async () => {
    // A's lock runs out while its call hangs, or between two of its commands once the call
    // has failed: each on a question and a model server of its own, at once.
    await Promise.all([
      nextHolderSurvives('Is the Larchfield cafe open on holidays?', 'while its call hung'),
      nextHolderSurvives('Is the Larchfield garden open on holidays?', 'while it released it'),
    ]);
  });

});

/**
 * A's call fails (503) after its lock has run out and B has taken the lock for a call of its
 * own, which hangs; then C asks. B's call is the one more a lost lock costs: a third means A's
 * release deleted B's lock. A's lock runs out while A's call hangs, or in the gap after A's
 * first command on a key of its own once the call has failed (between a check and a delete).
 */
async function nextHolderSurvives(question: string, expired: 'while its call hung' | 'while it released it') {
  const idea = `A's lock expired and B took the lock for its own call. A's release must leave B's lock alone: compare the token and delete in one script (if GET == token then DEL), so C waits for B's call instead of paying for a third. A GET, then a DEL, leaves a moment between them for the lock to change hands (${LESSON}; lesson 04, "A lock with an owner").`;
  const { server, cache, processes, cacheKeys } = await setUp(lab);
  const [a, b, c] = await processes(3);
  server.when((_, n) => (n === 1 ? { error: 503 } : undefined));
  const request = ask(question);
  const aRedis = await lab.redis.readyClient();
  const aSent = recordCommandLines(aRedis);
  const heldA = server.hold();
  const lockTtlMs = expired === 'while its call hung' ? 200 : 500;
  const onA = await cache({ lockTtlMs, redis: aRedis }, a);
  const since = performance.now();
  const failing = onA.complete('acme', request).then(() => 'answered', () => 'failed');
  await expectSettlesWithin(heldA.reached, LIVENESS_MS, 'A\'s call to the model', idea);
  // Read at once: a lock of lockTtlMs 200 may be gone by now, never longer than that. Only
  // A's keys: the other half of 11.19 runs beside this one, under the same prefix.
  const aKeys = async () => {
    const named = new Set(aSent.flat());
    return (await cacheKeys()).filter((k) => named.has(k.key));
  };
  const taken = await lockWindow(aKeys, lockTtlMs, since, performance.now());
  expect(taken.wrong, `Right after A took its lock (lockTtlMs ${lockTtlMs}), Redis held ${JSON.stringify(taken.wrong)}; expected each key's PTTL between ${taken.least} and ${taken.most}: lockTtlMs as given, however short, with no floor of a second. ${LOCK_TTL_IDEA}`).toEqual([]);
  const heldB = server.hold();
  let second: Promise<ChatCompletion> | undefined;
  let takingOver: Promise<void> | undefined;
  /** Once no key A named is left (its lock expired), B takes the lock and calls. */
  const takeOver = () =>
    (takingOver ??= (async () => {
      const named = new Set(aSent.flat());
      while ((await cacheKeys()).some((k) => named.has(k.key))) await sleep(20);
      second = (await cache({ lockTtlMs: 60_000 }, b)).complete('acme', request);
      await expectSettlesWithin(heldB.reached, LIVENESS_MS, 'B\'s call to the model', idea);
    })());
  let gap: Interleaving | undefined;
  if (expired === 'while its call hung') await takeOver();
  else {
    gap = interleave(aRedis, async () => {
      if (aSent.at(-1)?.some((arg) => namesCacheKey(lab.redis.prefix, arg))) await takeOver(); // A's last command named its lock (or its answer)
    });
  }
  heldA.release();
  expect(await failing, 'A\'s call got a 503.').toBe('failed');
  gap?.stop();
  await takeOver(); // A's release left no gap (one script): B takes the lock now
  const third = (await cache({ lockWaitMs: 60_000 }, c)).complete('acme', request);
  await sleep(SETTLE_MS);
  expectCalls(server, 2, `A (its lock expired ${expired}, then its call failed), B holding the lock, then C`, idea);
  heldB.release();
  const answers = await expectSettlesWithin(Promise.all([second!, third]), LIVENESS_MS, 'B\'s and C\'s requests', idea);
  expect(answers[1], `C got ${textOf(answers[1])}; expected B's answer.\n${idea}`).toEqual(answers[0]);
}
