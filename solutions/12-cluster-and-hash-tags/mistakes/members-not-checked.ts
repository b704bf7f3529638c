/**
 * Mistake: the script deletes the members read a moment earlier, without checking the set
 * Replaces: invalidate-tag.ts
 * Caught by: 12.16
 *
 * Reading the set first and passing every page in KEYS is the right shape on a cluster,
 * and each step is atomic. But between the SMEMBERS and the script another process may
 * cache a page of the tag and add it to the set; the script deletes the set with that
 * member in it and leaves the page cached and listed nowhere, out of reach of every later
 * price change until its TTL ends.
 */
import type { Cluster } from 'ioredis';
import { runScript } from '../src/run-script.js';

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  const pages = await redis.smembers(tagSet);
  await runScript(redis, "redis.call('UNLINK', unpack(KEYS)) return #KEYS - 1", [tagSet, ...pages]);
}
