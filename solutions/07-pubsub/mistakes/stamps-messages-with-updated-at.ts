/**
 * Mistake: the message carries the new profile's updatedAt, as a version stamp
 * Replaces: profile-cache.ts
 * Caught by: 07.7
 *
 * The names and bios stay out of the message, and a timestamp looks like metadata, not
 * data: receivers could use it to ignore a late, older message. But updatedAt is a field
 * of the profile, and it now travels to every subscriber of the channel, and a receiver
 * that trusted it would compare clocks instead of re-reading. A receiver needs nothing but
 * the key names: it drops its copy and reads the current value when it next needs it.
 */
import {
  profileKey,
  updateProfileRow,
  type Profile,
  type ProfileCache,
  type ProfileCacheOptions,
  type ProfileChanges,
} from '../../../labs/07-pubsub/src/contract.js';
import { invalidateTiers } from '../src/invalidate-tiers.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class StampedMessages extends TwoTierCache<Profile> {
  /** Like invalidate(), with the version of the write in the message. */
  invalidateAt(keys: string[], version: string | undefined): Promise<void> {
    const { redis, channel } = this.options;
    const publish = (gone: string[]) => redis.publish(channel, JSON.stringify({ keys: gone, version }));
    return invalidateTiers({ ...this.writeTiers(), publish }, keys);
  }
}

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const tiers = (await StampedMessages.open(profileTiers(options))) as StampedMessages;
  return Object.assign(profileCache(tiers, options), {
    async updateProfile(userId: number, changes: ProfileChanges) {
      const profile = await updateProfileRow(options.db, userId, changes);
      await tiers.invalidateAt([profileKey(options.keyPrefix, userId)], profile?.updatedAt);
      return profile;
    },
  });
}
