/**
 * Mistake: a failing UPDATE is logged, and updateProfile resolves with null
 * Replaces: profile-cache.ts
 * Caught by: 07.1
 *
 * Redis errors never reach the caller, and the write path is made to match: log and carry
 * on. But null is "no such user", and a change the caller believes made was never
 * committed: the form says saved, the profile says otherwise, and nobody retries. Only the
 * copies are the cache's to give up on; the database's errors belong to the caller.
 */
import { profileKey, updateProfileRow, type ProfileCache, type ProfileCacheOptions, type ProfileChanges } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const cache = profileCache(await TwoTierCache.open(profileTiers(options)), options);
  return Object.assign(cache, {
    async updateProfile(userId: number, changes: ProfileChanges) {
      const profile = await updateProfileRow(options.db, userId, changes).catch((error: unknown) => {
        console.error(`updateProfile(${userId}) failed: ${String(error)}`);
        return null;
      });
      await cache.invalidate([profileKey(options.keyPrefix, userId)]);
      return profile;
    },
  });
}
