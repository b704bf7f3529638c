/**
 * Mistake: the caches are invalidated before the UPDATE, "so nobody reads the old value while we write"
 * Replaces: profile-cache.ts
 * Caught by: 07.14
 *
 * Clearing first feels careful: by the time the new row exists, no cache holds the old
 * one. But the UPDATE takes time, and requests keep coming meanwhile. A reader that misses
 * now loads the row Postgres still has, the old one, and puts it back into Redis and its
 * L1; the instances that heard the early message do the same. When the UPDATE commits,
 * nothing is left to remove those copies, and the old profile is served for the full TTL.
 * Invalidate after the commit.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const emitter = new EventEmitter<contract.ProfileCacheEvents>();
  const memory = new L1Cache<contract.Profile>(contract.l1Options(options));
  let changes = 0;
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      changes += 1;
      keys.forEach((key) => memory.delete(key));
      emitter.emit('invalidated', keys);
    },
    onResubscribed() {
      changes += 1;
      memory.clear();
      emitter.emit('resubscribed');
    },
  });

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const remembered = memory.get(key);
    if (remembered) return remembered;
    const seen = changes;
    const cached = await redis.get(key).catch(() => null);
    if (cached !== null) {
      const profile = Object.freeze(JSON.parse(cached) as contract.Profile);
      if (seen === changes) memory.set(key, profile);
      return profile;
    }
    const loaded = await contract.selectProfile(db, userId);
    if (!loaded) return null;
    await redis.set(key, JSON.stringify(loaded), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => {});
    const profile = Object.freeze(loaded);
    if (seen === changes) memory.set(key, profile);
    return profile;
  }

  async function updateProfile(userId: number, update: contract.ProfileChanges): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    await redis.del(key).catch(() => {}); // clear every tier first...
    memory.delete(key);
    await bus.publish([key]).catch(() => {});
    return contract.updateProfileRow(db, userId, update); // ...then write
  }

  return Object.assign(emitter, { getProfile, updateProfile, close: () => bus.close() });
}
