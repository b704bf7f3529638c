/**
 * Mistake: a write puts the new profile into Redis instead of deleting the old one
 * Replaces: profile-cache.ts
 * Caught by: 07.16
 *
 * The writer has the fresh row in hand, so SET it into L2 and spare the next reader a
 * query; the message still names only the key. With one writer at a time that is right.
 * With two, it is a race: A commits, pauses (a GC, a slow network), B commits a newer row
 * and SETs it, then A wakes up and SETs its older row over B's. Postgres says "B", Redis
 * says "A" for the next five minutes, and every instance that re-reads after the message
 * installs A's profile. DEL cannot lose that race: the next read loads whatever committed last.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { openInvalidationBus } from '../src/invalidation-bus.js';
import { L1Cache } from '../src/l1-cache.js';

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, db, keyPrefix } = options;
  const events = new EventEmitter<contract.ProfileCacheEvents>();
  const l1 = new L1Cache<contract.Profile>(contract.l1Options(options));
  let version = 0;
  const bus = await openInvalidationBus({
    redis,
    subscriber: options.subscriber,
    channel: contract.invalidationChannel(keyPrefix),
    onKeys(keys) {
      version += 1;
      for (const key of keys) l1.delete(key);
      events.emit('invalidated', keys);
    },
    onResubscribed() {
      version += 1;
      l1.clear();
      events.emit('resubscribed');
    },
  });
  const store = (key: string, profile: contract.Profile) =>
    redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS).catch(() => null);

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const local = l1.get(key);
    if (local) return local;
    const seen = version;
    const text = await redis.get(key).catch(() => null);
    const profile = text ? (JSON.parse(text) as contract.Profile) : await contract.selectProfile(db, userId);
    if (!profile) return null;
    if (!text) await store(key, profile);
    Object.freeze(profile);
    if (seen === version) l1.set(key, profile);
    return profile;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    if (!profile) return null;
    const key = contract.profileKey(keyPrefix, userId);
    await store(key, profile); // L2 holds the fresh row at once: nobody needs to query for it
    l1.delete(key);
    await bus.publish([key]).catch(() => {});
    return profile;
  }

  return Object.assign(events, { getProfile, updateProfile, close: () => bus.close() });
}
