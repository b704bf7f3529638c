/**
 * Mistake: a read checks for an invalidation in flight only when the profile came from Redis
 * Replaces: profile-cache.ts
 * Caught by: 07.15
 *
 * The counter is there, and the Redis path checks it: a copy fetched from L2 just before
 * the message is not kept. A row fresh from Postgres feels safe to keep, it is the truth
 * after all. But it is only the truth of the moment it was read. A write can commit, DEL
 * and PUBLISH while this read is still filling Redis; the message arrives, finds nothing
 * in L1 to drop, and then the read keeps the row it loaded before the write, with no
 * message left to remove it. Every fill of L1 checks the counter, whichever tier answered.
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
  const dropLocal = (keys: string[]) => {
    epoch += 1;
    for (const key of keys) l1.delete(key);
    events.emit('invalidated', keys);
  };
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys: dropLocal,
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
    if (text) {
      const shared = Object.freeze(JSON.parse(text) as contract.Profile);
      if (seen === epoch) l1.set(key, shared); // Redis may hold what a write just replaced
      return shared;
    }
    const profile = await contract.selectProfile(db, userId);
    if (!profile) return null;
    await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => {});
    l1.set(key, Object.freeze(profile)); // straight from the database: nothing to check
    return profile;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    const key = contract.profileKey(keyPrefix, userId);
    await redis.del(key).catch(() => {});
    dropLocal([key]);
    await bus.publish([key]).catch(() => {});
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
