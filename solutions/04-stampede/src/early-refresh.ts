import type { CacheEntry, CacheSettings } from '../../../labs/04-stampede/src/contract.js';

// #region should-refresh
/**
 * Probabilistic early refresh, "XFetch" (Vattani, Chierichetti and Lowenstein, VLDB 2015):
 *
 *   refresh when  now - loadMs * beta * ln(random())  >=  freshUntil
 *
 * -ln(random()) is an exponential draw: 0 when random() is 1, rarely above 5. Each reader
 * pretends it is a little later than it is, by a head start proportional to how long the
 * value takes to load, so one reader among many refreshes shortly before the expiry and the
 * others never see it stale. Past freshUntil the head start no longer matters: every read
 * asks for a refresh, which makes stale-while-revalidate the special case random() = 1.
 */
export function shouldRefresh(
  entry: CacheEntry<unknown>,
  { now, random, beta }: CacheSettings,
): boolean {
  const headStartMs = -entry.loadMs * beta * Math.log(random());
  return now() + headStartMs >= entry.freshUntil;
}
// #endregion should-refresh
