/**
 * Mistake: the writer bumps its read counter before its UPDATE, and its own drop after the commit bumps nothing
 * Replaces: profile-cache.ts
 * Caught by: 07.14
 *
 * "Mark early, so reads in flight don't keep anything" sounds safer than marking late. But
 * a read that begins during the UPDATE, after the early mark, notes the counter as it is
 * then; the drop after the commit does not move it, so that read keeps the old profile it
 * fetched, and the writer serves it from L1 until the age bound. The writer's drop is an
 * invalidation: count it when it happens.
 */
import { profileKey, updateProfileRow, type Profile, type ProfileCache, type ProfileCacheOptions, type ProfileChanges } from '../../../labs/07-pubsub/src/contract.js';
import type { Tiers } from '../src/invalidate-tiers.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class EarlyMarks extends TwoTierCache<Profile> {
  markReadsInFlight(): void {
    this.epoch += 1;
  }

  protected override writeTiers(): Tiers {
    const tiers = super.writeTiers();
    return {
      ...tiers,
      dropLocal: (gone) => {
        for (const key of gone) this.options.l1.delete(key); // marked already, before the UPDATE
        this.emit('invalidated', gone);
      },
    };
  }
}

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const tiers = (await EarlyMarks.open(profileTiers(options))) as EarlyMarks;
  const cache = profileCache(tiers, options);
  return Object.assign(cache, {
    async updateProfile(userId: number, changes: ProfileChanges) {
      tiers.markReadsInFlight(); // reads in flight from now on must not keep what they fetch
      const profile = await updateProfileRow(options.db, userId, changes);
      await tiers.invalidate([profileKey(options.keyPrefix, userId)]);
      return profile;
    },
  });
}
