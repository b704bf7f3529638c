/**
 * Mistake: the writer drops its own L1 copy before the UPDATE, not after the commit
 * Replaces: profile-cache.ts
 * Caught by: 07.14
 *
 * Dropping the copy first looks like the careful order: this instance will not serve the
 * profile it is about to replace, even while the UPDATE runs. But a request on the writer
 * during the UPDATE finds L1 empty, reads the old copy from Redis (or the old row from
 * Postgres, which has not committed yet) and puts it back in L1, after the drop. The DEL
 * and PUBLISH that follow the commit do not touch the writer's L1, and its own message is
 * all that can save it: until that comes back, or forever if it is lost, the writer serves
 * the profile it has just replaced. Drop your own copy after the commit, with the DEL.
 */
import {
  profileKey,
  updateProfileRow,
  type Profile,
  type ProfileCache,
  type ProfileCacheOptions,
  type ProfileChanges,
} from '../../../labs/07-pubsub/src/contract.js';
import { invalidateTiers } from '../src/invalidate-tiers.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class DropsFirst extends TwoTierCache<Profile> {
  /** Runs `write` with this instance's copies gone first, then tells Redis and the others. */
  async around<T>(keys: string[], write: () => Promise<T>): Promise<T> {
    this.dropLocal(keys); // nobody here reads the old profile during the write
    const result = await write();
    await invalidateTiers({ ...this.writeTiers(), dropLocal: () => {} }, keys); // dropped already
    return result;
  }
}

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const tiers = (await DropsFirst.open(profileTiers(options))) as DropsFirst;
  return Object.assign(profileCache(tiers, options), {
    updateProfile: (userId: number, changes: ProfileChanges) =>
      tiers.around([profileKey(options.keyPrefix, userId)], () => updateProfileRow(options.db, userId, changes)),
  });
}
