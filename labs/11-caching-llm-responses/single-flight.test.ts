// Lab 11 checks, part 3: one paid call per question, however many ask at once.
// Run: npm test labs/11-caching-llm-responses
// The model server holds the first call's response, so every request has arrived before it
// is answered; two processes are two module instances with their own Redis connections.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Command, Redis } from 'ioredis';
import { holdCommands, holdReply, type Hold } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LAB_OPTIONS, LESSON, LOCK_TTL_IDEA, SETTLE_MS, ask, expectCalls, flightIdea, lockWindow, namesCacheKey, sameAnswer, setUp, textOf, type Setup } from './cache.support.js';
import type { ModelServer } from './model-server.support.js';
import type { CompletionCache } from './src/contract.js';

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
    // Whichever process waits tries the lock or reads the cache every few tens of ms: the
    // check reads the lock once Redis has answered such a try made while the call ran.
    let tried: (() => void) | undefined;
    const watch = (command: Command, go: (command: Command) => unknown) => {
      if (command.args.some((arg) => namesCacheKey(lab.redis.prefix, arg))) void command.promise.then(() => tried?.(), () => {});
      return go(command);
    };
    const aRedis = await lab.redis.readyClient(watch);
    const [onA, onB] = [await cache({ lockTtlMs, redis: aRedis }, a), await cache({ lockTtlMs, redis: await lab.redis.readyClient(watch) }, b)];
    const held = server.hold();
    const request = ask('Can I renew a book twice?');
    const since = performance.now();
    const all = Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? onB : onA).complete('acme', request)));
    await expectSettlesWithin(held.reached, LIVENESS_MS, 'the first call to the model', flightIdea);
    const setBy = performance.now();
    await sleep(SETTLE_MS); // the other process retries meanwhile
    await expectSettlesWithin(new Promise<void>((resolve) => (tried = resolve)), LIVENESS_MS, 'a try of the waiting process while the call ran', flightIdea);
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

    // A alone, on a question of its own, once answered and once failing: Redis's reply to A's
    // first command on its lock after the call (the delete, or a read before it) is held
    // back, and complete() must wait for it either way.
    await expectReleaseAwaited({ server, cache: onA, redis: aRedis, answerKeys, cacheKeys }, 'Can I renew a book three times?', 'answered', releaseIdea);
    await expectReleaseAwaited({ server, cache: onA, redis: aRedis, answerKeys, cacheKeys }, 'Can I renew a book four times?', 'failed', releaseIdea);
  });

  it('11.18 the process that wins the lock reads the cache again first: an answer stored meanwhile is not paid for twice', async () => {
    const { server, cache, processes, answerKeys, cacheKeys } = await setUp(lab);
    const [a, b] = await processes(2);
    const onA = await cache({}, a);
    const idea = `Between B's miss and B's lock, A stored its answer and released the lock. Whoever gets the lock reads the cache once more before it pays, on its first try or a later one: the answer may have arrived while it queued. Having found it, it deletes its lock before it returns, and counts a hit (${LESSON}; lesson 04, "Read again after the lock").`;
    // B wins the lock on its first try, right after its miss; or later, as a waiter whose last
    // read of the cache (answered by Redis before A stored) reaches it only once A has let go.
    for (const [question, when] of [['How late is the Larchfield branch open?', 'on its first try'], ['How early does the Larchfield branch open?', 'on a later try']] as const) {
      const request = ask(question);
      const held = server.hold();
      const first = onA.complete('acme', request);
      await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
      const bRedis = await lab.redis.readyClient(); // connected: a command queued while connecting would pass twice
      const answered = new Set((await answerKeys()).map((k) => k.key));
      const gap = when === 'on its first try' ? afterTheMiss(bRedis) : staleRead(bRedis, (await cacheKeys()).map((k) => k.key).filter((key) => !answered.has(key)));
      const second = (await cache({ redis: bRedis, redisTimeoutMs: 2_000 }, b)).complete('acme', request); // B's held commands wait for the suite, not for a timeout
      await expectSettlesWithin(gap.reached, LIVENESS_MS, when === 'on its first try' ? 'B\'s next Redis command after its miss' : 'Redis\'s answer to one of B\'s reads while it waited', flightIdea);
      held.release();
      const answer = await expectSettlesWithin(first, LIVENESS_MS, 'A\'s request', flightIdea);
      gap.release();
      const late = await expectSettlesWithin(second, LIVENESS_MS, 'B\'s request', flightIdea);
      expectCalls(server, when === 'on its first try' ? 1 : 2, `B won the lock ${when}, right after A had stored the answer`, idea);
      expect(late, `B got ${textOf(late)}; expected A's stored answer.\n${idea}`).toEqual(answer);
      const left = (await cacheKeys()).map((k) => k.key);
      expect(left, `B won the lock ${when} and found A's answer; then Redis still held ${JSON.stringify(left)}. A holder that needs no call releases its lock all the same, before complete() resolves: left behind, it holds every other process off the question until its TTL.\n${idea}`).toEqual((await answerKeys()).map((k) => k.key));
    }
    const { hits, misses, paidCalls } = await onA.stats();
    expect({ hits, misses, paidCalls }, `A paid for both questions; B found each answer after winning the lock. stats() counted ${JSON.stringify({ hits, misses, paidCalls })}: a request is a miss only when it called the model itself; holding the lock is not paying.\n${idea}`).toEqual({ hits: 2, misses: 2, paidCalls: 2 });
  });
});

