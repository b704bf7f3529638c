/**
 * Mistake: the script unlinks the set and all its pages in one call, with unpack()
 * Replaces: invalidate-tag.ts
 * Caught by: 05.13
 *
 * One script, one UNLINK: as atomic as it gets, and shorter than the batched loop. It
 * even survives an empty tag, since the set's own key is always there to pass. But Lua
 * can only unpack a few thousand values onto the stack (about 8,000 on Redis 7), so a
 * tag with more pages makes the script fail with "too many results to unpack": the
 * biggest, most popular tags are exactly the ones that can never be invalidated.
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';

const DROP_ALL = `
local pages = redis.call('SMEMBERS', KEYS[1])
redis.call('UNLINK', KEYS[1], unpack(pages))
return #pages
`;

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  return Number(await redis.eval(DROP_ALL, 1, tagKey(keyPrefix, tag)));
}
