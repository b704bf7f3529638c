// Lab 11 checks, part 3b: the lock a call holds, when the call fails, outlives its lock or
// finishes. Run: npm test labs/11-caching-llm-responses
// Beside single-flight.test.ts, so the two halves of single flight run at once.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, SETTLE_MS, ask, expectCalls, flightIdea, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

describe('single flight: the lock, when the call fails or ends', () => {
  it('11.14 a call that fails frees the others at once: the waiting process calls the model itself, long before lockWaitMs', async () => {
    const { server, cache, processes, answerKeys } = await setUp(lab);
    const [a, b] = await processes(2);
    const long = { lockTtlMs: 60_000, lockWaitMs: 60_000 };
    const [onA, onB] = [await cache(long, a), await cache(long, b)];
    server.when((_, n) => (n === 1 ? { error: 503 } : undefined));
    const held = server.hold();
    const request = ask('Do you lend e-readers?');
    const failing = onA.complete('acme', request).then(() => 'answered', () => 'failed');
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    const waiting = onB.complete('acme', request);
    await sleep(SETTLE_MS);
    held.release();
    expect(await failing, 'A\'s call got a 503: A\'s caller sees the error.').toBe('failed');
    const idea = `When the holder's call fails, release the lock (in a finally) so the others stop waiting: one of them calls the model at once. An error is not an answer, so nobody is handed it from the cache (${LESSON}, "Never cache a failure").`;
    const answer = await expectSettlesWithin(waiting, LIVENESS_MS, 'B\'s request after A\'s call failed (lockWaitMs and lockTtlMs 60 s)', idea);
    expect(answer.choices[0]?.finish_reason, `B got ${textOf(answer)}.\n${idea}`).toBe('stop');
    expectCalls(server, 2, 'A\'s failed call, then B', idea);
    expect((await answerKeys()).length, `B's answer should be cached.\n${idea}`).toBe(1);

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

  it('11.19 a holder whose lock expired cannot release the next holder\'s lock: only the owner deletes it', async () => {
    const { server, cache, processes, cacheKeys } = await setUp(lab);
    const [a, b, c] = await processes(3);
    server.when((_, n) => (n === 1 ? { error: 503 } : undefined));
    const request = ask('Is the Larchfield cafe open on holidays?');
    const heldA = server.hold();
    const failing = (await cache({ lockTtlMs: 200 }, a)).complete('acme', request).catch(() => 'failed');
    await expectSettlesWithin(heldA.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    while ((await cacheKeys()).length > 0) await sleep(20); // A's lock expires; its call goes on
    const heldB = server.hold();
    const second = (await cache({ lockTtlMs: 60_000 }, b)).complete('acme', request);
    await expectSettlesWithin(heldB.reached, LIVENESS_MS, 'B\'s call to the model', flightIdea);
    heldA.release();
    expect(await failing, 'A\'s call got a 503.').toBe('failed');
    const third = (await cache({ lockWaitMs: 60_000 }, c)).complete('acme', request);
    await sleep(SETTLE_MS);
    const idea = `A's lock had expired and B held the lock when A's call failed. A's release must leave B's lock alone: compare the token and delete in one script (if GET == token then DEL), so C waits for B's call instead of paying for a third (${LESSON}; lesson 04, "A lock with an owner").`;
    expectCalls(server, 2, 'A (expired, then failed), B holding the lock, then C', idea);
    heldB.release();
    const answers = await expectSettlesWithin(Promise.all([second, third]), LIVENESS_MS, 'B\'s and C\'s requests', idea);
    expect(answers[1], `C got ${textOf(answers[1])}; expected B's answer.\n${idea}`).toEqual(answers[0]);
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
