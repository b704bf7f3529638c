// Lab 11 checks, part 4b: Redis down. Run: npm test labs/11-caching-llm-responses
// Every request still gets its answer from the model, and stats() says it cannot count.
import { describe, expect, it } from 'vitest';
import { LIVENESS_MS, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { DOWN_IDEA, LAB_OPTIONS, ask, expectCalls, expectStreamWithout, setUp, textOf } from './cache.support.js';

const lab = useLab('11', LAB_OPTIONS);

describe('Redis down', () => {
  it('11.15 with Redis down, every request, streamed or not, is answered by the model within the bound, and stats() says it cannot count', async () => {
    const { server, cache } = await setUp(lab);
    const llm = await cache({ redis: await lab.redis.downClient(), redisTimeoutMs: 100 });
    const request = ask('Where do I return a book after hours?');
    for (const round of [1, 2]) {
      const answer = await expectSettlesWithin(llm.complete('acme', request).catch((e: unknown) => e as Error), LIVENESS_MS, `request ${round} with nothing listening on Redis's port`, DOWN_IDEA);
      expect(answer instanceof Error ? answer.message : answer.choices[0]?.finish_reason, `Request ${round} with Redis down got ${answer instanceof Error ? `the error "${answer.message}"` : textOf(answer)}.\n${DOWN_IDEA}`).toBe('stop');
    }
    await expectStreamWithout(llm, request, 'with nothing listening on Redis\'s port');
    expectCalls(server, 3, 'Two requests and a streamed one with Redis down', DOWN_IDEA);
  });
});
