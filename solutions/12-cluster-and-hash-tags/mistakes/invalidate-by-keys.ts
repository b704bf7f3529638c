/**
 * Mistake: a tag's pages found with KEYS, as if the cluster were one Redis
 * Replaces: invalidate-tag.ts
 * Caught by: 12.3, 12.5
 *
 * KEYS with the category's hash tag in its pattern looks targeted. But KEYS walks a whole
 * node's keyspace, and the cluster client sends it to one node of several, not to the
 * node of the pattern's slot: most of the time it finds nothing, and the old price stays.
 */
import type { Cluster } from 'ioredis';

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  const section = tagSet.slice(0, tagSet.indexOf('}') + 1);
  const pages = await redis.keys(`${section.replace(/[{}[\]*?]/g, '\\$&')}:page:*`);
  for (const page of pages) await redis.unlink(page);
  await redis.unlink(tagSet);
}
