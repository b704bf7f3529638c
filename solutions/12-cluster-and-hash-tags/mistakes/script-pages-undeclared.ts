/**
 * Mistake: the invalidation script of lab 05, which reaches pages it never declared
 * Replaces: invalidate-tag.ts
 * Caught by: 12.11
 *
 * With the pages and their set under one hash tag, a script that reads the set and
 * UNLINKs its members runs fine on a cluster, and every check on a quiet cluster passes.
 * While the slot moves, though, the set may already be on the new node and the pages
 * still on the old one: the client follows ASK to where the set is, the script runs
 * there, and each UNLINK of a page that has not moved yet removes nothing. Those pages
 * then move over with the old price. Declared keys let the cluster refuse (TRYAGAIN)
 * until they are all in one place.
 */
import type { Cluster } from 'ioredis';
import { runScript } from '../src/run-script.js';

const INVALIDATE = `
local pages = redis.call('SMEMBERS', KEYS[1])
for _, page in ipairs(pages) do redis.call('UNLINK', page) end
redis.call('UNLINK', KEYS[1])
return #pages
`;

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  await runScript(redis, INVALIDATE, [tagSet]);
}
