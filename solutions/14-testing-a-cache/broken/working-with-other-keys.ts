/**
 * Not a broken cache: a second working cache, keeping every promise of the README with
 * another key layout and another encoding. The grader runs the learner's checks on it
 * too (14.1): a check that spells a key name (`prefix + 'product:4'`), parses the stored
 * JSON or expects the "not found" marker's text tests one way of writing the cache, not
 * the behaviour a user sees.
 *
 * Keys: `<keyPrefix>catalog/<id>/v2`. Values: a JSON array of the fields in a fixed
 * order, the date as epoch milliseconds; "no such product" is the empty string. TTLs
 * are given in milliseconds (PX).
 */
import { MISSING_TTL_SECONDS, PRODUCT_TTL_SECONDS, selectProduct, updateProductPrice } from '../../../labs/14-testing-a-cache/src/contract.js';
import type { Product, ProductCache, ProductCacheOptions } from '../../../labs/14-testing-a-cache/src/contract.js';
import { bounded } from '../../../labs/14-testing-a-cache/src/product-cache.js';

type Packed = [number, string, string, string, number, number];

const pack = (p: Product): string => JSON.stringify([p.id, p.sku, p.name, p.category, p.priceCents, p.updatedAt.getTime()] satisfies Packed);

function unpack(text: string): Product {
  const [id, sku, name, category, priceCents, updatedAtMs] = JSON.parse(text) as Packed;
  return { id, sku, name, category, priceCents, updatedAt: new Date(updatedAtMs) };
}

export function createProductCache({ redis, db, keyPrefix, redisTimeoutMs = 250, log = console.warn }: ProductCacheOptions): ProductCache {
  const keyOf = (id: number) => `${keyPrefix}catalog/${id}/v2`;
  const warn = (error: unknown) => log(`[catalog cache] ${String(error)}`);

  return {
    async getProduct(id) {
      const stored = await bounded(redis.get(keyOf(id)), redisTimeoutMs).then(
        (text) => ({ text }),
        (error: unknown) => (warn(error), undefined),
      );
      // Redis is unwell: Postgres answers, and the cache is left alone.
      if (!stored) return selectProduct(db, id);
      if (stored.text === '') return null;
      if (stored.text !== null) return unpack(stored.text);
      const product = await selectProduct(db, id);
      const ttlMs = (product ? PRODUCT_TTL_SECONDS : MISSING_TTL_SECONDS) * 1000;
      await bounded(redis.set(keyOf(id), product ? pack(product) : '', 'PX', ttlMs), redisTimeoutMs).catch(warn);
      return product;
    },
    async updatePrice(id, priceCents) {
      const product = await updateProductPrice(db, id, priceCents);
      await bounded(redis.unlink(keyOf(id)), redisTimeoutMs).catch(warn);
      return product;
    },
  };
}
