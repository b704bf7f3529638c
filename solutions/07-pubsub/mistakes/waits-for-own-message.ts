/**
 * Mistake: the writer leaves its own L1 copy for its own message to remove
 * Replaces: profile-cache.ts
 * Caught by: 07.13
 *
 * The writer is subscribed to the channel like everyone else, so its own PUBLISH comes
 * back to it and drops the key from its L1: one code path for every instance, no special
 * case. In a test on one machine the message is back before the next line runs. On a
 * real network it takes a round trip on another socket, and a request that reads right
 * after its own write (the usual "save, then show the page") gets the old profile from
 * L1. If the message is lost, the writer keeps it until the age bound. Drop your own copy
 * yourself, during the write.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<contract.ProfileCacheEvents>();
  const l1 = new L1Cache<contract.Profile>(contract.l1Options(options));
  let drops = 0;
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      drops += 1;
      for (const key of keys) l1.delete(key); // every instance, the writer included, lands here
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      drops += 1;
      l1.clear();
      events.emit('resubscribed');
    },
  });

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const local = l1.get(key);
    if (local) return local;
    const seen = drops;
    const text = await redis.get(key).catch(() => null);
    const profile = text ? (JSON.parse(text) as contract.Profile) : await contract.selectProfile(db, userId);
    if (!profile) return null;
    if (!text) await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => {});
    Object.freeze(profile);
    if (seen === drops) l1.set(key, profile);
    return profile;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    const key = contract.profileKey(keyPrefix, userId);
    await redis.del(key).catch(() => {});
    await bus.publish([key]).catch(() => {}); // comes back to us too
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
