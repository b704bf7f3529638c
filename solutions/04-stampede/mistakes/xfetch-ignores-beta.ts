/**
 * Mistake: XFetch without beta, "since the default is 1 anyway"
 * Replaces: early-refresh.ts
 * Caught by: 04.17
 *
 * With the default beta of 1 the formula and its shortened form agree, so every test run
 * with default options passes. But beta is the one knob an operator has: above 1 for a
 * page whose expiry hurts (refresh earlier), below 1 for one that is cheap to miss. Set it
 * in the options and nothing changes, and nobody finds out until the page they tuned
 * stampedes anyway.
 */
import type { CacheEntry, CacheSettings } from '../../../labs/04-stampede/src/contract.js';

export function shouldRefresh(entry: CacheEntry<unknown>, { now, random }: CacheSettings): boolean {
  return now() - entry.loadMs * Math.log(random()) >= entry.freshUntil;
}
