/**
 * Mistake: the write announces the change first and deletes the Redis copy afterwards
 * Replaces: profile-cache.ts
 * Caught by: 07.12
 *
 * "Tell the others as early as possible" sounds like the way to shorten the stale window,
 * and the DEL follows a fraction of a millisecond later, so the order looks immaterial.
 * It is not: the other instances drop their L1 copy the moment the message lands and
 * the next request on them goes straight to Redis, where the old profile still sits. They
 * read it, keep it in L1, and no further message will ever remove it. Delete L2 first,
 * then publish, so whoever hears the message can only find the new value or nothing.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<contract.ProfileCacheEvents>();
  const l1 = new L1Cache<contract.Profile>(contract.l1Options(options));
  let generation = 0;
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      generation += 1;
      for (const key of keys) l1.delete(key);
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      generation += 1;
      l1.clear();
      events.emit('resubscribed');
    },
  });

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const local = l1.get(key);
    if (local) return local;
    const before = generation;
    const json = await redis.get(key).catch(() => null);
    const profile = json ? (JSON.parse(json) as contract.Profile) : await contract.selectProfile(db, userId);
    if (!profile) return null;
    if (!json) await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => {});
    const frozen = Object.freeze(profile);
    if (before === generation) l1.set(key, frozen);
    return frozen;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    const key = contract.profileKey(keyPrefix, userId);
    l1.delete(key);
    await bus.publish([key]).catch(() => {}); // the sooner the others know, the better
    await redis.del(key).catch(() => {});
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
