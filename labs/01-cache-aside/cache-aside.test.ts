// Lab 01 checks. Run: npm test labs/01-cache-aside
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  expectEveryKeyHasTtl,
  expectNoKeys,
  expectQueries,
  expectSettlesWithin,
  expectTtlsWithin,
} from '../../harness/lab/teach.js';
import { createProductCache } from './src/product-cache.js';
import type { ProductCacheOptions } from './src/contract.js';

const lab = useLab('01');
const LESSON = 'Lesson 01, Cache-aside';
const products = { table: 'products', kind: 'select' } as const;

function cacheWith(overrides: Partial<ProductCacheOptions> = {}) {
  return createProductCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...overrides });
}

describe('reads go through Redis', () => {
  it('01.1 the first read loads the product from Postgres', async () => {
    const product = await cacheWith().getProduct(1);
    expect(product, 'getProduct(1) should return the seeded product "Pour-over kettle #1"').toMatchObject({
      id: 1,
      sku: 'SKU-0001',
      priceCents: 625,
    });
    expectQueries(lab.db, products, 1, `A miss reads the row from Postgres once (${LESSON}, "The read path").`);
  });

  it('01.2 a second read is served from Redis: one database query in total', async () => {
    const cache = cacheWith();
    await cache.getProduct(2);
    const again = await cache.getProduct(2);
    expect(again?.id, 'the second getProduct(2) should return product 2').toBe(2);
    expectQueries(lab.db, products, 1, `After a miss fills the cache, reads are hits (${LESSON}, "The read path").`);
  });
});

describe('what Redis holds', () => {
  it("01.3 every key written has a TTL: the catalog's hour (3600 s)", async () => {
    await cacheWith().getProduct(3);
    const idea = `Every cache write carries a TTL, set in the same command (SET ... EX); catalog data may be an hour old (${LESSON}, "TTL on every write").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: 3_590_000, maxMs: 3_600_000 }, idea);
  });

  it('01.4 a cached product comes back with its types: updatedAt is a Date', async () => {
    const cache = cacheWith();
    const fromDb = await cache.getProduct(4);
    const fromCache = await cache.getProduct(4);
    const updatedAt: unknown = fromCache?.updatedAt;
    expect(
      updatedAt instanceof Date,
      `A hit returned updatedAt as ${typeof updatedAt} ${JSON.stringify(updatedAt)}; a miss returned a Date. ` +
        `JSON has no Date type: decode what you read so a hit looks exactly like a miss (${LESSON}, "Serialising values").`,
    ).toBe(true);
    expect(fromCache, 'the hit should equal what the miss returned').toEqual(fromDb);
  });

  it('01.5 a missing product is cached as "not found" for at most 60 s', async () => {
    const cache = cacheWith();
    expect(await cache.getProduct(999), 'product 999 does not exist: getProduct should return null').toBeNull();
    expect(await cache.getProduct(999), 'the second lookup should still return null').toBeNull();
    const idea = `Negative caching: remember "not found" briefly, so a burst of lookups for a missing id costs one query, and a product created later shows up within a minute (${LESSON}, "Caching not found").`;
    expectQueries(lab.db, products, 1, idea);
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: 1, maxMs: 60_000 }, idea);
  });
});

describe('when something fails', () => {
  const idea = `Redis is an optimisation: when it is down or stalls, reads fall back to Postgres after a short timeout (redisTimeoutMs, 250 ms by default) instead of failing or hanging (${LESSON}, "When Redis is down").`;

  it('01.6 with Redis down (nothing listening), reads still answer from Postgres', async () => {
    const cache = cacheWith({ redis: await lab.redis.downClient() });
    const product = await expectSettlesWithin(cache.getProduct(5), 2000, 'getProduct(5) with Redis down', idea);
    expect(product?.id, idea).toBe(5);
  });

  it('01.7 with Redis stalled (connected, never answering), reads answer from Postgres within a bound', async () => {
    const cache = cacheWith({ redis: await lab.redis.stalledClient() });
    const product = await expectSettlesWithin(cache.getProduct(6), 2000, 'getProduct(6) with Redis stalled', idea);
    expect(product?.id, idea).toBe(6);
  });

  it('01.8 a failing database query is not cached, and the next read recovers', async () => {
    const cache = cacheWith();
    const restore = lab.db.failQueries(/FROM products/i);
    const outcome = await cache.getProduct(7).then(
      (value) => `returned ${JSON.stringify(value)}`,
      () => 'rejected',
    );
    const idea2 = `An error is not an answer: let it reach the caller and cache nothing, or every reader gets the failure (or a false "not found") until the TTL ends (${LESSON}, "Caching not found").`;
    expect(outcome, `While Postgres failed, getProduct(7) ${outcome}; expected it to reject. ${idea2}`).toBe('rejected');
    await expectNoKeys(lab.redis, idea2);
    restore();
    expect((await cache.getProduct(7))?.id, `Once Postgres recovered, getProduct(7) should return product 7. ${idea2}`).toBe(7);
  });
});

describe('writes', () => {
  it('01.9 after updatePrice returns, the next read shows the new price', async () => {
    const cache = cacheWith();
    await cache.getProduct(8); // cached with the old price
    await cache.updatePrice(8, 4242);
    const after = await cache.getProduct(8);
    expect(
      after?.priceCents,
      `Read ${after?.priceCents} after updatePrice(8, 4242). A write must invalidate (DEL) the cached copy after the database commits, or readers see the old price until the TTL ends (${LESSON}, "Invalidate on write").`,
    ).toBe(4242);
  });
});
