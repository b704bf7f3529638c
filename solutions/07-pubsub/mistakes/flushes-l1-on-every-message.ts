/**
 * Mistake: any invalidation message empties the whole L1, "to be safe"
 * Replaces: profile-cache.ts
 * Caught by: 07.11
 *
 * Clearing everything can never leave a stale entry behind, and it saves parsing the
 * message, so it passes every "B reads the new value" check. It turns L1 into a cache
 * that survives only until the next write anywhere in the fleet: with a few writes a
 * second, every instance goes back to Redis for every hot profile all the time, and L1
 * costs memory without saving round trips. An invalidation removes what it names.
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
  const forgetAll = () => {
    epoch += 1;
    l1.clear();
  };
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      forgetAll(); // something changed: start over
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      forgetAll();
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
    await redis.del(key).catch(() => {});
    forgetAll();
    await bus.publish([key]).catch(() => {});
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
