// Lab 11 checks, part 4b: Redis down, slow, refusing writes, or holding junk. Run: npm test
// labs/11-caching-llm-responses. Every request still gets its answer, from Redis when it can.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdReply } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DOWN_IDEA, LAB_OPTIONS, LESSON, ask, expectCalls, expectStreamWithout, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

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
    const first = await (await cache()).complete('acme', request);
    const [entry] = await answerKeys();
    expect(entry, `After one answer Redis holds ${JSON.stringify((await lab.redis.keys()).map((k) => k.key)).slice(0, 300)}; expected it under answerKey(keyPrefix, 'acme', <64 hex>) (${LESSON}, "The key").`).toBeDefined();
    const slowRedis = lab.redis.client();
    const slowReply = holdReply(slowRedis, entry!.key);
    const patient = (await cache({ redis: slowRedis, redisTimeoutMs: 2_000 })).complete('acme', request);
    await slowReply.fetched;
    await sleep(300); // slow, yet well within redisTimeoutMs, and past the 250 ms default
    slowReply.release();
    expect(await patient, `A GET answered after 300 ms, with redisTimeoutMs 2000, was not used: the request called the model instead. The timeout is the option's, not a number of your own.\n${DOWN_IDEA}`).toEqual(first);
    expectCalls(server, 1, 'A hit on a slow Redis', DOWN_IDEA);

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
