// Lab 11 checks, part 3: one paid call per question, however many ask at once.
// Run: npm test labs/11-caching-llm-responses
// The model server holds the first call's response, so every request has arrived before it
// is answered; two processes are two module instances with their own Redis connections.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdCommands } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, SETTLE_MS, ask, expectCalls, flightIdea, sameAnswer, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

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

  it('11.12 across two processes, concurrent identical requests make one paid call; the lock expires within lockTtlMs and is gone once they answer', async () => {
    const { server, cache, processes, answerKeys, cacheKeys } = await setUp(lab);
    const [a, b] = await processes(2);
    const lockTtlMs = 7_000;
    const [onA, onB] = [await cache({ lockTtlMs }, a), await cache({ lockTtlMs }, b)];
    const held = server.hold();
    const request = ask('Can I renew a book twice?');
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onB : onA).complete('acme', request)));
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'the first call to the model', flightIdea);
    await sleep(SETTLE_MS);
    const during = await cacheKeys();
    expect(during.length, `While the first call was in flight Redis held nothing, so the other process could not know a call was under way.\n${flightIdea}`).toBeGreaterThan(0);
    const wrong = during.filter((k) => k.pttlMs <= lockTtlMs - 1_000 || k.pttlMs > lockTtlMs);
    expect(wrong, `During the call Redis held ${JSON.stringify(wrong)}; with lockTtlMs ${lockTtlMs}, expected each key's PTTL between ${lockTtlMs - 1_000} and ${lockTtlMs} ms: set it with the lock, in the same command, so a holder that dies frees the others after lockTtlMs, and not much sooner.\n${flightIdea}`).toEqual([]);
    held.release();
    const answers = await expectSettlesWithin(all, LIVENESS_MS, 'twenty concurrent requests over two processes', flightIdea);
    expectCalls(server, 1, 'Twenty identical requests at once, ten on each of two processes', `A Map in one process cannot see the other's call.\n${flightIdea}`);
    expect(sameAnswer(answers), `The callers got ${sameAnswer(answers)} different answers; expected one.\n${flightIdea}`).toBe(1);
    const left = (await cacheKeys()).map((k) => k.key);
    expect(left, `Once every request had its answer, Redis held ${JSON.stringify(left)}: release the lock (compare the token and delete, in one script) before complete() resolves, so the next miss does not wait for its TTL.\n${flightIdea}`).toEqual((await answerKeys()).map((k) => k.key));
  });

  it('11.13 a request waits at most lockWaitMs for another process\'s call, then pays for its own', async () => {
    const { server, cache, processes } = await setUp(lab);
    const [a, b] = await processes(2);
    const held = server.hold(); // A's call never returns during this check
    const request = ask('Is the map room open?');
    const slow = (await cache({}, a)).complete('acme', request).catch(() => undefined);
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
    server.when(() => ({ content: 'Answered for B' }));
    const patient = await cache({ lockWaitMs: 300 }, b);
    const answer = await expectSettlesWithin(
      patient.complete('acme', request),
      LIVENESS_MS,
      'B\'s request, with lockWaitMs 300, while A\'s call hangs',
      `Waiting for another process is bounded: after lockWaitMs, call the model yourself. A provider that hangs must not hang every process behind it.\n${flightIdea}`,
    );
    expect(answer.choices[0]?.message.content, `B got ${textOf(answer)}.`).toBe('Answered for B');
    expectCalls(server, 2, 'A\'s hanging call, then B after lockWaitMs', flightIdea);
    const again = await patient.complete('acme', request);
    expect(again, `Asked again on B, the question got the completion ${again.id}; expected the one B paid for, ${answer.id}, from Redis: a request that gave up waiting stores its answer like any miss.\n${flightIdea}`).toEqual(answer);
    expectCalls(server, 2, 'B\'s question asked again after B paid for it', flightIdea);
    const { hits, misses } = await patient.stats();
    expect({ hits, misses }, `After B gave up waiting and paid, then asked again, stats() counted ${JSON.stringify({ hits, misses })}. B's first request was answered by a call of its own, a miss; only the repeat is a hit (${LESSON}, "Streams and savings").`).toEqual({ hits: 1, misses: 1 });
    held.release();
    await slow; // A finishes inside this check, so its answer lands before the keys are cleared
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
