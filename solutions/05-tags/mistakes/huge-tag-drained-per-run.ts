/**
 * Mistake: a tag is drained by running the script again and again, a thousand pages per run
 * Replaces: invalidate-tag.ts
 * Caught by: 05.13
 *
 * Each run is a script, whole: it pops up to a thousand members, unlinks them, and says
 * how many are left, and the code runs it until none are. Every tag of the shop has far
 * fewer than a thousand pages, so an invalidation is one run, one step, exactly as before,
 * and a tag of 12,000 pages is still removed completely; the runs are meant to keep one
 * script from holding the server for long. But a big tag is then removed in a dozen
 * steps, with other clients' commands between them: a reader sees some of its pages gone
 * and others still cached, and a page listed between two runs is popped by the next and
 * removed, but one cached after the last run is not. Batches belong inside the one step;
 * UNLINK already frees the memory off the main thread.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { LuaScript } from '../src/lua-script.js';

const DRAIN_SOME = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local pages = redis.call('SPOP', KEYS[1], 1000)
if #pages > 0 then redis.call('UNLINK', unpack(pages)) end
return redis.call('SCARD', KEYS[1])
`);

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  while (Number(await DRAIN_SOME.run(redis, [tagKey(keyPrefix, tag)])) > 0);
  return 0;
}
