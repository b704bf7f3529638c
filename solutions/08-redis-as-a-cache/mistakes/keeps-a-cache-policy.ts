/**
 * Mistake: a server already under allkeys-lru is left as it is
 * Replaces: setup.ts
 * Caught by: 08.14
 *
 * allkeys-lru is one of the two policies for a cache, so keeping what the operator chose
 * looks polite, and it passes on a fresh server (noeviction). But the setup exists to
 * give the catalogue the policy its hot set needs: under LRU a burst of products written
 * once pushes out the products read all day.
 */
import { configureForCaching as applyLfu } from '../src/setup.js';

export const configureForCaching: typeof applyLfu = async (redis, options = {}) => {
  const [, current] = (await redis.config('GET', 'maxmemory-policy')) as string[];
  if (!options.holdsSessions && current === 'allkeys-lru') return current;
  return applyLfu(redis, options);
};
