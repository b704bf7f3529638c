// Lab 01 checks, part 3b: redisTimeoutMs bounds Redis, never Postgres: a slow query is
// waited for, and started once. Run: npm test labs/01-cache-aside
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { cacheMaker, LESSON, sleep } from './cache-aside.support.js';

const lab = useLab('01');
const products = { table: 'products', kind: 'select' } as const;
const cacheWith = cacheMaker(lab);

describe('redisTimeoutMs is for Redis', () => {
  it('01.17 redisTimeoutMs bounds Redis only: a Postgres query slower than it is waited for, once', async () => {
    const redis = lab.redis.client();
    await redis.ping(); // connected: only Postgres is slow here
    const cache = cacheWith({ redis, redisTimeoutMs: 50 });
    const idea = `The timeout is for Redis, the optional part. Postgres is the source of truth: a slow query is waited for (its own timeout belongs to the pool), and never started twice because a timer fired (${LESSON}, "When Redis is down").`;
    const outcome = <T>(work: Promise<T>) => work.then((value) => value, (error: unknown) => `rejected: ${String(error)}`);
    /** Runs `work` with its first matching statement held three times redisTimeoutMs, then released. */
    const slowly = async <T>(statement: RegExp, work: () => Promise<T>, what: string) => {
      const held = lab.db.holdQueries(statement);
      const result = outcome(work());
      await expectSettlesWithin(held.reached, 2000, `${what} reaching Postgres`, idea);
      await sleep(150);
      held.release();
      return expectSettlesWithin(result, 3000, what, idea);
    };
    const read = await slowly(/FROM products/i, () => cache.getProduct(20), 'getProduct(20) with a slow SELECT');
    expect(read, `getProduct(20) with redisTimeoutMs: 50 and a SELECT taking 150 ms. ${idea}`).toMatchObject({ id: 20 });
    expectQueries(lab.db, products, 1, `One read of product 20, whose SELECT took 150 ms with redisTimeoutMs: 50. ${idea}`);
    const updated = await slowly(/UPDATE products/i, () => cache.updatePrice(20, 2020), 'updatePrice(20, 2020) with a slow UPDATE');
    expect(updated, `updatePrice(20, 2020) with redisTimeoutMs: 50 and an UPDATE taking 150 ms. ${idea}`).toMatchObject({ id: 20, priceCents: 2020 });
  });
});
