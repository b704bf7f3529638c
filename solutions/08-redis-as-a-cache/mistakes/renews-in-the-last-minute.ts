/**
 * Mistake: reading a product renews its TTL once less than a minute is left
 * Replaces: products.ts
 * Caught by: 08.16
 *
 * Refresh-ahead by hand: a fresh copy keeps its TTL, so a check right after a write sees
 * nothing renewed, and a popular product never misses in the middle of traffic. But one
 * read at least once a minute near the end of its hour is renewed for ever: the TTL no
 * longer bounds how old its price can be.
 */
import { PRODUCT_TTL_SECONDS, productKey } from '../../../labs/08-redis-as-a-cache/src/contract.js';
import { readProducts as readOnly } from '../src/products.js';
export { writeProducts } from '../src/products.js';

const REFRESH_AHEAD_MS = 60_000;

export const readProducts: typeof readOnly = async (target, ids) => {
  const pipeline = target.redis.pipeline();
  for (const id of ids) pipeline.get(productKey(target.keyPrefix, id)).pttl(productKey(target.keyPrefix, id));
  const replies = (await pipeline.exec()) ?? [];
  return Promise.all(
    ids.map(async (id, i) => {
      const [[, text], [, pttl]] = [replies[2 * i]!, replies[2 * i + 1]!];
      if (typeof text !== 'string') return null;
      if (Number(pttl) >= 0 && Number(pttl) < REFRESH_AHEAD_MS) await target.redis.expire(productKey(target.keyPrefix, id), PRODUCT_TTL_SECONDS);
      return JSON.parse(text) as Awaited<ReturnType<typeof readOnly>>[number];
    }),
  );
};
