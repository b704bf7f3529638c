// Lab 11 checks, part 4: a stalled Redis. Run: npm test labs/11-caching-llm-responses
// The cache saves time and money; it must never be the reason a request fails or hangs.
// (Redis down, slow, refusing writes or holding junk: redis-faults.test.ts, beside this file.)
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DOWN_IDEA, LAB_OPTIONS, ask, expectCalls, expectStreamWithout, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

describe('Redis stalled', () => {
  it('11.16 with Redis stalled, the model answers within the bound, streams too: redisTimeoutMs (default 250) ends every wait on Redis, stats() included', async () => {
    const { server, cache } = await setUp(lab);
    const request = ask('Is there a quiet floor?');
    // The three run at once, each on a stalled server of its own: the check waits for the
    // longest bound (the default's), not for their sum.
    const requests = [{ redisTimeoutMs: undefined }, { redisTimeoutMs: 100 }].map(async (overrides) => {
      const llm = await cache({ redis: await lab.redis.stalledClient(), ...overrides });
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `a request while Redis accepts connections and never answers (${JSON.stringify(overrides)})`, `A stalled Redis never sends an error: only a timeout of your own ends the wait. Race each Redis command against redisTimeoutMs.\n${DOWN_IDEA}`);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `With Redis stalled the request got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${DOWN_IDEA}`).toBe('stop');
    });
    const streamed = cache({ redis: await lab.redis.stalledClient(), redisTimeoutMs: 100 }).then((llm) => expectStreamWithout(llm, request, 'while Redis never answers (redisTimeoutMs 100)'));
    await Promise.all([...requests, streamed]);
    expectCalls(server, 3, 'A request on each stalled Redis, and a streamed one', DOWN_IDEA);
  });
});
