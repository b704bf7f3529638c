/**
 * Mistake: only the GET falls back to Postgres; a failing SET fails the read
 * Replaces: profile-cache.ts
 * Caught by: 07.18
 *
 * The try/catch sits where Redis is asked first, and a down Redis is handled: the GET
 * fails, the read goes to Postgres and returns. The SET that fills L2 a moment later is
 * left bare, since Redis has just answered. Redis can fail between two commands (a
 * failover, a full memory with a noeviction policy, a timeout), and then a request that
 * already holds the profile from Postgres answers with an error instead. Every Redis
 * command of a read is optional: catch each of them.
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

  async function readShared(key: string, userId: number): Promise<contract.Profile | null> {
    let text: string | null;
    try {
      text = await redis.get(key);
    } catch {
      return contract.selectProfile(db, userId); // Redis is down: the database answers
    }
    if (text) return JSON.parse(text) as contract.Profile;
    const profile = await contract.selectProfile(db, userId);
    if (profile) await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS); // Redis just answered
    return profile;
  }

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const local = l1.get(key);
    if (local) return local;
    const seen = epoch;
    const profile = await readShared(key, userId);
    if (!profile) return null;
    const shared = Object.freeze(profile);
    if (seen === epoch) l1.set(key, shared);
    return shared;
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
