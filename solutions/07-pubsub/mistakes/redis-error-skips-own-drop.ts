/**
 * Mistake: when Redis fails during a write, the writer's own L1 copy is left in place
 * Replaces: invalidate-tiers.ts
 * Caught by: 07.18
 *
 * The invalidation is wrapped in one try/catch, so a Redis outage no longer fails the
 * write: that part is right. But the local drop sits inside the try, after the DEL, and
 * the DEL is what throws. The one copy the writer could always remove, without any
 * network, stays in its L1, and the user who just saved a change sees the old profile on
 * the next page for as long as the age bound allows. Drop your own copy whatever Redis says.
 */
import type { Tiers } from '../src/invalidate-tiers.js';

export { warn } from '../src/invalidate-tiers.js'; // the read path logs through it

export async function invalidateTiers({ redis, dropLocal, publish }: Tiers, keys: string[]): Promise<void> {
  try {
    await redis.del(...keys);
    dropLocal(keys);
    await publish(keys);
  } catch (error) {
    console.warn(`[profiles] could not invalidate ${keys.join(' ')}: ${String(error)}`);
  }
}
