/**
 * Mistake: the script is loaded once per process, then only ever called by its SHA
 * Replaces: invalidate-tag.ts
 * Caught by: 05.19
 *
 * SCRIPT LOAD at first use, then EVALSHA: the script body crosses the network once, not
 * on every price change, and the SHA is remembered so nothing is loaded twice. But the
 * server's script cache is not durable: a restart, a failover to a replica or a SCRIPT
 * FLUSH empties it, and from then on every EVALSHA answers NOSCRIPT. The process still
 * believes the script is loaded, so every invalidation fails until it restarts too. Fall
 * back to EVAL (which loads it again) whenever the server answers NOSCRIPT.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { INVALIDATE_TAG_LUA } from '../src/invalidate-tag.js';

let loaded: Promise<string> | undefined;

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  loaded ??= redis.script('LOAD', INVALIDATE_TAG_LUA) as Promise<string>;
  return Number(await redis.evalsha(await loaded, 1, tagKey(keyPrefix, tag)));
}
