/**
 * Mistake: the caches are invalidated before the UPDATE, "so nobody reads the old value while we write"
 * Replaces: profile-cache.ts
 * Caught by: 07.14
 *
 * Clearing first feels careful: by the time the new row exists, no cache holds the old
 * one. But the UPDATE takes time, and requests keep coming meanwhile. A reader that misses
 * now loads the row Postgres still has, the old one, and puts it back into Redis and its
 * L1; the instances that heard the early message do the same. When the UPDATE commits,
 * nothing is left to remove those copies, and the old profile is served for the full TTL.
 * Invalidate after the commit.
 */
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const cache = profileCache(await TwoTierCache.open(profileTiers(options)), options);
  return Object.assign(cache, {
    async updateProfile(userId: number, update: contract.ProfileChanges): Promise<contract.Profile | null> {
      await cache.invalidate([contract.profileKey(options.keyPrefix, userId)]); // clear every tier first...
      return contract.updateProfileRow(options.db, userId, update); // ...then write
    },
  });
}
