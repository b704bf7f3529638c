/**
 * Mistake: every cache miss logged with console.info
 * Replaces: cached-page.ts
 * Caught by: 05.1
 *
 * A line per miss looks like useful observability, and at info level it is not a warning,
 * so "nothing is logged when all is well" seems to be about warn and error only. But a
 * healthy cache misses all the time (every page after its TTL, every new search), so the
 * log fills with lines that say nothing is wrong, and the warnings that matter drown in
 * them. Hit and miss rates belong in metrics; the log is for what failed.
 */
import type { Redis } from 'ioredis';
import { pageKey } from '../../../labs/05-tags/src/contract.js';
import { cachedPage as realCachedPage, type Rendered } from '../src/cached-page.js';

export function cachedPage(redis: Redis, keyPrefix: string, page: string, ttlSeconds: number, render: () => Promise<Rendered | null>): Promise<string | null> {
  return realCachedPage(redis, keyPrefix, page, ttlSeconds, () => {
    console.info(`[pages] miss ${pageKey(keyPrefix, page)}`);
    return render();
  });
}
