/**
 * Mistake: a read puts what it fetched into L1 even if an invalidation arrived meanwhile
 * Replaces: profile-cache.ts
 * Caught by: 07.15
 *
 * Read L2, keep the result in L1, return it: the textbook read-through, and the message
 * handler deletes keys from L1 whenever a write happens. The gap is between the two: a
 * read that fetched the old profile from Redis a moment before the message arrived stores
 * it in L1 a moment after the handler ran. The handler found nothing to delete, the read
 * then installed the old value, and no message is coming to fix it. Remember a counter
 * that every invalidation bumps before fetching, and keep the value only if it is unchanged.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<contract.ProfileCacheEvents>();
  const l1 = new L1Cache<contract.Profile>(contract.l1Options(options));
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      for (const key of keys) l1.delete(key);
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      l1.clear();
      events.emit('resubscribed');
    },
  });

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const local = l1.get(key);
    if (local) return local;
    const text = await redis.get(key).catch(() => null);
    const profile = text ? (JSON.parse(text) as contract.Profile) : await contract.selectProfile(db, userId);
    if (!profile) return null;
    if (!text) await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => {});
    l1.set(key, Object.freeze(profile)); // whatever happened while we were away
    return profile;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    const key = contract.profileKey(keyPrefix, userId);
    await redis.del(key).catch(() => {});
    l1.delete(key);
    await bus.publish([key]).catch(() => {});
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
