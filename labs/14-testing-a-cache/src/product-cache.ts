// The cache your checks test: lab 01's read path with invalidation, working as its README
// says. Read it; do not change it (the grader runs your checks against this file, and
// against broken copies of it that you cannot see).
import { MISSING_TTL_SECONDS, PRODUCT_TTL_SECONDS, selectProduct, updateProductPrice } from './contract.js';
import type { Product, ProductCache, ProductCacheOptions } from './contract.js';

/** The one key of a product: `<keyPrefix>product:<id>`. */
export const productKey = (keyPrefix: string, id: number): string => `${keyPrefix}product:${id}`;

/** Stored for "no such product". No product's JSON starts with `!`. */
export const NOT_FOUND = '!not-found';

const encode = (product: Product): string => JSON.stringify(product);
/** JSON has no dates: revive `updatedAt` by its name, leave every other field as it came. */
const decode = (text: string): Product =>
  JSON.parse(text, (field, value: unknown) => (field === 'updatedAt' ? new Date(value as string) : value)) as Product;

/** Settles like `call`, or rejects after `ms`: a down or stalled Redis must cost time, never the answer. */
export function bounded<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

export function createProductCache({
  redis,
  db,
  keyPrefix,
  redisTimeoutMs = 250,
  log = console.warn,
}: ProductCacheOptions): ProductCache {
  const report = (what: string) => (error: unknown) => log(`[product cache] ${what}: ${String(error)}`);

  async function getProduct(id: number): Promise<Product | null> {
    const key = productKey(keyPrefix, id);
    let cached: string | null;
    try {
      cached = await bounded(redis.get(key), redisTimeoutMs);
    } catch (error) {
      // Redis is sick: answer from Postgres, and do not wait for it a second time to write.
      report('read failed, answering from Postgres')(error);
      return selectProduct(db, id);
    }
    if (cached === NOT_FOUND) return null;
    if (cached !== null) return decode(cached);

    // A loader error propagates and nothing is written: an error is not an answer.
    const product = await selectProduct(db, id);
    const [value, ttlSeconds] = product ? [encode(product), PRODUCT_TTL_SECONDS] : [NOT_FOUND, MISSING_TTL_SECONDS];
    await bounded(redis.set(key, value, 'EX', ttlSeconds), redisTimeoutMs).catch(report('cache write failed'));
    return product;
  }

  async function updatePrice(id: number, priceCents: number): Promise<Product | null> {
    const product = await updateProductPrice(db, id, priceCents);
    // After the commit, so a reader that loaded the old row meanwhile loses its copy too.
    await bounded(redis.del(productKey(keyPrefix, id)), redisTimeoutMs).catch(report(`could not invalidate product ${id}`));
    return product;
  }

  return { getProduct, updatePrice };
}
