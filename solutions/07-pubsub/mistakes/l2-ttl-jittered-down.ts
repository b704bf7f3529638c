/**
 * Mistake: each Redis copy gets 300 s less a random 1 to 10 s, so copies do not all expire together
 * Replaces: profile-cache.ts
 * Caught by: 07.1
 *
 * Jitter is a real defence against expiry stampedes, and taking it off the TTL keeps every
 * copy within the promised five minutes. But the promise is 300 s: other teams size their
 * staleness budget on it, and a TTL shortened at random makes every copy's life a guess.
 * Where jitter is wanted, the contract says so and the tests pin its range.
 */
import { PROFILE_TTL_SECONDS, type Profile, type ProfileCache, type ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers as exactTiers } from '../src/profile-cache.js';
import { TwoTierCache, type TwoTierOptions } from '../src/two-tier-cache.js';

export { profileCache } from '../src/profile-cache.js';

export function profileTiers(options: ProfileCacheOptions): TwoTierOptions<Profile> {
  return Object.defineProperty({ ...exactTiers(options) }, 'ttlSeconds', {
    get: () => PROFILE_TTL_SECONDS - 1 - Math.floor(Math.random() * 10), // read at each write of a copy
    enumerable: true,
  });
}

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  return profileCache(await TwoTierCache.open(profileTiers(options)), options);
}
