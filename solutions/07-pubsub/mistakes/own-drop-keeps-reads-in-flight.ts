/**
 * Mistake: the writer drops its own copy without bumping the counter reads check
 * Replaces: profile-cache.ts
 * Caught by: 07.13
 *
 * The counter guards reads against invalidations that arrive by message, and the writer
 * deletes its own key from L1 directly, so bumping it there looks redundant. But a read
 * on the writer that fetched the old profile just before the write still finishes after
 * it: it finds the counter unmoved and keeps the old profile in L1, and the writer, which
 * was promised its own change at once, serves the old one until its own message comes
 * back (or, if it skips its own messages, until the age bound). The writer's own drop is
 * an invalidation like any other.
 */
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import type { Tiers } from '../src/invalidate-tiers.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class OwnDropUncounted extends TwoTierCache<Profile> {
  protected override writeTiers(): Tiers {
    const { l1 } = this.options;
    // Our own copy: no message involved, so no need to touch the counter.
    return { ...super.writeTiers(), dropLocal: (keys) => keys.forEach((key) => l1.delete(key)) };
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await OwnDropUncounted.open(profileTiers(options)), options);