/** B's commands after its first read (the miss) wait until `release()`: A stores and lets go meanwhile. */
function afterTheMiss(bRedis: Redis): Hold {
  let reads = 0;
  return holdCommands(bRedis, (name) => name !== 'get' || ++reads > 1);
}

/**
 * The reply to B's first read of the cache after it has tried the lock (named a lock key) is
 * fetched at once, an empty answer, and handed to B only at `release()`: by then A has stored
 * and let go, so B's next try wins the lock.
 */
function staleRead(bRedis: Redis, lockKeys: string[]): Hold {
  let tried = false;
  const reply = holdReply(bRedis, (command) => {
    if (command.args.some((arg) => lockKeys.includes(String(arg)))) tried = true;
    else if (tried && command.name.toLowerCase() === 'get') return true;
    return false;
  });
  return { reached: reply.fetched, release: reply.release };
}

interface Alone {
  server: ModelServer;
  cache: CompletionCache;
  redis: Redis;
  answerKeys: Setup['answerKeys'];
  cacheKeys: Setup['cacheKeys'];
}

/**
 * A's request on `question`, whose call is `ends` (a 503 when failed): Redis's reply to A's
 * first command on its lock after the call is held back, and complete() must not settle first.
 */
async function expectReleaseAwaited({ server, cache, redis, answerKeys, cacheKeys }: Alone, question: string, ends: 'answered' | 'failed', releaseIdea: string): Promise<void> {
  if (ends === 'failed') server.when((r) => (r.messages.at(-1)?.content === question ? { error: 503 } : undefined));
  const held = server.hold();
  const alone = cache.complete('acme', ask(question));
  let settled = false;
  void alone.then(() => (settled = true), () => (settled = true));
  await expectSettlesWithin(held.reached, LIVENESS_MS, 'A\'s call to the model', flightIdea);
  const answered = new Set((await answerKeys()).map((k) => k.key));
  const lockKeys = (await cacheKeys()).filter((k) => !answered.has(k.key)).map((k) => k.key);
  expect(lockKeys.length, `While A's call was in flight Redis held no lock.\n${flightIdea}`).toBeGreaterThan(0);
  const reply = holdReply(redis, (command) => command.args.some((arg) => lockKeys.includes(String(arg))));
  held.release();
  const first = await expectSettlesWithin(Promise.race([reply.fetched.then(() => 'held'), alone.then(() => 'settled', () => 'settled')]), LIVENESS_MS, 'A\'s request once its call had returned', releaseIdea);
  if (first === 'held') await sleep(SETTLE_MS); // time enough to settle, for a complete() that does not wait
  const how = ends === 'answered' ? 'resolved' : 'rejected with the call\'s error';
  expect(settled, `A's call ${ends === 'answered' ? 'returned an answer' : 'failed with a 503'}, and complete() ${how} before Redis had answered its release of the lock: the lock may outlive the request, held by nobody. Release in a finally, and await it, on failure as on success. ${releaseIdea}`).toBe(false);
  reply.release();
  await expectSettlesWithin(alone.catch(() => undefined), LIVENESS_MS, 'A\'s request once Redis had answered its release', releaseIdea);
}
