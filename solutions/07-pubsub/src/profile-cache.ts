import {
  PROFILE_TTL_SECONDS,
  invalidationChannel,
  l1Options,
  profileKey,
  selectProfile,
  updateProfileRow,
  type Profile,
  type ProfileCache,
  type ProfileChanges,
  type ProfileCacheOptions,
} from '../../../labs/07-pubsub/src/contract.js';
import { L1Cache } from './l1-cache.js';
import { TwoTierCache, type TwoTierOptions } from './two-tier-cache.js';

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  return profileCache(await TwoTierCache.open(profileTiers(options)), options);
}

/** Where one environment's profiles are cached. */
export function profileTiers(options: ProfileCacheOptions): TwoTierOptions<Profile> {
  return {
    redis: options.redis,
    subscriber: options.subscriber,
    channel: invalidationChannel(options.keyPrefix), // one channel per prefix: environments never hear each other
    l1: new L1Cache<Profile>(l1Options(options)),
    ttlSeconds: PROFILE_TTL_SECONDS,
  };
}

/** Profile reads and writes on open tiers (a TwoTierCache, or a subclass of it). */
export function profileCache(tiers: TwoTierCache<Profile>, { db, keyPrefix }: ProfileCacheOptions) {
  return Object.assign(tiers, {
    getProfile: (userId: number) =>
      tiers.get(profileKey(keyPrefix, userId), () => selectProfile(db, userId)),
    async updateProfile(userId: number, changes: ProfileChanges) {
      const profile = await updateProfileRow(db, userId, changes);
      await tiers.invalidate([profileKey(keyPrefix, userId)]); // after the commit, never before
      return profile;
    },
  });
}
