// Lab 01 checks, part 3: redisTimeoutMs, both ways: a small value and a large one honoured.
// (The default of 250 ms: redis-timeout-default.test.ts; a bound on Redis only:
// slow-postgres.test.ts.) Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { answeredBy, cacheMaker, cachedThenChanged, FALLBACK, troubledRedis } from './cache-aside.support.js';

const lab = useLab('01');

const cacheWith = cacheMaker(lab);

const { slowRedis } = troubledRedis(lab);

describe('redisTimeoutMs, both ways', () => {
  it('01.14 a small redisTimeoutMs is honoured: 20 ms on a stalled Redis answers at once, and a reply 25 ms late is not waited for', async () => {
    const idea = `redisTimeoutMs is how long one Redis call may take; the caller chose it, so use it rather than a constant of your own. ${FALLBACK}`;
    const stalled = cacheWith({ redis: await lab.redis.stalledClient(), redisTimeoutMs: 20 });
    const product = await expectSettlesWithin(stalled.getProduct(12), 1000, 'getProduct(12) with redisTimeoutMs: 20 and Redis stalled', idea);
    expect(product?.id, idea).toBe(12);

    // The GET reaches Redis 25 ms after it is sent, by a timer in this process set once the
    // turn that sent it is over; the code's 20 ms timer, set in that turn, always fires
    // first. A floor of 100 ms would use the reply instead, unless a busy machine delayed
    // it by 75 ms more: three tries make that luck too rare to count on.
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const prices = await cachedThenChanged(lab, 13);
      const slow = await slowRedis(25);
      const read = (await cacheWith({ redis: slow.client, redisTimeoutMs: 20 }).getProduct(13))?.priceCents;
      await slow.drained();
      expect(read, `Redis answered 25 ms late and redisTimeoutMs was 20; the read was answered by ${answeredBy(read, prices)}. It should have given up on Redis after 20 ms and loaded from Postgres. A floor or rounding of your own (\`Math.max(ms, 100)\`) is a constant overriding the caller too. ${idea}`).toBe(prices.truthCents);
    }
  });

  it('01.15 a large redisTimeoutMs is honoured: with 10 s, a reply 300 ms late is still used', async () => {
    const prices = await cachedThenChanged(lab, 14);
    const slow = await slowRedis(300);
    const cache = cacheWith({ redis: slow.client, redisTimeoutMs: 10_000 });
    const idea = `redisTimeoutMs: 10000 means "wait up to 10 s for Redis". Giving up sooner sends reads to Postgres that Redis was about to answer. ${FALLBACK}`;
    const read = (await expectSettlesWithin(cache.getProduct(14), 5000, 'getProduct(14) with Redis answering after 300 ms', idea))?.priceCents;
    await slow.drained();
    expect(read, `Redis answered after 300 ms, well inside redisTimeoutMs (10000); the read was answered by ${answeredBy(read, prices)}. It should be a hit. ${idea}`).toBe(prices.cachedCents);
  });
});
