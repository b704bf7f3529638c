/**
 * Mistake: the invalidation removes the tag's pages and leaves its set
 * Replaces: invalidate-tag.ts
 * Caught by: 12.4
 *
 * The pages are what readers see, and they all go, in one checked step. The set stays,
 * still listing pages that no longer exist: it outlives its purpose until its TTL, gathers
 * every page cached again under the tag, and an idle shop fills with sets that list nothing.
 */
import type { Cluster } from 'ioredis';
import { runScript } from '../src/run-script.js';

const removePagesOnly = `
if redis.call('SCARD', KEYS[1]) ~= #KEYS - 1 then return -1 end
for i = 2, #KEYS do
  if redis.call('SISMEMBER', KEYS[1], KEYS[i]) == 0 then return -1 end
end
if #KEYS > 1 then redis.call('UNLINK', unpack(KEYS, 2)) end
return #KEYS - 1
`;

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  for (let attempt = 1; attempt <= 5; attempt++) {
    if (Number(await runScript(redis, removePagesOnly, [tagSet, ...(await redis.smembers(tagSet))])) >= 0) return;
  }
}
