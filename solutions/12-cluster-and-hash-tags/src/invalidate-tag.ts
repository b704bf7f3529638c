import type { Cluster } from 'ioredis';
import { runScript } from './run-script.js';

/** Tries before giving up when pages keep joining the set between the read and the script. */
const ATTEMPTS = 5;

// #region invalidate-tag
/**
 * Removes every page listed in `tagSet`, and the set, in one step. It reads the set, then
 * runs a script whose KEYS are the set (KEYS[1]) and every page it listed: the script
 * checks that the set still lists exactly those pages, removes them and the set, or
 * answers -1 when the set changed in between, and the set is read again. Every key is
 * declared: the cluster checks all of them before running anything, and while their slot
 * moves it answers ASK or TRYAGAIN, which the client follows, instead of letting the
 * script miss pages that already left for another node.
 */
export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  const removeListed = `
if redis.call('SCARD', KEYS[1]) ~= #KEYS - 1 then return -1 end
for i = 2, #KEYS do
  if redis.call('SISMEMBER', KEYS[1], KEYS[i]) == 0 then return -1 end
end
for first = 2, #KEYS, 1000 do
  redis.call('UNLINK', unpack(KEYS, first, math.min(first + 999, #KEYS)))
end
redis.call('UNLINK', KEYS[1])
return #KEYS - 1
`;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const pages = await redis.smembers(tagSet);
    if (Number(await runScript(redis, removeListed, [tagSet, ...pages])) >= 0) return;
  }
  throw new Error(`${tagSet} kept changing while it was invalidated`);
}
// #endregion invalidate-tag
