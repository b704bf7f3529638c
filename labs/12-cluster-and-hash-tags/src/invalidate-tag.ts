// Lab 12: removes the pages listed under a tag, as lab 05 did on one Redis.
import type { Cluster } from 'ioredis';

const INVALIDATE = `local pages = redis.call('SMEMBERS', KEYS[1])
for _, page in ipairs(pages) do redis.call('UNLINK', page) end
redis.call('UNLINK', KEYS[1])
return #pages`;

export async function invalidateTag(redis: Cluster, keyPrefix: string, category: string, tagSet: string): Promise<void> {
  // TODO(12): the script reaches pages it never declared. A cluster lets a script touch
  //           only keys in the slot of its declared keys, and the pages live elsewhere.
  const removed = Number(await redis.eval(INVALIDATE, 1, tagSet));
  if (removed > 0) return;
  // TODO(12): with no set, the pages are looked for by name. KEYS walks a node's whole
  //           keyspace, and a cluster client sends it to one node of several.
  const pages = await redis.keys(`${keyPrefix}page:${category}:*`);
  if (pages.length > 0) await redis.del(...pages);
}
