/**
 * Mistake: a read puts what it fetched into L1 even if an invalidation arrived meanwhile
 * Replaces: profile-cache.ts
 * Caught by: 07.15
 *
 * Read L2, keep the result in L1, return it: the textbook read-through, and the message
 * handler deletes keys from L1 whenever a write happens. The gap is between the two: a
 * read that fetched the old profile from Redis a moment before the message arrived stores
 * it in L1 a moment after the handler ran. The handler found nothing to delete, the read
 * then installed the old value, and no message is coming to fix it. Remember a counter
 * that every invalidation bumps before fetching, and keep the value only if it is unchanged.
 */
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class FillsRegardless extends TwoTierCache<Profile> {
  protected override keepLocal(key: string, value: Profile): Profile {
    return super.keepLocal(key, value, this.epoch); // whatever happened while we were away
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await FillsRegardless.open(profileTiers(options)), options);
