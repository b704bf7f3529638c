// Lab 11 checks, part 3: one paid call per question, however many ask at once.
// Run: npm test labs/11-caching-llm-responses
// The model server holds the first call's response, so every request has arrived before it
// is answered; two processes are two module instances with their own Redis connections.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdCommands, holdReply } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, SETTLE_MS, ask, expectCalls, flightIdea, namesCacheKey, sameAnswer, setUp, textOf, type Setup } from './cache.support.js';
import { DEFAULT_LOCK_TTL_MS } from './src/contract.js';

const lab = useLab('11', LAB_OPTIONS);

/** The README lets a waiter read the cache at most 100 ms apart; a pause this long is a slow pace, not a busy machine. */
const READ_GAP_MS = 600;
/**
 * The most commands on the cache's keys (reads of the answer, tries for the lock) a waiter may
 * send once lockWaitMs has passed, before its call (README: one more try at most). Counted, not
 * timed: a busy machine that slows every step cannot fail a waiter that stops in time.
 */
const TRIES_AFTER_WAIT = 4;
/** A slow Redis, well within redisTimeoutMs: a waiter that counts its tries instead of the clock goes on trying long after lockWaitMs. */
const SLOW_REDIS_MS = 60;

const LOCK_TTL_IDEA = 'Set the TTL with the lock, in the same command and in milliseconds (SET key token PX lockTtlMs NX), and leave it alone while the call runs: a TTL rounded to seconds frees the others at the wrong time, and one the waiters\' tries keep young never frees them if the holder dies.';

const gapsOf = (times: number[]) => times.slice(1).map((at, i) => at - times[i]!);

/**
 * The keys `read` returns, and which of them break "expires after exactly ttlMs": a PTTL may
 * lack from ttlMs no more than the time since the lock could first have been set (`since`),
 * and at least the time since it certainly was (`setBy`). Redis counts in whole ms: 1 ms each way.
 */
async function lockWindow(read: Setup['cacheKeys'], ttlMs: number, since: number, setBy: number) {
  const before = performance.now();
  const keys = await read();
  const least = ttlMs - Math.ceil(performance.now() - since) - 1;
  const most = ttlMs - Math.floor(before - setBy) + 1;
  return { keys, least, most, wrong: keys.filter((k) => k.pttlMs < least || k.pttlMs > most) };
}

