/**
 * Mistake: any invalidation message empties the whole L1, "to be safe"
 * Replaces: profile-cache.ts
 * Caught by: 07.11
 *
 * Clearing everything can never leave a stale entry behind, and it saves parsing the
 * message, so it passes every "B reads the new value" check. It turns L1 into a cache
 * that survives only until the next write anywhere in the fleet: with a few writes a
 * second, every instance goes back to Redis for every hot profile all the time, and L1
 * costs memory without saving round trips. An invalidation removes what it names.
 */
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class ForgetsEverything extends TwoTierCache<Profile> {
  protected override dropLocal(keys: string[]): void {
    this.options.l1.clear(); // something changed: start over
    super.dropLocal(keys);
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await ForgetsEverything.open(profileTiers(options)), options);
