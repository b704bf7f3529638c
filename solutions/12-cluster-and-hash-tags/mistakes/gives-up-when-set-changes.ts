/**
 * Mistake: when the tag set changed under it, the invalidation gives up after one try
 * Replaces: invalidate-tag.ts
 * Caught by: 12.16
 *
 * The script checks that the set still lists what was read, so it never deletes a set
 * with an unseen page in it: the hard part is right. But when the check fails it removes
 * nothing and the call resolves as if it had worked. The price changed in Postgres, and
 * every page of the product, the one that just joined included, keeps the old price.
 */
import type { Cluster } from 'ioredis';
import { runScript } from '../src/run-script.js';

const removeIfUnchanged = `
if redis.call('SCARD', KEYS[1]) ~= #KEYS - 1 then return -1 end
for i = 2, #KEYS do
  if redis.call('SISMEMBER', KEYS[1], KEYS[i]) == 0 then return -1 end
end
redis.call('UNLINK', unpack(KEYS))
return #KEYS - 1
`;

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  await runScript(redis, removeIfUnchanged, [tagSet, ...(await redis.smembers(tagSet))]);
}
