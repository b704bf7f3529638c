/**
 * Mistake: the field is written only if the product is already a member (HEXISTS)
 * Replaces: categories.ts
 * Caught by: 08.18
 *
 * HEXISTS is false for a category that is not cached, so 08.11 passes, and a changed
 * member is updated. But a product that joins a cached category (new, or moved from
 * another) is left out of it until the whole category expires.
 */
import type { Redis } from 'ioredis';
import { updateProduct as updateInScript } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

export const updateProduct: typeof updateInScript = (target, id, product) => {
  // The real script, asking whether the field exists where it should ask about the key.
  const redis = new Proxy(target.redis, {
    get: (real, name) =>
      name === 'eval'
        ? (script: string, numKeys: number, ...args: (string | number)[]) =>
            real.eval(script.replace("redis.call('EXISTS', KEYS[2])", "redis.call('HEXISTS', KEYS[2], ARGV[1])"), numKeys, ...args)
        : Reflect.get(real, name, real),
  }) as Redis;
  return updateInScript({ ...target, redis }, id, product);
};
