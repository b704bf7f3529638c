// The contract the suite tests, shared with the reference solution: types, constants and
// key names. Keep it as it is; the work is in the other files of src/.
import type { Redis } from 'ioredis';

export interface Product {
  id: number;
  name: string;
  priceCents: number;
  description: string;
}

/** Every cached product and category lives ten minutes at most. */
export const PRODUCT_TTL_SECONDS = 600;
/** No string value and no hash field value may be longer than this many bytes. */
export const MAX_VALUE_BYTES = 2048;

/** `<prefix>product:<id>`: a string, the product as JSON. */
export const productKey = (keyPrefix: string, id: number): string =>
  `${keyPrefix}product:${id}`;

/** `<prefix>category:<id>`: a hash, one field per product: the id, and its JSON. */
export const categoryKey = (keyPrefix: string, categoryId: number): string =>
  `${keyPrefix}category:${categoryId}`;

/** The only eviction policies a cache of this lab may run under. */
export const CACHE_POLICIES = ['allkeys-lru', 'allkeys-lfu'] as const;
export type CachePolicy = (typeof CACHE_POLICIES)[number];

export interface SetupOptions {
  /** True when the app also keeps its sessions on this server. */
  holdsSessions?: boolean;
}

/** What the code under test gets: the connection, and the prefix of its every key. */
export interface CacheTarget {
  redis: Redis;
  keyPrefix: string;
}
