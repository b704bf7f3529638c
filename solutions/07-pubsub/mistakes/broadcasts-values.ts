/**
 * Mistake: a write broadcasts the new profile, and the other instances store it
 * Replaces: profile-cache.ts
 * Caught by: 07.7
 *
 * Sending the value saves every other instance a round trip to Redis, so it looks like
 * an optimisation. It trades a harmless message for a dangerous one. Two writers racing
 * on one profile can publish in the opposite order to their commits, and then every
 * instance installs the older profile over the newer one (the write-through SET has the
 * same race in L2). A key-only message cannot do that: whatever order they arrive in, the
 * re-read finds the latest row. It also copies each profile to every subscriber of the
 * channel, however many never needed it, and puts personal data on a broadcast channel.
 */
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

interface ProfileUpdate {
  key: string;
  profile: contract.Profile;
}

/** Reads and reconnects as in the solution; writes send the profile itself, and receivers store it. */
export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const tiers = profileTiers(options);
  const { redis, subscriber, channel, l1, ttlSeconds } = tiers;
  const cache = profileCache(await TwoTierCache.open(tiers), options);

  // The solution's bus finds no keys in these messages and ignores them; this listener applies them.
  const applyUpdate = (source: string, text: string) => {
    if (source !== channel) return;
    const update = JSON.parse(text) as ProfileUpdate;
    l1.set(update.key, update.profile); // fresher than anything Redis could give us
    cache.emit('invalidated', [update.key]);
  };
  subscriber.on('message', applyUpdate);
  const closeTiers = cache.close.bind(cache);

  return Object.assign(cache, {
    async updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
      const profile = await contract.updateProfileRow(options.db, userId, changes);
      if (!profile) return null;
      const update: ProfileUpdate = { key: contract.profileKey(options.keyPrefix, userId), profile };
      await redis.set(update.key, JSON.stringify(profile), 'EX', ttlSeconds);
      l1.set(update.key, profile);
      await redis.publish(channel, JSON.stringify(update)); // everyone gets the new profile, no re-read needed
      return profile;
    },
    async close(): Promise<void> {
      subscriber.off('message', applyUpdate);
      await closeTiers();
    },
  });
}
