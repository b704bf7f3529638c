/**
 * Mistake: the refresher reads the clock once, when it is made, and stamps every refresh with it
 * Replaces: background-refresh.ts
 * Caught by: 04.13
 *
 * A refresh runs in the background, after the reader has its page, so the exact time it
 * finished looks unimportant, and one reading saves a call. But the refreshed entry then
 * says its load took no time, so XFetch gives that page no head start from then on, and
 * its freshUntil is counted from a moment long past.
 */
import { createRefresher as createRealRefresher } from '../src/background-refresh.js';

export const createRefresher: typeof createRealRefresher = (redis, settings) => {
  const madeAt = settings.now();
  return createRealRefresher(redis, { ...settings, now: () => madeAt });
};
