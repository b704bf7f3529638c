/**
 * Mistake: the writer bumps the counter reads check only once its PUBLISH is answered
 * Replaces: profile-cache.ts
 * Caught by: 07.13
 *
 * The counter marks "an invalidation happened", and the write's invalidation looks
 * complete only once everybody has been told, so bumping it after the PUBLISH reads like
 * the careful order. But the writer drops its own copy before it publishes: a read that
 * fetched the old profile before the write and finishes while the PUBLISH is on the way
 * finds L1 empty and the counter unmoved, and stores the old profile there. The later
 * bump stops nothing, and the writer serves its old profile after its own write
 * resolved. Bump the counter where the copy is dropped.
 */
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import type { Tiers } from '../src/invalidate-tiers.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class CountsOwnDropLate extends TwoTierCache<Profile> {
  protected override writeTiers(): Tiers {
    const tiers = super.writeTiers();
    const { l1 } = this.options;
    return {
      ...tiers,
      dropLocal: (keys) => keys.forEach((key) => l1.delete(key)),
      publish: async (keys) => {
        try {
          return await tiers.publish(keys);
        } finally {
          this.epoch += 1; // everyone has been told: reads still in flight are stale now
        }
      },
    };
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await CountsOwnDropLate.open(profileTiers(options)), options);
