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
import { TwoTierCache } from './two-tier-cache.js';

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const { db, keyPrefix } = options;
  const l1 = new L1Cache<Profile>(l1Options(options));
  const tiers = await TwoTierCache.open({
    redis: options.redis,
    subscriber: options.subscriber,
    channel: invalidationChannel(keyPrefix), // one channel per prefix: environments never hear each other
    l1,
    ttlSeconds: PROFILE_TTL_SECONDS,
  });

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
