/**
 * Mistake: the script deletes the tag's pages and leaves the tag set
 * Replaces: invalidate-tag.ts
 * Caught by: 05.7
 *
 * The pages are what readers see, and they are all gone in one step, so the set looks
 * like bookkeeping that its TTL will clean up. It will not: every page cached later is
 * added to the same set and lengthens its TTL, so the set of a popular product only
 * grows, naming pages deleted long ago, and every invalidation deletes those dead keys
 * again. The set is part of what the tag held: delete it with its pages.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { LuaScript } from '../src/lua-script.js';

const DELETE_PAGES = new LuaScript(`
local pages = redis.call('SMEMBERS', KEYS[1])
for first = 1, #pages, 1000 do
  redis.call('UNLINK', unpack(pages, first, math.min(first + 999, #pages)))
end
return #pages
`);

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  return Number(await DELETE_PAGES.run(redis, [tagKey(keyPrefix, tag)]));
}
