// Lab 11 checks, part 4: Redis in trouble. Run: npm test labs/11-caching-llm-responses
// The cache saves time and money; it must never be the reason a request fails or hangs.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { holdReply } from '../../harness/lab/hold.js';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { LESSON, ask, expectCalls, setUp, textOf } from './cache.support.js';

const lab = useLab('11');
const downIdea = `When Redis fails or does not answer within redisTimeoutMs, carry on without it: a failed read is a miss, skip the lock, call the model, and ignore a failed write. The model is still there (${LESSON}, "Never cache a failure" and "Common mistakes").`;

describe('Redis in trouble', () => {
  it('11.15 with Redis down, every request is answered by the model within the bound', async () => {
    const { server, cache } = await setUp(lab);
    const llm = await cache({ redis: await lab.redis.downClient(), redisTimeoutMs: 100 });
    const request = ask('Where do I return a book after hours?');
    for (const round of [1, 2]) {
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `request ${round} with nothing listening on Redis's port`, downIdea);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `Request ${round} with Redis down got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${downIdea}`).toBe('stop');
    }
    expectCalls(server, 2, 'Two requests with Redis down', downIdea);
  });

  it('11.16 with Redis stalled, the model answers within the bound: redisTimeoutMs (default 250) ends every wait on Redis', async () => {
    const { server, cache } = await setUp(lab);
    const request = ask('Is there a quiet floor?');
    for (const overrides of [{ redisTimeoutMs: undefined }, { redisTimeoutMs: 100 }]) {
      const llm = await cache({ redis: await lab.redis.stalledClient(), ...overrides });
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `a request while Redis accepts connections and never answers (${JSON.stringify(overrides)})`, `A stalled Redis never sends an error: only a timeout of your own ends the wait. Race each Redis command against redisTimeoutMs.\n${downIdea}`);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `With Redis stalled the request got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${downIdea}`).toBe('stop');
    }
    expectCalls(server, 2, 'One request on each stalled Redis', downIdea);
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
    expect(await patient, `A GET answered after 400 ms, with redisTimeoutMs 2000, was not used: the request called the model instead. The timeout is the option's, not a number of your own.\n${downIdea}`).toEqual(first);
    expectCalls(server, 1, 'A hit on a slow Redis', downIdea);

    const full = lab.redis.refusingClient(['set', 'eval', 'evalsha', 'fcall'], new Error('OOM command not allowed when used memory > maxmemory'));
    const refused = await cache({ redis: full });
    for (const question of ['Can I print double-sided?', 'Can I print double-sided?']) {
      const answer = await refused.complete('acme', ask(question)).catch((e: unknown) => e as Error);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `With Redis refusing writes (OOM) the request got ${answer instanceof Error ? `"${answer.message}"` : textOf(answer)}.\n${downIdea}`).toBe('stop');
    }

    for (const junk of ['{"choices": [', '{"error":"429 upstream"}']) {
      await lab.redis.admin.set(entry!.key, junk, 'EX', 60);
      const repaired = await (await cache()).complete('acme', request).catch((e: unknown) => e as Error);
      expect(repaired instanceof Error ? repaired.message : repaired.choices?.[0]?.finish_reason, `With ${junk} at its key the request got ${repaired instanceof Error ? `"${repaired.message}"` : JSON.stringify(repaired)}: an entry that is not a complete answer is a miss.\n${downIdea}`).toBe('stop');
      expect(JSON.parse((await lab.redis.admin.get(entry!.key)) ?? 'null'), `The answer replaces ${junk}.`).toEqual(repaired);
    }
  });
});
