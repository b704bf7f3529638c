/**
 * Mistake: the tag's pages found by SCAN on every primary
 * Replaces: invalidate-tag.ts
 * Caught by: 12.5, 12.8
 *
 * Scanning each primary in turn (cluster.nodes('master')) fixes what KEYS on one node
 * missed, and SCAN never blocks the server for long. It still walks every key of every
 * node on each price change, and what it finds is removed one key at a time, in no single
 * step: a reader sees some of the tag's pages gone and others still there.
 */
import type { Cluster } from 'ioredis';

export async function invalidateTagSet(redis: Cluster, tagSet: string): Promise<void> {
  const pages = await redis.smembers(tagSet);
  for (const node of redis.nodes('master')) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', `${tagSet.slice(0, tagSet.indexOf('}') + 1).replace(/[{}[\]*?]/g, '\\$&')}*`, 'COUNT', 200);
      cursor = next;
      for (const key of found) if (pages.includes(key)) await redis.unlink(key);
    } while (cursor !== '0');
  }
  await redis.unlink(tagSet);
}
