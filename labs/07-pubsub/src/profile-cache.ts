// Lab 07: a two-tier profile cache. L1 is this instance's memory, L2 is Redis, shared by
// every instance; Postgres is the truth. The interface lives in contract.ts.
import { EventEmitter } from 'node:events';
import {
  PROFILE_TTL_SECONDS,
  invalidationChannel,
  l1Options,
  profileKey,
  selectProfile,
  updateProfileRow,
  type Profile,
  type ProfileCache,
  type ProfileCacheEvents,
  type ProfileChanges,
  type ProfileCacheOptions,
} from './contract.js';
import { openInvalidationBus } from './invalidation-bus.js';
import { L1Cache } from './l1-cache.js';

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<ProfileCacheEvents>();
  const l1 = new L1Cache<Profile>(l1Options(options));

  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: invalidationChannel(keyPrefix),
    onKeys(keys) {
      for (const key of keys) l1.delete(key);
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      // TODO(07): while the subscriber was away, which L1 entries may have missed their invalidation?
      events.emit('resubscribed');
    },
  });

  async function readThrough(userId: number): Promise<Profile | null> {
    const key = profileKey(keyPrefix, userId);
    // TODO(07): if Redis fails here (or at the SET below), the request fails with it.
    const cached = await redis.get(key);
    if (cached !== null) return JSON.parse(cached) as Profile;
    const profile = await selectProfile(db, userId);
    if (profile) await redis.set(key, JSON.stringify(profile), 'EX', PROFILE_TTL_SECONDS);
    return profile;
  }

  return Object.assign(events, {
    async getProfile(userId: number) {
      const key = profileKey(keyPrefix, userId);
      const local = l1.get(key);
      if (local) return local;
      const profile = await readThrough(userId);
      if (profile) l1.set(key, profile); // TODO(07): every later caller gets this very object: what if one edits it?
      return profile;
    },
    async updateProfile(userId: number, changes: ProfileChanges) {
      const profile = await updateProfileRow(db, userId, changes);
      const key = profileKey(keyPrefix, userId);
      await redis.del(key);
      l1.delete(key); // this instance's own copy goes at once
      await bus.publish([key]);
      return profile;
    },
    close: () => bus.close(),
  });
}
