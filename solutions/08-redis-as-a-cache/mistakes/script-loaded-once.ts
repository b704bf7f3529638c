/**
 * Mistake: the update's script is loaded once per process, then called by EVALSHA only
 * Replaces: categories.ts
 * Caught by: 08.19
 *
 * SCRIPT LOAD then EVALSHA sends the source once instead of with every update, which is
 * what the digest is for. But the server keeps scripts in memory only: after a restart,
 * a failover or SCRIPT FLUSH, every EVALSHA fails with NOSCRIPT, and nothing loads it again.
 */
import type { Redis } from 'ioredis';
import { updateProduct as updateInScript } from '../src/categories.js';
export { cacheCategory } from '../src/categories.js';

const loaded = new Map<string, string>(); // script source -> SHA1, remembered for the process's life

export const updateProduct: typeof updateInScript = (target, id, product) => {
  const redis = new Proxy(target.redis, {
    get: (real, name) =>
      name === 'eval'
        ? async (script: string, numKeys: number, ...args: (string | number)[]) => {
            let sha = loaded.get(script);
            if (sha === undefined) {
              sha = (await real.script('LOAD', script)) as string;
              loaded.set(script, sha);
            }
            return real.evalsha(sha, numKeys, ...args);
          }
        : Reflect.get(real, name, real),
  }) as Redis;
  return updateInScript({ ...target, redis }, id, product);
};
