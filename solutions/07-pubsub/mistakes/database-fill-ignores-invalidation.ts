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
import type { Profile, ProfileCache, ProfileCacheOptions } from '../../../labs/07-pubsub/src/contract.js';
import { profileCache, profileTiers } from '../src/profile-cache.js';
import { TwoTierCache } from '../src/two-tier-cache.js';

class TrustsTheDatabase extends TwoTierCache<Profile> {
  /** Keys whose read in flight found nothing in Redis and loaded the row. */
  private readonly loaded = new Set<string>();

  protected override readShared(key: string, load: () => Promise<Profile | null>): Promise<Profile | null> {
    return super.readShared(key, async () => {
      const row = await load();
      if (row !== null) this.loaded.add(key);
      return row;
    });
  }

  protected override keepLocal(key: string, value: Profile, readEpoch: number): Profile {
    // Straight from the database: nothing to check. Redis may hold what a write just replaced.
    return super.keepLocal(key, value, this.loaded.delete(key) ? this.epoch : readEpoch);
  }
}

export const createProfileCache = async (options: ProfileCacheOptions): Promise<ProfileCache> =>
  profileCache(await TrustsTheDatabase.open(profileTiers(options)), options);
