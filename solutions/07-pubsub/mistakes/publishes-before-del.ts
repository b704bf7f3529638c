/**
 * Mistake: the write announces the change first and deletes the Redis copy afterwards
 * Replaces: invalidate-tiers.ts
 * Caught by: 07.12
 *
 * "Tell the others as early as possible" sounds like the way to shorten the stale window,
 * and the DEL follows a fraction of a millisecond later, so the order looks immaterial.
 * It is not: the other instances drop their L1 copy the moment the message lands and
 * the next request on them goes straight to Redis, where the old profile still sits. They
 * read it, keep it in L1, and no further message will ever remove it. Delete L2 first,
 * then publish, so whoever hears the message can only find the new value or nothing.
 */
import type { Tiers } from '../src/invalidate-tiers.js';

export { warn } from '../src/invalidate-tiers.js'; // the read path logs through it

export async function invalidateTiers({ redis, dropLocal, publish }: Tiers, keys: string[]): Promise<void> {
  dropLocal(keys);
  await publish(keys).catch(() => {}); // the sooner the others know, the better
  await redis.del(...keys).catch(() => {});
}
