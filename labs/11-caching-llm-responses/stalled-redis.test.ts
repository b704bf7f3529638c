// Lab 11 checks, part 4: Redis in trouble. Run: npm test labs/11-caching-llm-responses
// The cache saves time and money; it must never be the reason a request fails or hangs.
// (Redis down: redis-down.test.ts, which runs beside this file.)
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdReply } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DOWN_IDEA, LAB_OPTIONS, LESSON, ask, expectCalls, expectStreamWithout, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

describe('Redis in trouble', () => {
  it('11.16 with Redis stalled, the model answers within the bound, streams too: redisTimeoutMs (default 250) ends every wait on Redis, stats() included', async () => {
    const { server, cache } = await setUp(lab);
    const request = ask('Is there a quiet floor?');
    for (const overrides of [{ redisTimeoutMs: undefined }, { redisTimeoutMs: 100 }]) {
      const llm = await cache({ redis: await lab.redis.stalledClient(), ...overrides });
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `a request while Redis accepts connections and never answers (${JSON.stringify(overrides)})`, `A stalled Redis never sends an error: only a timeout of your own ends the wait. Race each Redis command against redisTimeoutMs.\n${DOWN_IDEA}`);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `With Redis stalled the request got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${DOWN_IDEA}`).toBe('stop');
    }
    const llm = await cache({ redis: await lab.redis.stalledClient(), redisTimeoutMs: 100 });
    await expectStreamWithout(llm, request, 'while Redis never answers (redisTimeoutMs 100)');
    expectCalls(server, 3, 'A request on each stalled Redis, then a streamed one', DOWN_IDEA);
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
    await sleep(400); // slow, yet well within redisTimeoutMs
    slowReply.release();
    expect(await patient, `A GET answered after 400 ms, with redisTimeoutMs 2000, was not used: the request called the model instead. The timeout is the option's, not a number of your own.\n${DOWN_IDEA}`).toEqual(first);
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
