/**
 * Mistake: invalidateTag logs a Redis error and resolves anyway
 * Replaces: invalidate-tag.ts
 * Caught by: 05.16
 *
 * updatePrice must not fail when Redis does (its UPDATE has committed), so catching the
 * error inside the invalidation itself looks like the place to do it once, for every
 * caller. But invalidateTag is a promise too: an admin tool that calls it after a bulk
 * import resolves, reports the pages gone, and they are served stale for their whole TTL.
 * Catch where the caller can go on without the pages gone (updatePrice), not inside.
 */
import type { Redis } from 'ioredis';
import { invalidateTag as invalidateOrReject } from '../src/invalidate-tag.js';

export { INVALIDATE_TAG_LUA } from '../src/invalidate-tag.js';

export async function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  try {
    return await invalidateOrReject(redis, keyPrefix, tag);
  } catch (error) {
    console.warn(`[pages] could not invalidate ${tag}: ${String(error)}`);
    return 0;
  }
}
