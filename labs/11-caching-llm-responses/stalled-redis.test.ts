// Lab 11 checks, part 4: a stalled Redis. Run: npm test labs/11-caching-llm-responses
// The cache saves time and money; it must never be the reason a request fails or hangs.
// (Redis down, slow, refusing writes or holding junk: redis-faults.test.ts, beside this file.)
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { recordCommandLines } from '../../harness/lab/lab-redis.js';
import { DOWN_IDEA, LAB_OPTIONS, answerKeyPattern, ask, expectCalls, expectStreamWithout, namesCacheKey, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

describe('Redis stalled', () => {
  it('11.16 with Redis stalled, the model answers within the bound, streams too: redisTimeoutMs (default 250) ends every wait on Redis, stats() included', async () => {
    const { server, cache } = await setUp(lab);
    const request = ask('Is there a quiet floor?');
    const answerKey = answerKeyPattern(lab.redis.prefix);
    // The three run at once, each on a stalled server of its own: the check waits for the
    // longest bound (the default's), not for their sum.
    const requests = [{ redisTimeoutMs: undefined }, { redisTimeoutMs: 100 }].map(async (overrides) => {
      const stalled = await lab.redis.stalledClient();
      const sent = recordCommandLines(stalled);
      const llm = await cache({ redis: stalled, ...overrides });
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `a request while Redis accepts connections and never answers (${JSON.stringify(overrides)})`, `A stalled Redis never sends an error: only a timeout of your own ends the wait. Race each Redis command against redisTimeoutMs.\n${DOWN_IDEA}`);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `With Redis stalled the request got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${DOWN_IDEA}`).toBe('stop');
      // The first command is the read (with whatever keys it names, a lock taken in the same
      // script included); after it failed, only the answer and the counters may be named.
      const [, ...afterRead] = sent.filter((line) => line.some((arg) => arg.startsWith(lab.redis.prefix)));
      const locking = afterRead.filter((line) => line.some((arg) => namesCacheKey(lab.redis.prefix, arg) && !answerKey.test(arg)));
      expect(locking.map((line) => line.join(' ').slice(0, 160)), `After the read failed on a stalled Redis (${JSON.stringify(overrides)}), the request went on to send these commands on keys other than the answer's: a failed read is a miss, after which you skip the lock and call the model; a lock on a Redis that does not answer costs another redisTimeoutMs and locks nothing.\n${DOWN_IDEA}`).toEqual([]);
    });
    const streamed = cache({ redis: await lab.redis.stalledClient(), redisTimeoutMs: 100 }).then((llm) => expectStreamWithout(llm, request, 'while Redis never answers (redisTimeoutMs 100)'));
    await Promise.all([...requests, streamed]);
    expectCalls(server, 3, 'A request on each stalled Redis, and a streamed one', DOWN_IDEA);
  });
});
