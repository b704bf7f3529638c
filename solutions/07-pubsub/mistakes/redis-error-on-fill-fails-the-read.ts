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
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class GuardsOnlyTheGet extends TwoTierCache<Profile> {
  protected override async readShared(key: string, load: () => Promise<Profile | null>): Promise<Profile | null> {
    const { redis, ttlSeconds } = this.options;
    let text: string | null;
    try {
      text = await redis.get(key);
    } catch {
      return load(); // Redis is down: the database answers
    }
    if (text) return JSON.parse(text) as Profile;
    const profile = await load();
    if (profile) await redis.set(key, JSON.stringify(profile), 'EX', ttlSeconds); // Redis just answered
    return profile;
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await GuardsOnlyTheGet.open(profileTiers(options)), options);
