/**
 * Mistake: the script catches a failing SMEMBERS (pcall) and answers 0
 * Replaces: invalidate-tag.ts
 * Caught by: 05.21
 *
 * A script that never errors looks robust: a tag key that is not a set (a bug elsewhere,
 * a key name reused) cannot break a price change. But the caller is told the invalidation
 * ran, when Redis removed nothing: the pages stay cached, stale, and nothing is logged
 * anywhere, because nothing failed as far as anyone can see.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { LuaScript } from '../src/lua-script.js';

export const INVALIDATE_TAG_LUA = `
local listed = redis.pcall('SMEMBERS', KEYS[1])
if listed.err then return 0 end
for first = 1, #listed, 1000 do
  redis.call('UNLINK', unpack(listed, first, math.min(first + 999, #listed)))
end
redis.call('UNLINK', KEYS[1])
return #listed
`;
const INVALIDATE_TAG = new LuaScript(INVALIDATE_TAG_LUA);

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  return Number(await INVALIDATE_TAG.run(redis, [tagKey(keyPrefix, tag)]));
}
