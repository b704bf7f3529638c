/**
 * Mistake: the writer drops its own L1 copy last, after the PUBLISH has been answered
 * Replaces: invalidate-tiers.ts
 * Caught by: 07.13
 *
 * Shared state first, local tidying last: the drop sits in a `finally`, so it happens
 * whatever Redis says, and before updateProfile resolves, so a read after the write finds
 * the new profile and the write looks complete. But the PUBLISH takes a round trip, longer
 * on a slow network or a busy Redis, and for all that time the commit and the DEL are done
 * while this instance's L1 still holds the profile they replaced: every request the writer
 * serves meanwhile gets the old one. Drop your own copy before you publish: commit, DEL,
 * drop, PUBLISH.
 */
import { warn, type Tiers } from '../src/invalidate-tiers.js';

export { warn }; // the read path logs through it

export async function invalidateTiers({ redis, dropLocal, publish }: Tiers, keys: string[]): Promise<void> {
  await redis.del(...keys).catch(warn(`DEL ${keys.join(' ')} failed`));
  try {
    await publish(keys);
  } catch (error) {
    warn('PUBLISH failed')(error);
  } finally {
    dropLocal(keys); // ours last, once everyone else has been told
  }
}
