/**
 * Mistake: scripts are loaded once (SCRIPT LOAD) and then only ever called by EVALSHA
 * Replaces: lua-script.ts
 * Caught by: 03.26, 03.24
 *
 * Loading each script once and calling it by digest is the efficient way, and it works
 * for as long as the Redis it talked to keeps its script cache. A restart, a failover to
 * a replica, or a SCRIPT FLUSH empties that cache, and every EVALSHA then fails with
 * NOSCRIPT: every fill, invalidation and flush breaks until the process restarts. Fall
 * back to EVAL (which also reloads the script) when the server answers NOSCRIPT.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export type LuaScript = (redis: Redis, keys: string[], args: (string | number)[]) => Promise<unknown>;

const loaded = new WeakMap<Redis, Set<string>>();

export function luaScript(source: string): LuaScript {
  const sha = createHash('sha1').update(source).digest('hex');
  return async (redis, keys, args) => {
    const known = loaded.get(redis) ?? new Set<string>();
    loaded.set(redis, known);
    if (!known.has(sha)) {
      await redis.script('LOAD', source);
      known.add(sha);
    }
    return redis.evalsha(sha, keys.length, ...keys, ...args);
  };
}
