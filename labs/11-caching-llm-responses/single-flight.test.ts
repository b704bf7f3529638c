// Lab 11 checks, part 3: one paid call per question, however many ask at once.
// Run: npm test labs/11-caching-llm-responses
// The model server holds the first call's response, so every request has arrived before it
// is answered; two processes are two module instances with their own Redis connections.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdCommands, holdReply } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, LOCK_TTL_IDEA, SETTLE_MS, ask, expectCalls, flightIdea, lockWindow, sameAnswer, setUp, textOf } from './cache.support.js';

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
