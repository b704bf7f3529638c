/**
 * Mistake: a write broadcasts the new profile, and the other instances store it
 * Replaces: profile-cache.ts
 * Caught by: 07.7
 *
 * Sending the value saves every other instance a round trip to Redis, so it looks like
 * an optimisation. It trades a harmless message for a dangerous one. Two writers racing
 * on one profile can publish in the opposite order to their commits, and then every
 * instance installs the older profile over the newer one (the write-through SET has the
 * same race in L2). A key-only message cannot do that: whatever order they arrive in, the
 * re-read finds the latest row. It also copies each profile to every subscriber of the
 * channel, however many never needed it, and puts personal data on a broadcast channel.
 */
import { EventEmitter } from 'node:events';
import * as contract from '../../../labs/07-pubsub/src/contract.js';
import { L1Cache } from '../src/l1-cache.js';
import { watchReconnects } from '../src/reconnect-watch.js';

interface ProfileUpdate {
  key: string;
  profile: contract.Profile;
}

export async function createProfileCache(options: contract.ProfileCacheOptions): Promise<contract.ProfileCache> {
  const { redis, subscriber, db, keyPrefix } = options;
  const channel = contract.invalidationChannel(keyPrefix);
  const memory = new L1Cache<contract.Profile>(contract.l1Options(options));
  const emitter = new EventEmitter<contract.ProfileCacheEvents>();

  const applyUpdate = (source: string, text: string) => {
    if (source !== channel) return;
    const update = JSON.parse(text) as ProfileUpdate;
    memory.set(update.key, update.profile); // fresher than anything Redis could give us
    emitter.emit('invalidated', [update.key]);
  };
  subscriber.on('message', applyUpdate);
  await subscriber.subscribe(channel);
  const unwatch = watchReconnects(subscriber, channel, () => {
    memory.clear();
    emitter.emit('resubscribed');
  });

  async function getProfile(userId: number): Promise<contract.Profile | null> {
    const key = contract.profileKey(keyPrefix, userId);
    const remembered = memory.get(key);
    if (remembered) return remembered;
    const json = await redis.get(key);
    const profile = json === null ? await contract.selectProfile(db, userId) : (JSON.parse(json) as contract.Profile);
    if (profile && json === null) await redis.set(key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS);
    if (profile) memory.set(key, profile);
    return profile;
  }

  async function updateProfile(userId: number, changes: contract.ProfileChanges): Promise<contract.Profile | null> {
    const profile = await contract.updateProfileRow(db, userId, changes);
    if (!profile) return null;
    const update: ProfileUpdate = { key: contract.profileKey(keyPrefix, userId), profile };
    await redis.set(update.key, JSON.stringify(profile), 'EX', contract.PROFILE_TTL_SECONDS);
    memory.set(update.key, profile);
    await redis.publish(channel, JSON.stringify(update)); // everyone gets the new profile, no re-read needed
    return profile;
  }

  async function close(): Promise<void> {
    unwatch();
    subscriber.off('message', applyUpdate);
    await subscriber.unsubscribe(channel);
  }

  return Object.assign(emitter, { getProfile, updateProfile, close });
}
