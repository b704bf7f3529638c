/**
 * Mistake: 'resubscribed' is emitted first, and L1 is flushed right after it
 * Replaces: profile-cache.ts
 * Caught by: 07.9
 *
 * The event and the flush run in one synchronous call with nothing in between, so by the
 * time any other code runs L1 is empty either way, and announcing first looks harmless.
 * But an EventEmitter calls its listeners inside emit(): a listener that reads at once
 * (a warm-up of the hot keys, a health probe) runs while L1 still holds everything from
 * before the disconnect, including the entries whose invalidations were lost, and hands
 * those to its callers. 'resubscribed' promises "subscribed again, and L1 holds nothing
 * from before": make it true, then say it.
 */
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class AnnouncesFirst extends TwoTierCache<Profile> {
  protected override flushLocal(): void {
    this.epoch += 1;
    this.emit('resubscribed'); // let the app know as early as possible
    this.options.l1.clear();
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await AnnouncesFirst.open(profileTiers(options)), options);
