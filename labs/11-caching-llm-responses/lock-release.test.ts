// Lab 11 checks, part 3c: when the holder lets go of its lock: at once when its call fails,
// and only once its answer is stored. Run: npm test labs/11-caching-llm-responses
// (Only the owner deletes a lock: lock-ownership.test.ts, beside this file.)
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, LOCK_TTL_IDEA, SETTLE_MS, ask, expectCalls, flightIdea, lockWindow, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

describe('single flight: the lock, when the call fails or ends', () => {
  it('11.14 a call that fails frees the others at once: one waiting process calls the model, long before lockWaitMs, and the rest wait for its answer', async () => {
    const { server, cache, processes, answerKeys, cacheKeys } = await setUp(lab);
    const [a, b, c] = await processes(3);
    const long = { lockTtlMs: 61_337, lockWaitMs: 60_000 };
    const [onA, onB, onC] = [await cache(long, a), await cache(long, b), await cache(long, c)];
    server.when((_, n) => (n === 1 ? { error: 503 } : undefined));
    const held = server.hold();
    const request = ask('Do you lend e-readers?');
    const failing = onA.complete('acme', request).then(() => 'answered', () => 'failed');
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    const waiting = [onB.complete('acme', request), onC.complete('acme', request)] as const;
    await sleep(SETTLE_MS);
    const takenOver = server.hold(); // the call of the waiter that takes over runs until the others have had time to pay too
    const freed = performance.now(); // A's lock is held until its call has failed, so the next is taken after this
    held.release();
    expect(await failing, 'A\'s call got a 503: A\'s caller sees the error.').toBe('failed');
    const idea = `When the holder's call fails, release the lock (in a finally) so the others stop waiting: one of them takes the lock and calls the model at once, and the rest wait for its answer, as they waited for the first holder's. An error is not an answer, so nobody is handed it from the cache (${LESSON}, "Never cache a failure").`;
    await expectSettlesWithin(takenOver.reached, LIVENESS_MS, 'a call from B or C after A\'s call failed (lockWaitMs 60 s, lockTtlMs 61 337 ms)', idea);
    const retaken = await lockWindow(cacheKeys, long.lockTtlMs, freed, performance.now());
    expect(retaken.keys.length, `While the call of the waiter that took over ran, Redis held no lock: the third process could not know a call was under way.\n${idea}`).toBeGreaterThan(0);
    expect(retaken.wrong, `While the call of the waiter that took over ran, Redis held ${JSON.stringify(retaken.wrong)}; with lockTtlMs ${long.lockTtlMs}, expected each key's PTTL between ${retaken.least} and ${retaken.most}: a lock taken on a later try is a lock like the first, SET with lockTtlMs, not a number of its own. ${LOCK_TTL_IDEA}`).toEqual([]);
    await sleep(SETTLE_MS);
    expectCalls(server, 2, 'A\'s call failed while B and C waited; then one of them called, and its call was still running', idea);
    takenOver.release();
    const [onBAnswer, onCAnswer] = await expectSettlesWithin(Promise.all(waiting), LIVENESS_MS, 'B\'s and C\'s requests after A\'s call failed', idea);
    expect(onBAnswer.choices[0]?.finish_reason, `B got ${textOf(onBAnswer)}.\n${idea}`).toBe('stop');
    expect(onCAnswer, `C got ${textOf(onCAnswer)} and B ${textOf(onBAnswer)}; expected the one answer of the call made after A's failed.\n${idea}`).toEqual(onBAnswer);
    expect((await answerKeys()).length, `B's and C's answer should be cached.\n${idea}`).toBe(1);

    const burst = ask('Do you lend laptops?');
    server.when((r, n) => (r.messages.at(-1)?.content === burst.messages.at(-1)?.content && n === 3 ? { error: 503 } : undefined));
    const heldAgain = server.hold();
    const twenty = Promise.all(Array.from({ length: 20 }, () => onA.complete('acme', burst).then((c) => c.choices[0]?.finish_reason, (e: { status?: number }) => e.status)));
    await expectSettlesWithin(heldAgain.reached, LIVENESS_MS, 'the first of twenty requests in one process', idea);
    await sleep(SETTLE_MS);
    heldAgain.release();
    const outcomes = await expectSettlesWithin(twenty, LIVENESS_MS, 'twenty requests in one process whose shared call failed', idea);
    const odd = outcomes.filter((o) => o !== 'stop' && o !== 503);
    expect(odd, `Twenty requests in one process joined a call that failed with 503; some got ${JSON.stringify(odd)}. Each gets that error or an answer.\n${idea}`).toEqual([]);
    const calls = server.calls.length - 2;
    expect(calls, `Twenty requests in one process joined a call that failed; then ${calls} call(s) were made in all. The others either share the failure or one of them calls again for all of them: never one call each (the stampede single flight exists to stop).\n${idea}`).toBeLessThanOrEqual(2);
  });


  it('11.20 the holder stores its answer before it lets go of the lock: a waiter never finds neither', async () => {
    const { server, cache, processes } = await setUp(lab);
    const [a, b] = await processes(2);
    const aRedis = lab.redis.client();
    await aRedis.ping();
    const request = ask('Where is the Larchfield local history room?');
    const held = server.hold();
    const first = (await cache({ redis: aRedis }, a)).complete('acme', request);
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    const second = (await cache({}, b)).complete('acme', request);
    await sleep(SETTLE_MS); // B is waiting for A now
    // Once A's call has returned, each of A's Redis commands after its first one is slow.
    let sent = 0;
    wrapCommands(aRedis, (command, go) => {
      if (++sent === 1) return go(command);
      void sleep(SETTLE_MS).then(() => go(command));
      return command.promise;
    });
    held.release();
    const answers = await expectSettlesWithin(Promise.all([first, second]), LIVENESS_MS, 'A\'s and B\'s requests', flightIdea);
    const idea = `Store the answer, then release the lock. Released first, the lock is free while the answer is not there yet: a waiter takes the lock, reads nothing, and pays for a second call (${LESSON}; lesson 04, "Stampedes").`;
    expectCalls(server, 1, 'A finished its call while B waited; A\'s Redis commands were slow', idea);
    expect(answers[1], `B got ${textOf(answers[1])}; expected A's answer.\n${idea}`).toEqual(answers[0]);
  });
});
