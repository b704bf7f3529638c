// Lab 01 checks, part 5b: updatePrice's bound on Redis (the default, a small value and a
// large one) and a failing UPDATE. Its own file, so that its waits run beside part 5's.
// Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import { createProductCache } from './src/product-cache.js';
import { healthyCaches, LESSON, troubledRedis } from './cache-aside.support.js';

const lab = useLab('01');
const cacheWith = healthyCaches(lab);

const { slowRedis } = troubledRedis(lab);

describe('updatePrice and its limits', () => {
  it('01.27 updatePrice honours redisTimeoutMs: its 250 ms default, a small value and a large one', async () => {
    const idea = `The invalidation is a Redis call like the others: it waits for Redis up to redisTimeoutMs (250 ms when not given), no less and no more. Less, and updatePrice resolves before the old price is gone; more, and a price change waits on a sick Redis longer than the caller allowed (${LESSON}, "Invalidate on write").`;
    const outcome = (write: Promise<unknown>, reached: () => number) =>
      write.then((p) => ({ cents: (p as { priceCents?: number } | null)?.priceCents, reached: reached() }), (error: unknown) => ({ cents: `rejected: ${String(error)}`, reached: reached() }));

    // Three independent writes, each on its own Redis and product, waited on together.
    /** updatePrice(id, cents) with Redis answering `lateMs` late: its result, and how many DELs had reached Redis when it resolved. */
    const lateReply = async (id: number, cents: number, lateMs: number, redisTimeoutMs?: number) => {
      const late = await slowRedis(lateMs);
      const bound = redisTimeoutMs === undefined ? 'no redisTimeoutMs' : `redisTimeoutMs: ${redisTimeoutMs}`;
      const situation = `updatePrice(${id}, ${cents}) with ${bound} and Redis answering ${lateMs} ms late`;
      const cache = createProductCache({ redis: late.client, db: lab.db.pool, keyPrefix: lab.redis.prefix, ...(redisTimeoutMs === undefined ? {} : { redisTimeoutMs }) });
      const answered = await expectSettlesWithin(outcome(cache.updatePrice(id, cents), late.reached), LIVENESS_MS, situation, idea);
      await late.drained();
      expect(answered.cents, `${situation}. ${idea}`).toBe(cents);
      return answered.reached;
    };
    // Each bound is judged by which comes first, its timer or Redis's reply, never by a
    // duration, so a busy machine cannot change the verdict.
    const stalledByDefault = async () => {
      const stalled = createProductCache({ redis: await lab.redis.stalledClient(), db: lab.db.pool, keyPrefix: lab.redis.prefix });
      const answered = await expectSettlesWithin(outcome(stalled.updatePrice(1, 101), () => 0), LIVENESS_MS, 'updatePrice(1, 101) with Redis stalled and no redisTimeoutMs', idea);
      expect(answered.cents, `updatePrice(1, 101) with Redis stalled and no redisTimeoutMs. ${idea}`).toBe(101);
    };
    const patientByDefault = async () => {
      const reached = await lateReply(4, 404, 50);
      expect(reached, `With no redisTimeoutMs and Redis answering 50 ms late, updatePrice(4, 404) resolved before its DEL had even reached Redis: it did not wait the default 250 ms. ${idea}`).toBeGreaterThan(0);
    };
    const boundedByDefault = async () => {
      const reached = await lateReply(5, 505, 400);
      expect(reached, `With no redisTimeoutMs and Redis answering 400 ms late, updatePrice(5, 505) waited until its DEL had gone to Redis: the default bound is 250 ms, no more. ${idea}`).toBe(0);
    };
    const large = async () => {
      const reached = await lateReply(2, 202, 400, 10_000);
      expect(reached, `With redisTimeoutMs: 10000 and Redis answering 400 ms late, updatePrice(2, 202) resolved before its DEL had even reached Redis: it gave up sooner than the caller allowed. ${idea}`).toBeGreaterThan(0);
    };
    const small = async () => {
      const reached = await lateReply(3, 303, 150, 30);
      expect(reached, `With redisTimeoutMs: 30 and Redis answering 150 ms late, updatePrice(3, 303) waited until its DEL had gone to Redis, more than 120 ms past the bound. ${idea}`).toBe(0);
    };
    await Promise.all([stalledByDefault(), patientByDefault(), boundedByDefault(), large(), small()]);
  });

  it('01.28 a failing UPDATE makes updatePrice reject: null means "no such product", not "the write failed"', async () => {
    const cache = cacheWith();
    const restore = lab.db.failQueries(/\bUPDATE\s+products\b/i);
    const outcome = await cache.updatePrice(4, 404).then((value) => `resolved with ${JSON.stringify(value)}`, () => 'rejected');
    restore();
    expect(
      outcome,
      `While Postgres failed the UPDATE, updatePrice(4, 404) ${outcome}; expected it to reject. Catch what may fail after the commit (the DEL), not the database write: a caller told null believes the product does not exist, and a caller told nothing believes the price changed (${LESSON}, "Invalidate on write").`,
    ).toBe('rejected');
    expect((await cache.updatePrice(4, 404))?.priceCents, 'Once Postgres recovered, updatePrice(4, 404) should return the product at 404.').toBe(404);
  });
});
