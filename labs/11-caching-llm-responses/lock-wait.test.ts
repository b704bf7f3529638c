// Lab 11 checks, part 3b: waiting for another process's call. Run: npm test
// labs/11-caching-llm-responses. Two waiters, each behind a call that never returns, wait out
// lockWaitMs of their own: about a second, so this check runs beside the other files.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS, expectSettlesWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, LOCK_TTL_IDEA, answerKeyPattern, ask, expectCalls, flightIdea, lockWindow, namesCacheKey, setUp, textOf } from './cache.support.js';
import { DEFAULT_LOCK_TTL_MS, DEFAULT_TTL_SECONDS } from './src/contract.js';

const lab = useLab('11', LAB_OPTIONS);

/** The README lets a waiter read the cache at most 100 ms apart; a pause this long is a slow pace, not a busy machine. */
const READ_GAP_MS = 600;
/**
 * The pace, counted rather than timed: on a quick Redis a waiter reading every 100 ms or less
 * reads the answer's key at least once per READ_PACE_MS of lockWaitMs, however late its
 * timers run, short of a loop stalled for most of the wait; one reading every 250 ms cannot.
 */
const READ_PACE_MS = 150;
/**
 * The most commands on the cache's keys (reads of the answer, tries for the lock) a waiter may
 * send once lockWaitMs has passed, before its call (README: one more try at most). Counted, not
 * timed: a busy machine that slows every step cannot fail a waiter that stops in time.
 */
const TRIES_AFTER_WAIT = 4;
/** A slow Redis, well within redisTimeoutMs: a waiter that counts its tries instead of the clock goes on trying long after lockWaitMs. */
const SLOW_REDIS_MS = 60;

const gapsOf = (times: number[]) => times.slice(1).map((at, i) => at - times[i]!);

