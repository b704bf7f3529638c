/**
 * Mistake: the message carries the write's time as epoch milliseconds, as a version
 * Replaces: profile-cache.ts
 * Caught by: 07.7
 *
 * A number is not the ISO text of updatedAt, so it looks like metadata of the message
 * rather than a field of the profile, and receivers could use it to skip a late, older
 * message. But it is the same updatedAt, written another way: it travels to every
 * subscriber, and a receiver that trusted it would compare clocks instead of re-reading.
 * Send the key names and nothing else.
 */
import {
  profileKey,
  updateProfileRow,
  type Profile,
  type ProfileCache,
  type ProfileCacheOptions,
  type ProfileChanges,
} from '../../../labs/07-pubsub/src/contract.js';
import type { Tiers } from '../src/invalidate-tiers.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class VersionedMessages extends TwoTierCache<Profile> {
  /** The updatedAt of the write being announced, in ms. */
  version = 0;

  protected override writeTiers(): Tiers {
    const { redis, channel } = this.options;
    return { ...super.writeTiers(), publish: (keys) => redis.publish(channel, JSON.stringify({ keys, version: this.version })) };
  }
}

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const tiers = (await VersionedMessages.open(profileTiers(options))) as VersionedMessages;
  return Object.assign(profileCache(tiers, options), {
    async updateProfile(userId: number, changes: ProfileChanges) {
      const profile = await updateProfileRow(options.db, userId, changes);
      tiers.version = profile ? Date.parse(profile.updatedAt) : 0;
      await tiers.invalidate([profileKey(options.keyPrefix, userId)]);
      return profile;
    },
  });
}
