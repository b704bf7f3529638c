/**
 * Mistake: a Redis error during the invalidation fails the whole write
 * Replaces: invalidate-tiers.ts
 * Caught by: 07.18
 *
 * Letting the error propagate looks honest: the caller learns that the caches may be
 * stale. But the UPDATE has already committed. The request now answers 500 for a change
 * that happened, the client retries a write that succeeded, and the instance never got to
 * drop its own L1 copy. A cache is an optimisation: its failure may cost a database read,
 * never the request. Log it, drop your own copy, and let the L2 TTL and the L1 age bound
 * how long anyone else can see the old profile.
 */
import type { Tiers } from '../src/invalidate-tiers.js';

export { warn } from '../src/invalidate-tiers.js'; // the read path logs through it

export async function invalidateTiers({ redis, dropLocal, publish }: Tiers, keys: string[]): Promise<void> {
  await redis.del(...keys); // if Redis is down, the caller should hear about it
  dropLocal(keys);
  await publish(keys);
}