describe('waiting for another process\'s call', () => {
  it('11.13 a request waits for another process\'s call lockWaitMs, no less and not much more, reading the cache as it waits, then pays for its own', async () => {
    const { server, cache, processes, cacheKeys, answerKeys } = await setUp(lab);
    const answerKey = answerKeyPattern(lab.redis.prefix);
    const [a, b, c] = await processes(3);
    // A holds both questions' locks with the default lockTtlMs; its calls never return during this check.
    const onA = await cache({}, a);
    const questions = { B: ask('Is the map room open?'), C: ask('Is the music room open?') };
    const since = performance.now();
    const hanging: Promise<unknown>[] = [];
    const holds: { release(): void }[] = [];
    for (const request of Object.values(questions)) {
      const held = server.hold();
      holds.push(held);
      hanging.push(onA.complete('acme', request).catch(() => undefined));
      await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    }
    const setBy = performance.now();
    const locks = new Set((await cacheKeys()).map((k) => k.key)); // nothing is answered yet
    const lockValues = async () => new Map(await Promise.all([...locks].map(async (key) => [key, (await lab.redis.admin.dumpBuffer(key))?.toString('hex')] as const)));
    const ownLocks = await lockValues();
    const arrivedAt = new Map<string, number>(); // when each question's next call reached the model
    server.when((request) => {
      const text = request.messages.at(-1)?.content ?? '';
      if (!arrivedAt.has(text)) arrivedAt.set(text, performance.now());
      return undefined;
    });
    // B's Redis takes SLOW_REDIS_MS a command (well within redisTimeoutMs, so it is used); C's is quick.
    const waiters = [
      { name: 'B', code: b, lockWaitMs: 500, slowMs: SLOW_REDIS_MS },
      { name: 'C', code: c, lockWaitMs: 900, slowMs: 0 },
    ] as const;
    const waits = waiters.map(async ({ name, code, lockWaitMs, slowMs }) => {
      const tries: { at: number; read: boolean }[] = []; // when the code handed each command on the cache's keys to its connection, and whether it named an answer
      const redis = await lab.redis.readyClient((command, go) => {
        if (command.args.some((arg) => namesCacheKey(lab.redis.prefix, arg))) tries.push({ at: performance.now(), read: command.args.some((arg) => answerKey.test(String(arg))) });
        if (!slowMs) return go(command);
        void sleep(slowMs).then(() => go(command));
        return command.promise;
      });
      const llm = await cache({ lockWaitMs, redis }, code);
      const request = questions[name];
      const startedAt = performance.now();
      const answer = await expectSettlesWithin(
        llm.complete('acme', request),
        LIVENESS_MS,
        `${name}'s request, with lockWaitMs ${lockWaitMs}, while A's call hangs`,
        `Waiting for another process is bounded: after lockWaitMs, call the model yourself. A provider that hangs must not hang every process behind it.\n${flightIdea}`,
      );
      const calledAt = arrivedAt.get(request.messages.at(-1)!.content) ?? Number.NaN;
      const waiting = tries.filter(({ at }) => at > startedAt && at < calledAt).map(({ at }) => at);
      const late = waiting.filter((at) => at >= startedAt + lockWaitMs).length;
      const reads = tries.filter(({ at, read }) => read && at > startedAt && at < startedAt + lockWaitMs).length;
      return { name, lockWaitMs, slowMs, llm, request, answer, waited: calledAt - startedAt, late, reads, gaps: gapsOf([startedAt, ...waiting, calledAt]) };
    });
    // While C waits, after B has given up: A's locks lose time as it passes, whatever the waiters do.
    const all = Promise.all(waits);
    await Promise.race([waits[0], all]); // B has paid (a failure of either is reported here)
    const lock = await lockWindow(async () => (await cacheKeys()).filter((k) => locks.has(k.key)), DEFAULT_LOCK_TTL_MS, since, setBy);
    const kept = await lockValues();
    const taken = [...locks].filter((key) => kept.get(key) !== ownLocks.get(key));
    expect(taken, `A's calls still hung after B had given up waiting and paid, and A's locks ${JSON.stringify(taken)} had been ${taken.some((key) => kept.get(key) === undefined) ? 'deleted' : 'overwritten'}: a waiter that gives up calls the model without the lock, and leaves A's lock alone (its token and its TTL are A's). Taken by force, it frees the question for every other process, or A's release finds someone else's token.\n${flightIdea}`).toEqual([]);
    expect(lock.keys.length, `While A's calls hung Redis held no lock.\n${flightIdea}`).toBeGreaterThan(0);
    expect(lock.wrong, `A's calls hung while B and C waited; Redis held ${JSON.stringify(lock.wrong)}. Without lockTtlMs, expected each lock's PTTL between ${lock.least} and ${lock.most}: the default ${DEFAULT_LOCK_TTL_MS} less the time since A asked, and at least the time since A's calls began. ${LOCK_TTL_IDEA}\n${flightIdea}`).toEqual([]);
    const outcomes = await all;
    expectCalls(server, 4, 'A\'s two hanging calls, then B and C after lockWaitMs', flightIdea);
    for (const { name, lockWaitMs, slowMs, answer, waited, late, reads, gaps } of outcomes) {
      const on = `${name} (lockWaitMs ${lockWaitMs}${slowMs ? `, on a Redis that takes ${slowMs} ms a command` : ''})`;
      expect(answer.choices[0]?.finish_reason, `${on} got ${textOf(answer)}.`).toBe('stop');
      expect(waited, `${on} called the model ${waited.toFixed(0)} ms after it was asked, while A's call hung; expected it to wait lockWaitMs first: an answer may still come.\n${flightIdea}`).toBeGreaterThanOrEqual(lockWaitMs - 2);
      expect(late, `${on} called the model ${waited.toFixed(0)} ms after it was asked, and read the cache or tried the lock ${late} times after lockWaitMs had passed. Expected at most ${TRIES_AFTER_WAIT} commands on them: one more try at most, then the call. Wait by the clock (note when you began), not a number of tries: their pauses and Redis round trips add up, and the slower Redis gets, the longer everyone waits behind a dead holder.\n${flightIdea}`).toBeLessThanOrEqual(TRIES_AFTER_WAIT);
      const least = Math.floor(lockWaitMs / READ_PACE_MS);
      if (!slowMs) expect(reads, `${on} read the question's answer key ${reads} times in the ${lockWaitMs} ms it waited; expected ${least} or more: every few tens of ms, never more than 100 ms apart, so an answer is taken up as soon as it is stored, not a long pause later.\n${flightIdea}`).toBeGreaterThanOrEqual(least);
      const longest = Math.max(...gaps);
      expect(longest, `${on} waited ${waited.toFixed(0)} ms; the longest pause between its reads of the cache and tries for the lock (or before its call) was ${longest.toFixed(0)} ms. Expected it to read the cache every few tens of ms, never ${READ_GAP_MS} ms apart: an answer, or a freed lock, is taken up at once, not a long pause later (a pause that doubles each time soon sleeps for seconds).\n${flightIdea}`).toBeLessThan(READ_GAP_MS);
    }
    for (const { name, llm, request, answer } of outcomes) {
      const again = await llm.complete('acme', request);
      expect(again, `Asked again on ${name}, the question got the completion ${again.id}; expected the one ${name} paid for, ${answer.id}, from Redis: a request that gave up waiting stores its answer like any miss.\n${flightIdea}`).toEqual(answer);
    }
    expectCalls(server, 4, 'B\'s and C\'s questions asked again after they paid for them', flightIdea);
    const stored = await answerKeys();
    const leastTtl = leastTtlLeft(DEFAULT_TTL_SECONDS * 1000, since);
    const short = stored.filter((k) => k.pttlMs < leastTtl || k.pttlMs > DEFAULT_TTL_SECONDS * 1000);
    expect(stored.length, `B and C stored ${stored.length} answer(s); expected their two.\n${flightIdea}`).toBe(2);
    expect(short.map((k) => `${k.key}: PTTL ${k.pttlMs} ms`), `The answers B and C paid for after giving up waiting are kept with the wrong TTL: expected between ${leastTtl} and ${DEFAULT_TTL_SECONDS * 1000} ms (the default ttlSeconds, ${DEFAULT_TTL_SECONDS} s, less the time since the check began). An answer a waiter paid for is stored like any miss's, in the same SET, EX ttlSeconds (PX takes milliseconds) (${LESSON}, "How long to keep an answer").`).toEqual([]);
    const { hits, misses } = await outcomes[0]!.llm.stats();
    expect({ hits, misses }, `After B and C gave up waiting and paid, then asked again, stats() counted ${JSON.stringify({ hits, misses })}. Each first request was answered by a call of its own, a miss; only the repeats are hits (${LESSON}, "Streams and savings").`).toEqual({ hits: 2, misses: 2 });
    for (const held of holds) held.release();
    await Promise.all(hanging); // A finishes inside this check, so its answers land before the keys are cleared
  });
});
