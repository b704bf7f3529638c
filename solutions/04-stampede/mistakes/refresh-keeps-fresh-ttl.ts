/**
 * Mistake: the refresh writes the page with the fresh time as its TTL
 * Replaces: background-refresh.ts
 * Caught by: 04.11, 04.18
 *
 * The refresher writes its own SET, and `PX freshMs` reads naturally: the page is fresh
 * for that long. The first write, on the miss path, had the stale window added; this one
 * does not. After the first refresh the soft and the hard expiry fall on the same moment
 * again, so there is never a stale copy to serve: the next expiry is a miss for every
 * reader, exactly the stampede stale-while-revalidate was added to prevent.
 */
import { createRefresher as createRealRefresher } from '../src/background-refresh.js';

export const createRefresher: typeof createRealRefresher = (redis, settings) =>
  // The real refresher's write lives freshMs + staleMs: without the stale window, freshMs.
  createRealRefresher(redis, { ...settings, staleMs: 0 });
