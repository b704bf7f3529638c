/**
 * Mistake: a write puts the new profile into Redis instead of deleting the old one
 * Replaces: profile-cache.ts
 * Caught by: 07.16
 *
 * The writer has the fresh row in hand, so SET it into L2 and spare the next reader a
 * query; the message still names only the key. With one writer at a time that is right.
 * With two, it is a race: A commits, pauses (a GC, a slow network), B commits a newer row
 * and SETs it, then A wakes up and SETs its older row over B's. Postgres says "B", Redis
 * says "A" for the next five minutes, and every instance that re-reads after the message
 * installs A's profile. DEL cannot lose that race: the next read loads whatever committed last.
 */
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { encodeInvalidation } from '../src/invalidation-message.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const tiers = profileTiers(options);
  const { redis, channel, l1, ttlSeconds } = tiers;
  return Object.assign(profileCache(await TwoTierCache.open(tiers), options), {
    async updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
      const profile = await contract.updateProfileRow(options.db, userId, changes);
      if (!profile) return null;
      const key = contract.profileKey(options.keyPrefix, userId);
      // L2 holds the fresh row at once: nobody needs to query for it
      await redis.set(key, JSON.stringify(profile), 'EX', ttlSeconds).catch(() => null);
      l1.delete(key);
      await redis.publish(channel, encodeInvalidation([key])).catch(() => {});
      return profile;
    },
  });
}
