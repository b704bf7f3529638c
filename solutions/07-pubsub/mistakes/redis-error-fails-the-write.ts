/**
 * Mistake: a Redis error during the invalidation fails the whole write
 * Replaces: profile-cache.ts
 * Caught by: 07.18
 *
 * Letting the error propagate looks honest: the caller learns that the caches may be
 * stale. But the UPDATE has already committed. The request now answers 500 for a change
 * that happened, the client retries a write that succeeded, and the instance never got to
 * drop its own L1 copy. A cache is an optimisation: its failure may cost a database read,
 * never the request. Log it, drop your own copy, and let the L2 TTL and the L1 age bound
 * how long anyone else can see the old profile.
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
    const text = await redis.get(key).catch(() => null); // a read falls back to Postgres
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
    await redis.del(key); // if Redis is down, the caller should hear about it
    l1.delete(key);
    await bus.publish([key]);
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
