// Lab 14 reference: checks that pass on the working cache and fail on every broken one.
// Each looks at what a user of the cache can observe: what reads return, the keys under
// the prefix and their TTLs, and the statements Postgres received. None depends on how
// the cache names its keys or on how long anything takes.
import { expect } from 'vitest';
import {
  check,
  MISSING_TTL_SECONDS,
  PRODUCT_TTL_SECONDS,
  type CheckTools,
  type Product,
  type ProductCache,
} from '../../../labs/14-testing-a-cache/src/contract.js';

/** Every key under the prefix with its PTTL, found with SCAN (KEYS would block a shared server). */
export async function cachedKeys({ redis, prefix }: CheckTools): Promise<{ key: string; pttlMs: number }[]> {
  const keys: string[] = [];
  for await (const batch of redis.scanStream({ match: `${prefix}*`, count: 1000 })) keys.push(...(batch as string[]));
  return Promise.all(keys.map(async (key) => ({ key, pttlMs: await redis.pttl(key) })));
}

/** The row as Postgres holds it, shaped like a Product: what every read must equal. */
export async function rowOf({ db }: CheckTools, id: number): Promise<Product | undefined> {
  const rows = await db.sql<Product>(
    'SELECT id, sku, name, category, price_cents AS "priceCents", updated_at AS "updatedAt" FROM products WHERE id = $1',
    [id],
  );
  return rows[0];
}

/**
 * Exactly one key under the prefix, living about `seconds`: bounded both ways, since a key
 * that never expires (-1) is below any upper bound and one set in the wrong unit is above zero.
 */
async function expectOneKeyLiving(tools: CheckTools, seconds: number, slackSeconds: number): Promise<void> {
  const keys = await cachedKeys(tools);
  expect(keys).toHaveLength(1);
  expect(keys[0]!.pttlMs).toBeGreaterThan((seconds - slackSeconds) * 1000);
  expect(keys[0]!.pttlMs).toBeLessThanOrEqual(seconds * 1000);
}

/** Looks up an id with no row twice: both null, and only the first reaches Postgres. */
export async function lookUpMissingTwice(tools: CheckTools): Promise<void> {
  const cache = tools.makeCache();
  expect(await cache.getProduct(9_999)).toBeNull();
  expect(await cache.getProduct(9_999)).toBeNull();
  expect(tools.db.count()).toBe(1);
}

/**
 * Holds the UPDATE of `writer.updatePrice` open and has `reader` read meanwhile (it loads
 * the old row and caches it); after the commit, a read must show the new price.
 */
export async function readWhileUpdating(tools: CheckTools, writer: ProductCache, reader: ProductCache): Promise<void> {
  const held = tools.db.holdQueries(/UPDATE/);
  const updating = writer.updatePrice(10, 3_456);
  await held.reached;
  await reader.getProduct(10);
  held.release();
  await updating;
  expect((await reader.getProduct(10))!.priceCents).toBe(3_456);
}

/** A bound on a call that could hang: far above the 50 ms timeout the stalled checks use. */
export const HANG_MS = 1_000;

export const readsComeBackWhole = check('each product comes back as its row: loaded once, then a hit here and in another process', async (tools) => {
  const [first, second] = [tools.makeCache(), tools.makeCache()];
  // toEqual tells a Date from its ISO text, and product 1 from product 2.
  for (const cache of [first, first, second]) {
    for (const id of [1, 2]) expect(await cache.getProduct(id)).toEqual(await rowOf(tools, id));
  }
  expect(tools.db.count()).toBe(2);
});

export const productTtl = check('a read leaves one key under the prefix, with the product TTL of an hour', async (tools) => {
  await tools.makeCache().getProduct(4);
  await expectOneKeyLiving(tools, PRODUCT_TTL_SECONDS, 60);
});

export const hitKeepsTtl = check('a hit does not renew the TTL', async (tools) => {
  const cache = tools.makeCache();
  await cache.getProduct(5);
  const [entry] = await cachedKeys(tools);
  // Age the entry without waiting: the time left is now 20 s, whatever the cache chose.
  await tools.redis.pexpire(entry!.key, 20_000);
  await cache.getProduct(5);
  expect(tools.db.count()).toBe(1);
  expect(await tools.redis.pttl(entry!.key)).toBeLessThanOrEqual(20_000);
});

export const missingRemembered = check('a missing product is remembered as missing for a minute', async (tools) => {
  await lookUpMissingTwice(tools);
  await expectOneKeyLiving(tools, MISSING_TTL_SECONDS, 10);
});

export const errorNotCached = check('a failing query rejects, caches nothing, and the next read recovers', async (tools) => {
  const cache = tools.makeCache();
  const restore = tools.db.failQueries(/SELECT/);
  await expect(cache.getProduct(6)).rejects.toThrow();
  restore();
  expect(await cache.getProduct(6)).toEqual(await rowOf(tools, 6));
});

export const updateOnlyThatProduct = check('updatePrice drops that product only: another stays a hit', async (tools) => {
  const cache = tools.makeCache();
  await cache.getProduct(8);
  await cache.getProduct(9);
  await cache.updatePrice(8, 2_345);
  await cache.getProduct(9);
  expect(tools.db.count('select')).toBe(2);
});

export const readDuringUpdate = check('after updatePrice another process shows the new price, even one that read during the UPDATE', async (tools) => {
  await readWhileUpdating(tools, tools.makeCache(), tools.makeCache());
});

export const stalledRead = check('with Redis stalled, reads answer from Postgres after redisTimeoutMs', async (tools) => {
  const cache = tools.makeCache({ redis: await tools.stalledRedis(), redisTimeoutMs: 50 });
  expect(await tools.within(cache.getProduct(11), HANG_MS)).toEqual(await rowOf(tools, 11));
});

export const stalledUpdate = check('with Redis stalled, updatePrice still commits and resolves', async (tools) => {
  const cache = tools.makeCache({ redis: await tools.stalledRedis(), redisTimeoutMs: 50 });
  expect((await tools.within(cache.updatePrice(12, 4_567), HANG_MS))!.priceCents).toBe(4_567);
});

export const checks = [
  readsComeBackWhole,
  productTtl,
  hitKeepsTtl,
  missingRemembered,
  errorNotCached,
  updateOnlyThatProduct,
  readDuringUpdate,
  stalledRead,
  stalledUpdate,
];
