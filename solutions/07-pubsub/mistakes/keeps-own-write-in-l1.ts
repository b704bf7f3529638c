/**
 * Mistake: the writer puts the profile it has just written into its own L1
 * Replaces: profile-cache.ts
 * Caught by: 07.16
 *
 * The writer holds the new profile in hand, so storing it saves the next read a trip to
 * Redis and Postgres, and it looks fresher than anything a read could fetch. But "the
 * profile I wrote" is not "the profile that committed last": when two writers race, the
 * one whose commit came first can finish its invalidation last, and it then keeps its
 * older profile in L1. Its own message, once it comes back, drops it again; until then
 * (or for good, if the message is lost) the writer serves a value Postgres no longer
 * holds. Drop the copy, as L2 does with its DEL, and let the next read load the truth.
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

class KeepsOwnWrite extends TwoTierCache<Profile> {
  /** Like invalidate(), but this instance keeps the profile it has written. */
  invalidateKeeping(key: string, profile: Profile | null): Promise<void> {
    const tiers = this.writeTiers();
    const keep = (keys: string[]) => {
      tiers.dropLocal(keys);
      if (profile) this.keepLocal(key, profile, this.epoch); // the newest there is, surely
    };
    return invalidateTiers({ ...tiers, dropLocal: keep }, [key]);
  }
}

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const tiers = (await KeepsOwnWrite.open(profileTiers(options))) as KeepsOwnWrite;
  return Object.assign(profileCache(tiers, options), {
    async updateProfile(userId: number, changes: ProfileChanges) {
      const profile = await updateProfileRow(options.db, userId, changes);
      await tiers.invalidateKeeping(profileKey(options.keyPrefix, userId), profile);
      return profile;
    },
  });
}
