/**
 * Mistake: an invalidation of a tag that is already running is shared, not run again
 * Replaces: invalidate-tag.ts
 * Caught by: 05.12
 *
 * A burst of price changes to one product sends one script, not one each: while an
 * invalidation of the tag is in flight, the next caller awaits the same promise, and
 * every caller still resolves only once the pages are gone. The script itself is the
 * solution's, whole and atomic. But "in flight" includes "already ran in Redis, reply on
 * its way back": the second price change commits after that script ran, a reader has
 * cached the pages at the first new price in between, and nothing removes them. Each
 * committed change needs an invalidation that starts after its own commit; coalescing is
 * only safe as "run once more after the current one", never as "share the current one".
 */
import type { Redis } from 'ioredis';
import { tagKey } from '../../../labs/05-tags/src/contract.js';
import { invalidateTag as invalidateOnce } from '../src/invalidate-tag.js';

const inFlight = new Map<string, Promise<number>>();

export function invalidateTag(redis: Redis, keyPrefix: string, tag: string): Promise<number> {
  const key = tagKey(keyPrefix, tag);
  const running = inFlight.get(key);
  if (running) return running;
  const run = invalidateOnce(redis, keyPrefix, tag).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}
