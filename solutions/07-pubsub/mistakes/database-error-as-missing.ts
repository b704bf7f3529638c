/**
 * Mistake: a failing Postgres read answers null, "no such user"
 * Replaces: profile-cache.ts
 * Caught by: 07.1
 *
 * Redis errors never reach the caller, so swallowing the database's errors too looks
 * consistent, and null is already a valid answer. But null means the user does not
 * exist: a caller that gets it during a database outage shows a 404, deletes a
 * session, or signs the user up again. Only Redis is a copy that can be skipped; when
 * the truth cannot be read, getProfile must reject.
 */
import { profileKey, selectProfile, type ProfileCache, type ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

export async function createProfileCache(options: ProfileCacheOptions): Promise<ProfileCache> {
  const cache = profileCache(await TwoTierCache.open(profileTiers(options)), options);
  return Object.assign(cache, {
    getProfile: (userId: number) =>
      cache.get(profileKey(options.keyPrefix, userId), () => selectProfile(options.db, userId).catch(() => null)), // "not found"
  });
}
