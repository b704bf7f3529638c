// Lab 03: the read path both catalogs share, plain cache-aside as in lab 01.
import type { Redis } from 'ioredis';
import { PRODUCT_TTL_SECONDS, type Product } from './contract.js';

export async function readProduct(
  redis: Redis,
  key: string,
  load: () => Promise<Product | null>,
): Promise<Product | null> {
  const cached = await redis.get(key);
  if (cached !== null) return JSON.parse(cached) as Product;

  const product = await load();
  if (product !== null) {
    // TODO(03): this reader may have loaded the row just before a write committed, and
    // reach this line just after that write cleared the cache. It then stores the old
    // row for a full hour. What could it check, and when, to know a write came between?
    await redis.set(key, JSON.stringify(product), 'EX', PRODUCT_TTL_SECONDS);
  }
  return product;
}