describe('single flight', () => {
  it('11.11 twenty identical concurrent requests in one process make one paid call, and all get its answer', async () => {
    const { server, cache } = await setUp(lab);
    const llm = await cache();
    const held = server.hold();
    const request = ask('What does a reader card cost?');
    const all = Promise.all(Array.from({ length: 20 }, () => llm.complete('acme', request)));
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'the first call to the model', flightIdea);
    await sleep(SETTLE_MS);
    held.release();
    const answers = await expectSettlesWithin(all, LIVENESS_MS, 'twenty concurrent requests', flightIdea);
    expectCalls(server, 1, 'Twenty identical requests at once, in one process', `Each duplicate call costs money.\n${flightIdea}`);
    expect(sameAnswer(answers), `The twenty callers got ${sameAnswer(answers)} different answers (${textOf(answers[0])}, ...); expected the one answer the call returned.\n${flightIdea}`).toBe(1);
  });

  it('11.12 across two processes, concurrent identical requests make one paid call; the lock expires after exactly lockTtlMs and is deleted before complete() resolves', async () => {
    const { server, cache, processes, answerKeys, cacheKeys } = await setUp(lab);
    const [a, b] = await processes(2);
    const lockTtlMs = 6_500; // not whole seconds: a TTL in seconds cannot hold it
    const aRedis = await lab.redis.readyClient();
    const [onA, onB] = [await cache({ lockTtlMs, redis: aRedis }, a), await cache({ lockTtlMs }, b)];
    const held = server.hold();
    const request = ask('Can I renew a book twice?');
    const since = performance.now();
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onB : onA).complete('acme', request)));
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'the first call to the model', flightIdea);
    const setBy = performance.now();
    await sleep(SETTLE_MS); // the other process retries meanwhile
    const lock = await lockWindow(cacheKeys, lockTtlMs, since, setBy);
    expect(lock.keys.length, `While the first call was in flight Redis held nothing, so the other process could not know a call was under way.\n${flightIdea}`).toBeGreaterThan(0);
    expect(lock.wrong, `During the call Redis held ${JSON.stringify(lock.wrong)}; with lockTtlMs ${lockTtlMs}, expected each key's PTTL between ${lock.least} (${lockTtlMs} less the time since the requests began) and ${lock.most} (${lockTtlMs} less the time since the call began). ${LOCK_TTL_IDEA}\n${flightIdea}`).toEqual([]);
    held.release();
    const answers = await expectSettlesWithin(all, LIVENESS_MS, 'twenty concurrent requests over two processes', flightIdea);
    expectCalls(server, 1, 'Twenty identical requests at once, ten on each of two processes', `A Map in one process cannot see the other's call.\n${flightIdea}`);
    expect(sameAnswer(answers), `The callers got ${sameAnswer(answers)} different answers; expected one.\n${flightIdea}`).toBe(1);
    const left = (await cacheKeys()).map((k) => k.key);
    const releaseIdea = `Release the lock (compare the token and delete, in one script) and await it before complete() resolves, so the next miss does not wait for its TTL.\n${flightIdea}`;
    expect(left, `Once every request had its answer, Redis held ${JSON.stringify(left)}. ${releaseIdea}`).toEqual((await answerKeys()).map((k) => k.key));

    // A alone, on a question of its own: Redis's reply to A's first command on its lock after
    // the call (the delete, or a read before it) is held back, and complete() must wait for it.
    const heldAgain = server.hold();
    const alone = onA.complete('acme', ask('Can I renew a book three times?'));
    let resolved = false;
    void alone.then(() => (resolved = true), () => (resolved = true));
    await expectSettlesWithin(heldAgain.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    const answered = new Set((await answerKeys()).map((k) => k.key));
    const lockKeys = (await cacheKeys()).filter((k) => !answered.has(k.key)).map((k) => k.key);
    expect(lockKeys.length, `While A's call was in flight Redis held no lock.\n${flightIdea}`).toBeGreaterThan(0);
    const reply = holdReply(aRedis, (command) => command.args.some((arg) => lockKeys.includes(String(arg))));
    heldAgain.release();
    const first = await expectSettlesWithin(Promise.race([reply.fetched.then(() => 'held'), alone.then(() => 'resolved')]), LIVENESS_MS, 'A\'s request once its call had returned', releaseIdea);
    if (first === 'held') await sleep(SETTLE_MS); // time enough to resolve, for a complete() that does not wait
    expect(resolved, `A's complete() resolved before Redis had answered its release of the lock: the lock may outlive the request, held by nobody. ${releaseIdea}`).toBe(false);
    reply.release();
    await expectSettlesWithin(alone, LIVENESS_MS, 'A\'s request once Redis had answered its release', releaseIdea);
  });

  it('11.13 a request waits for another process\'s call lockWaitMs, no less and not much more, reading the cache as it waits, then pays for its own', async () => {
    const { server, cache, processes, cacheKeys } = await setUp(lab);
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
      const tries: number[] = []; // when the code handed each command on the cache's keys to its connection
      const redis = await lab.redis.readyClient((command, go) => {
        if (command.args.some((arg) => namesCacheKey(lab.redis.prefix, arg))) tries.push(performance.now());
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
      const waiting = tries.filter((at) => at > startedAt && at < calledAt);
      const late = waiting.filter((at) => at >= startedAt + lockWaitMs).length;
      return { name, lockWaitMs, slowMs, llm, request, answer, waited: calledAt - startedAt, late, gaps: gapsOf([startedAt, ...waiting, calledAt]) };
    });
    // While C waits, after B has given up: A's locks lose time as it passes, whatever the waiters do.
    const all = Promise.all(waits);
    await Promise.race([waits[0], all]); // B has paid (a failure of either is reported here)
    const lock = await lockWindow(async () => (await cacheKeys()).filter((k) => locks.has(k.key)), DEFAULT_LOCK_TTL_MS, since, setBy);
    expect(lock.keys.length, `While A's calls hung Redis held no lock.\n${flightIdea}`).toBeGreaterThan(0);
    expect(lock.wrong, `A's calls hung while B and C waited; Redis held ${JSON.stringify(lock.wrong)}. Without lockTtlMs, expected each lock's PTTL between ${lock.least} and ${lock.most}: the default ${DEFAULT_LOCK_TTL_MS} less the time since A asked, and at least the time since A's calls began. ${LOCK_TTL_IDEA}\n${flightIdea}`).toEqual([]);
    const outcomes = await all;
    expectCalls(server, 4, 'A\'s two hanging calls, then B and C after lockWaitMs', flightIdea);
    for (const { name, lockWaitMs, slowMs, answer, waited, late, gaps } of outcomes) {
      const on = `${name} (lockWaitMs ${lockWaitMs}${slowMs ? `, on a Redis that takes ${slowMs} ms a command` : ''})`;
      expect(answer.choices[0]?.finish_reason, `${on} got ${textOf(answer)}.`).toBe('stop');
      expect(waited, `${on} called the model ${waited.toFixed(0)} ms after it was asked, while A's call hung; expected it to wait lockWaitMs first: an answer may still come.\n${flightIdea}`).toBeGreaterThanOrEqual(lockWaitMs - 2);
      expect(late, `${on} called the model ${waited.toFixed(0)} ms after it was asked, and read the cache or tried the lock ${late} times after lockWaitMs had passed. Expected at most ${TRIES_AFTER_WAIT} commands on them: one more try at most, then the call. Wait by the clock (note when you began), not a number of tries: their pauses and Redis round trips add up, and the slower Redis gets, the longer everyone waits behind a dead holder.\n${flightIdea}`).toBeLessThanOrEqual(TRIES_AFTER_WAIT);
      const longest = Math.max(...gaps);
      expect(longest, `${on} waited ${waited.toFixed(0)} ms; the longest pause between its reads of the cache and tries for the lock (or before its call) was ${longest.toFixed(0)} ms. Expected it to read the cache every few tens of ms, never ${READ_GAP_MS} ms apart: an answer, or a freed lock, is taken up at once, not a long pause later (a pause that doubles each time soon sleeps for seconds).\n${flightIdea}`).toBeLessThan(READ_GAP_MS);
    }
    for (const { name, llm, request, answer } of outcomes) {
      const again = await llm.complete('acme', request);
      expect(again, `Asked again on ${name}, the question got the completion ${again.id}; expected the one ${name} paid for, ${answer.id}, from Redis: a request that gave up waiting stores its answer like any miss.\n${flightIdea}`).toEqual(answer);
    }
    expectCalls(server, 4, 'B\'s and C\'s questions asked again after they paid for them', flightIdea);
    const { hits, misses } = await outcomes[0]!.llm.stats();
    expect({ hits, misses }, `After B and C gave up waiting and paid, then asked again, stats() counted ${JSON.stringify({ hits, misses })}. Each first request was answered by a call of its own, a miss; only the repeats are hits (${LESSON}, "Streams and savings").`).toEqual({ hits: 2, misses: 2 });
    for (const held of holds) held.release();
    await Promise.all(hanging); // A finishes inside this check, so its answers land before the keys are cleared
  });

  it('11.18 the process that wins the lock reads the cache again first: an answer stored meanwhile is not paid for twice', async () => {
    const { server, cache, processes } = await setUp(lab);
    const [a, b] = await processes(2);
    const request = ask('How late is the Larchfield branch open?');
    const onA = await cache({}, a);
    const held = server.hold();
    const first = onA.complete('acme', request);
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    // B misses; everything it sends after that first read waits until A has stored and let go.
    const bRedis = lab.redis.client();
    let reads = 0;
    await bRedis.ping(); // connected: a command queued while connecting would pass twice
    const gap = holdCommands(bRedis, (name) => name !== 'get' || ++reads > 1);
    const second = (await cache({ redis: bRedis }, b)).complete('acme', request);
    await expectSettlesWithin(gap.reached, LIVENESS_MS, 'B\'s next Redis command after its miss', flightIdea);
    held.release();
    const answer = await expectSettlesWithin(first, LIVENESS_MS, 'A\'s request', flightIdea);
    gap.release();
    const late = await expectSettlesWithin(second, LIVENESS_MS, 'B\'s request', flightIdea);
    const idea = `Between B's miss and B's lock, A stored its answer and released the lock. Whoever gets the lock reads the cache once more before it pays: the answer may have arrived while it queued (${LESSON}; lesson 04, "Read again after the lock").`;
    expectCalls(server, 1, 'B won the lock right after A had stored the answer', idea);
    expect(late, `B got ${textOf(late)}; expected A's stored answer.\n${idea}`).toEqual(answer);
  });

});
