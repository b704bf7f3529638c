/**
 * Mistake: L1's defaults are filled in with ||, so a bound of 0 becomes the default
 * Replaces: profile-cache.ts
 * Caught by: 07.19
 *
 * `options.maxL1Entries || DEFAULT_MAX_L1_ENTRIES` is the idiom for "use the default when
 * the option is not given", and for a missing option it is right. But || also replaces
 * every falsy value, and 0 is a bound someone chose: an L1 of 0 entries is L1 switched off
 * (to rule it out while an incident is investigated, or for data that must never be
 * served from memory), and an age of 0 serves an entry only in the millisecond it was
 * stored. Both quietly become a thousand entries kept for five seconds, the opposite of
 * what was asked. Use ??, which defaults only what is missing (l1Options does).
 */
import {
  DEFAULT_MAX_L1_AGE_MS,
  DEFAULT_MAX_L1_ENTRIES,
  type Profile,
  type ProfileCache,
  type ProfileCacheOptions,
} from '../../../labs/07-pubsub/src/contract.js';
import { L1Cache } from '../src/l1-cache.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const l1 = new L1Cache<Profile>({
    maxEntries: options.maxL1Entries || DEFAULT_MAX_L1_ENTRIES, // nothing useful given: the default
    maxAgeMs: options.maxL1AgeMs || DEFAULT_MAX_L1_AGE_MS,
    now: options.now || Date.now,
  });
  return profileCache(await TwoTierCache.open({ ...profileTiers(options), l1 }), options);
}
