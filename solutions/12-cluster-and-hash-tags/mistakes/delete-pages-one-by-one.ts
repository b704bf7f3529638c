/**
 * Mistake: SMEMBERS, then one UNLINK per page
 * Replaces: invalidate-tag.ts
 * Caught by: 12.8
 *
 * Every page of the tag is removed and nothing crosses a slot, so the cluster accepts all
 * of it. But each UNLINK is a step of its own: between them a reader sees the listing at
 * the new price next to a product page at the old one, and a page cached meanwhile is
 * left listed in a set that is then deleted.
 */
import type { Cluster } from 'ioredis';

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  for (const page of await redis.smembers(tagSet)) await redis.unlink(page);
  await redis.unlink(tagSet);
}
