/**
 * Mistake: a miss fills the cache with a plain SET, checking nothing
 * Replaces: read-product.ts
 * Caught by: 03.4, 03.8, 03.17
 *
 * This is the textbook cache-aside read, and the write paths are right: they commit,
 * then delete or replace the entry and move the fence. But nobody reads the fence. A
 * reader that loaded the old row just before a commit and fills just after the write's
 * DEL (or SET) puts the old row back, and it stays for the whole TTL.
 */
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type Product } from '../../../labs/03-write-strategies/src/contract.js';
import type { ProductKeys } from '../src/keys.js';

export async function readProduct(
  redis: Redis,
  keys: ProductKeys,
  load: () => Promise<Product | null>,
): Promise<Product | null> {
  const hit = await redis.get(keys.value);
  if (hit !== null) return JSON.parse(hit) as Product;
  const row = await load();
  if (row) await redis.set(keys.value, JSON.stringify(row), 'EX', PRODUCT_TTL_SECONDS);
  return row;
}
