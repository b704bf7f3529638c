// Lab 05: removes the cached pages that show a tag, e.g. every page with product 7 on it.
import type { Redis } from 'ioredis';
import { pageKey } from './contract.js';

/** Deletes the pages of `tag`; resolves to how many were deleted. */
export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  // Pages are named after what they show, so look them up by name.
  // TODO(05): KEYS walks every key in the database and blocks Redis while it does.
  // TODO(05): `page:product:1*` also matches page:product:10 to page:product:19.
  // TODO(05): a category listing or a search that shows the product is not named after it.
  const keys = await redis.keys(`${pageKey(keyPrefix, tag)}*`);
  if (keys.length === 0) return 0;
  return redis.del(...keys);
}
