/**
 * Mistake: the flush after a reconnect empties L1 but does not tell the reads already in flight
 * Replaces: profile-cache.ts
 * Caught by: 07.9
 *
 * The counter that protects reads from a racing invalidation is bumped in the message
 * handler, and clear() after a reconnect looks self-sufficient: after it, L1 holds
 * nothing. But a read that fetched its value from Redis while the subscriber was away is
 * still on its way back, and it fills L1 right after the flush with a profile whose
 * invalidation was lost: exactly the value the flush was meant to throw away. A flush
 * makes every read in flight outdated, the same way an invalidation does.
 */
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class FlushesQuietly extends TwoTierCache<Profile> {
  protected override flushLocal(): void {
    this.options.l1.clear(); // nothing left to be stale
    this.emit('resubscribed');
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await FlushesQuietly.open(profileTiers(options)), options);
