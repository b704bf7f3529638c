/**
 * Mistake: every invalidation that removed pages logs a line
 * Replaces: invalidate-tag.ts
 * Caught by: 05.1
 *
 * A line per invalidation looks useful while debugging, and quiet when it removed nothing.
 * In production every price change writes one: thousands an hour, at a level someone has
 * to read, and the warning that Redis refused a write drowns among them.
 */
import type { Redis } from 'ioredis';
import { invalidateTag as removeQuietly } from '../src/invalidate-tag.js';

export { INVALIDATE_TAG_LUA } from '../src/invalidate-tag.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const removed = await removeQuietly(redis, keyPrefix, tag);
  if (removed > 0) console.info(`[pages] invalidated ${tag}: ${removed} page(s)`);
  return removed;
}
