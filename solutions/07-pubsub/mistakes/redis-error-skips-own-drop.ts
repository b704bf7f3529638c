/**
 * Mistake: when Redis fails during a write, the writer's own L1 copy is left in place
 * Replaces: profile-cache.ts
 * Caught by: 07.18
 *
 * The invalidation is wrapped in one try/catch, so a Redis outage no longer fails the
 * write: that part is right. But the local drop sits inside the try, after the DEL, and
 * the DEL is what throws. The one copy the writer could always remove, without any
 * network, stays in its L1, and the user who just saved a change sees the old profile on
 * the next page for as long as the age bound allows. Drop your own copy whatever Redis says.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<contract.ProfileCacheEvents>();
  const l1 = new L1Cache<contract.Profile>(contract.l1Options(options));
  let epoch = 0;
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      epoch += 1;
      for (const key of keys) l1.delete(key);
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      epoch += 1;
      l1.clear();
      events.emit('resubscribed');
    },
  });

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const local = l1.get(key);
    if (local) return local;
    const seen = epoch;
    const text = await redis.get(key).catch(() => null);
    const profile = text ? (JSON.parse(text) as contract.Profile) : await contract.selectProfile(db, userId);
    if (!profile) return null;
    if (!text) await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => {});
    Object.freeze(profile);
    if (seen === epoch) l1.set(key, profile);
    return profile;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    const key = contract.profileKey(keyPrefix, userId);
    try {
      await redis.del(key);
      l1.delete(key);
      await bus.publish([key]);
    } catch (error) {
      console.warn(`[profiles] could not invalidate ${key}: ${String(error)}`);
    }
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
