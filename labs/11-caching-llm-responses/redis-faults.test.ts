// Lab 11 checks, part 4b: Redis down, slow, refusing writes, or holding junk. Run: npm test
// labs/11-caching-llm-responses. Every request still gets its answer, from Redis when it can.
import type { Command, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { holdCommands, holdReply } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DOWN_IDEA, LAB_OPTIONS, LESSON, answerKeyPattern, ask, collect, expectCalls, expectStreamWithout, readingOf, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

/** Every command that writes, by name (lower case): a lock, an answer, a counter, a release. */
const WRITES = new Set(['set', 'setex', 'psetex', 'eval', 'evalsha', 'fcall', 'multi', 'exec', 'hset', 'hincrby', 'hincrbyfloat', 'incr', 'incrby', 'incrbyfloat', 'del', 'unlink', 'expire', 'pexpire']);

describe('Redis down, slow or refusing', () => {
  it('11.15 with Redis down, every request, streamed or not, is answered by the model within the bound, and stats() says it cannot count', async () => {
    const { server, cache } = await setUp(lab);
    // Nothing listens, so each Redis call waits out redisTimeoutMs in the client's offline
    // queue: a small bound keeps the check short, and any bound shows the same.
    const llm = await cache({ redis: await lab.redis.downClient(), redisTimeoutMs: 20 });
    const request = ask('Where do I return a book after hours?');
    for (const round of [1, 2]) {
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `request ${round} with nothing listening on Redis's port`, DOWN_IDEA);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `Request ${round} with Redis down got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${DOWN_IDEA}`).toBe('stop');
    }
    await expectStreamWithout(llm, request, 'with nothing listening on Redis\'s port');
    expectCalls(server, 3, 'Two requests and a streamed one with Redis down', DOWN_IDEA);
  });

  it('11.17 a slow Redis is still used within redisTimeoutMs; failing writes or an unreadable entry never fail the request', async () => {
    const { server, cache, answerKeys } = await setUp(lab);
    const request = ask('Can I print in colour?');
    const other = ask('Can I print in black and white?');
    const first = await (await cache()).complete('acme', request);
    const [entry] = await answerKeys();
    expect(entry, `After one answer Redis holds ${JSON.stringify((await lab.redis.keys()).map((k) => k.key)).slice(0, 300)}; expected it under answerKey(keyPrefix, 'acme', <64 hex>) (${LESSON}, "The key").`).toBeDefined();
    const otherFirst = await (await cache()).complete('acme', other);
    const otherEntry = (await answerKeys()).find((k) => k.key !== entry!.key)!;

    // While the slow replies are held: requests on a Redis that answers reads and stalls
    // every write from some point on, the first write (a lock, say) or the answer's. Each
    // Redis call must be bounded, every write included, not only the read. A request whose
    // first read outran its 100 ms on a busy machine rightly answers without Redis and never
    // writes: that case is asked again, on a new connection (each ask is a call to the model).
    const answerKey = answerKeyPattern(lab.redis.prefix);
    const stalls = [
      { from: 'every write', holds: (name: string) => WRITES.has(name) },
      { from: 'the answer\'s write and all after it', holds: (name: string, command: Command) => WRITES.has(name) && command.args.some((arg) => answerKey.test(String(arg))) },
    ];
    const stalledWrites = stalls.flatMap(({ from, holds }, s) =>
      (['complete', 'stream'] as const).map(async (form) => {
        const request = ask(`Can I print on card of size A${s}, ${form}?`);
        const what = `${form === 'complete' ? 'a request' : 'a streamed request'} while Redis answers reads and stalls ${from} (redisTimeoutMs 100)`;
        for (let tries = 1; ; tries += 1) {
          const redis = lab.redis.client();
          await redis.ping();
          let stalled = false;
          void holdCommands(redis, holds).reached.then(() => (stalled = true));
          const llm = await cache({ redis, redisTimeoutMs: 100 });
          const work = form === 'complete' ? llm.complete('acme', request).then((answer) => answer.choices[0]?.finish_reason) : collect(llm.stream('acme', request)).then((chunks) => readingOf(chunks).finishReason);
          const outcome = await expectSettlesWithin(work.catch((e: unknown) => e as Error), LIVENESS_MS, what, DOWN_IDEA);
          expect(outcome instanceof Error ? outcome.message : outcome, `${what} got ${outcome instanceof Error ? `the error "${outcome.message}"` : `finish_reason ${String(outcome)}`}. Every Redis call is bounded by redisTimeoutMs: the lock's, the answer's and the counters' writes too, not only the read.\n${DOWN_IDEA}`).toBe('stop');
          if (stalled || tries === 3) return tries;
        }
      }),
    );

    // Two replies held back: 300 ms is slow yet within redisTimeoutMs 2000 (and past the
    // 250 ms default), 60 ms past redisTimeoutMs 30 and short of a floor of 100 ms, so the
    // bound used is the option's (holdReply says how each is timed).
    const [slowRedis, hastyRedis] = [lab.redis.client(), lab.redis.client()];
    await Promise.all([slowRedis.ping(), hastyRedis.ping()]); // connected: the reply's delay is Redis's alone
    holdReply(slowRedis, entry!.key, { releaseAfterMs: 300 });
    const patient = (await cache({ redis: slowRedis, redisTimeoutMs: 2_000 })).complete('acme', request);
    // The reply at 60 ms shows a floor of 100 ms only if it reaches the code before then: when
    // Redis or the loop ran late, the reading is taken again on a new connection, the entry as
    // it was, up to three times (each a call to the model, the right answer's as the wrong one's).
    const [stored, storedTtl] = await Promise.all([lab.redis.admin.get(otherEntry.key), lab.redis.admin.pttl(otherEntry.key)]);
    const hastyReads = async (redis: Redis) => {
      for (let tries = 1; ; tries += 1) {
        const { handedOver } = holdReply(redis, otherEntry.key, { pastBoundMs: 60 });
        const answer = await (await cache({ redis, redisTimeoutMs: 30 })).complete('acme', other);
        if (tries === 3 || (await handedOver) < 90) return { answer, tries };
        await redis.ping(); // what the request wrote has reached Redis
        await lab.redis.admin.set(otherEntry.key, stored!, 'PX', storedTtl);
        redis = lab.redis.client();
        await redis.ping();
      }
    };
    const hasty = hastyReads(hastyRedis);
    hasty.catch(() => {}); // reported where it is awaited, below
    const stalledAsks = (await Promise.all(stalledWrites)).reduce((sum, tries) => sum + tries, 0);
    expect(await patient, `A GET answered after 300 ms, with redisTimeoutMs 2000, was not used: the request called the model instead. The timeout is the option's, not a number of your own.\n${DOWN_IDEA}`).toEqual(first);
    const { answer: hastyAnswer, tries } = await hasty;
    expect(hastyAnswer.choices[0]?.finish_reason, `With redisTimeoutMs 30, a GET whose reply came after 60 ms: the request got ${textOf(hastyAnswer)}.\n${DOWN_IDEA}`).toBe('stop');
    expect(hastyAnswer, `With redisTimeoutMs 30, a GET whose reply came after 60 ms was waited for and its cached answer used: the bound is the option's, however small, not a floor or a number of your own. Past it the read has failed: call the model.\n${DOWN_IDEA}`).not.toEqual(otherFirst);
    expectCalls(server, 2 + stalledAsks + tries, `Two answers stored, ${stalledAsks} requests while writes stalled, a hit on a slow Redis, and ${tries === 1 ? 'a read' : `${tries} reads`} whose reply came too late`, DOWN_IDEA);

    const full = lab.redis.refusingClient(['set', 'eval', 'evalsha', 'fcall'], new Error('OOM command not allowed when used memory > maxmemory'));
    const refused = await cache({ redis: full });
    for (const question of ['Can I print double-sided?', 'Can I print double-sided?']) {
      const answer = await refused.complete('acme', ask(question)).catch((e: unknown) => e as Error);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `With Redis refusing writes (OOM) the request got ${answer instanceof Error ? `"${answer.message}"` : textOf(answer)}.\n${DOWN_IDEA}`).toBe('stop');
    }

    const truncated = JSON.stringify({ ...first, choices: [{ ...first.choices[0]!, finish_reason: 'length' }] });
    const refusal = JSON.stringify({ ...first, choices: [{ ...first.choices[0]!, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' } }] });
    for (const junk of ['{"choices": [', '{"error":"429 upstream"}', truncated, refusal]) {
      await lab.redis.admin.set(entry!.key, junk, 'EX', 60);
      const repaired = await (await cache()).complete('acme', request).catch((e: unknown) => e as Error);
      expect(repaired instanceof Error ? repaired.message : repaired.choices?.[0]?.finish_reason, `With ${junk.slice(0, 120)} at its key the request got ${repaired instanceof Error ? `"${repaired.message}"` : JSON.stringify(repaired).slice(0, 200)}: an entry that is not a complete answer (unreadable, truncated, refused...) is a miss, judged by the same allow-list as a fresh answer.\n${DOWN_IDEA}`).toBe('stop');
      expect(JSON.parse((await lab.redis.admin.get(entry!.key)) ?? 'null'), `The answer replaces ${junk.slice(0, 120)}.`).toEqual(repaired);
    }
  });
});
