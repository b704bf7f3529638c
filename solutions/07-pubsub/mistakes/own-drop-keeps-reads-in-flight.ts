/**
 * Mistake: the writer drops its own copy without bumping the counter reads check
 * Replaces: profile-cache.ts
 * Caught by: 07.13
 *
 * The counter guards reads against invalidations that arrive by message, and the writer
 * deletes its own key from L1 directly, so bumping it there looks redundant. But a read
 * on the writer that fetched the old profile just before the write still finishes after
 * it: it finds the counter unmoved and keeps the old profile in L1, and the writer, which
 * was promised its own change at once, serves the old one until its own message comes
 * back (or, if it skips its own messages, until the age bound). The writer's own drop is
 * an invalidation like any other.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<contract.ProfileCacheEvents>();
  const l1 = new L1Cache<contract.Profile>(contract.l1Options(options));
  let epoch = 0; // bumped by every message and every flush
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
    const shared = Object.freeze(profile);
    if (seen === epoch) l1.set(key, shared);
    return shared;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    const key = contract.profileKey(keyPrefix, userId);
    await redis.del(key).catch(() => {});
    l1.delete(key); // our own copy: no message involved, so no need to touch the counter
    await bus.publish([key]).catch(() => {});
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
