/**
 * Mistake: the writer leaves its own L1 copy for its own message to remove
 * Replaces: invalidate-tiers.ts
 * Caught by: 07.13
 *
 * The writer is subscribed to the channel like everyone else, so its own PUBLISH comes
 * back to it and drops the key from its L1: one code path for every instance, no special
 * case. In a test on one machine the message is back before the next line runs. On a
 * real network it takes a round trip on another socket, and a request that reads right
 * after its own write (the usual "save, then show the page") gets the old profile from
 * L1. If the message is lost, the writer keeps it until the age bound. Drop your own copy
 * yourself, during the write.
 */
import type { Tiers } from '../src/invalidate-tiers.js';

export { warn } from '../src/invalidate-tiers.js'; // the read path logs through it

export async function invalidateTiers({ redis, publish }: Tiers, keys: string[]): Promise<void> {
  await redis.del(...keys).catch(() => {});
  await publish(keys).catch(() => {}); // comes back to us too
}
