/**
 * Mistake: XFetch with the sign flipped, so the head start becomes a delay
 * Replaces: early-refresh.ts
 * Caught by: 04.13
 *
 * The formula is easy to misremember as "now plus delta times beta times log of a random
 * number". ln(random()) is never positive, so adding it moves the reader's clock back:
 * no read ever refreshes early, and past the expiry the refresh even starts later than
 * plain stale-while-revalidate would. Every reader of a hot page meets the expiry
 * together again, which is what XFetch was meant to spread out. The head start is
 * -loadMs * beta * ln(random()), a positive number.
 */
import type { CacheEntry, CacheSettings } from '../../../labs/04-stampede/src/contract.js';

export function shouldRefresh(entry: CacheEntry<unknown>, settings: CacheSettings): boolean {
  const pretendNow = settings.now() + entry.loadMs * settings.beta * Math.log(settings.random());
  return pretendNow >= entry.freshUntil;
}
