/**
 * Mistake: the category's EXPIRE follows its HSET in a pipeline, not a transaction
 * Replaces: categories.ts
 * Caught by: 08.8
 *
 * HSET cannot carry a TTL, so a second command is needed, and the pipeline sends both in
 * one round trip. But a pipeline is not atomic: if the EXPIRE is lost (a dropped
 * connection, a timeout), the category never expires and serves its members for ever.
 */
import type { Redis } from 'ioredis';
import { cacheCategory as cacheInMulti } from '../src/categories.js';
export { updateProduct } from '../src/categories.js';

export const cacheCategory: typeof cacheInMulti = (target, id, products) => {
  // The real DEL, HSET and EXPIRE, queued on a pipeline where a MULTI was asked for.
  const redis = new Proxy(target.redis, {
    get: (real, name) => (name === 'multi' ? () => real.pipeline() : Reflect.get(real, name, real)),
  }) as Redis;
  return cacheInMulti({ ...target, redis }, id, products);
};
