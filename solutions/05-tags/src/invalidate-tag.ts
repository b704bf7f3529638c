import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { LuaScript } from './lua-script.js';

// #region invalidate-script
/**
 * KEYS[1] is a tag set. The script removes every page the set lists, then the set. Redis
 * runs a script whole, with no other client's command in between: no reader sees some of
 * the pages gone and others still there, and no writer can add a page to the set after
 * its members were read and before the set is deleted (that page would be left
 * unlisted, out of reach of every later invalidation). UNLINK frees the memory in a
 * background thread; unpack() takes at most a few thousand values, hence the batches.
 *
 * The page keys are not declared in KEYS. That is fine on one server; on Redis Cluster
 * a script may only touch keys of one slot, so pages and tag would need one hash tag.
 */
export const INVALIDATE_TAG_LUA = `
local pages = redis.call('SMEMBERS', KEYS[1])
for first = 1, #pages, 1000 do
  redis.call('UNLINK', unpack(pages, first, math.min(first + 999, #pages)))
end
redis.call('UNLINK', KEYS[1])
return #pages
`;
const INVALIDATE_TAG = new LuaScript(INVALIDATE_TAG_LUA);
// #endregion invalidate-script

// #region invalidate-tag
/** Removes every page listed under `tag`, and the tag set; resolves to how many it listed. */
export async function invalidateTag(
  redis: Redis,
  keyPrefix: string,
  tag: string,
): Promise<number> {
  return Number(await INVALIDATE_TAG.run(redis, [tagKey(keyPrefix, tag)]));
}
// #endregion invalidate-tag
