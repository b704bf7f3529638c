import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaScript = (
  redis: Redis,
  keys: string[],
  args: (string | number)[],
) => Promise<unknown>;

/**
 * A Lua script run by its SHA1 (EVALSHA), so the source crosses the network once per
 * server, not once per call. A server that has not seen it yet (fresh, restarted, or
 * after SCRIPT FLUSH) answers NOSCRIPT; then it is sent in full with EVAL, which also
 * caches it. Redis runs a script atomically: no other command runs in between.
 */
export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis, keys, args) => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String(error).includes('NOSCRIPT')) throw error;
      return redis.eval(source, keys.length, ...keys, ...args);
    }
  };
}
