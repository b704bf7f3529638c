/**
 * Mistake: the in-process "refreshing" mark is cleared when a refresh fails, not when it succeeds
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * The failure path was the one that needed thought (let the next reader retry), so the
 * cleanup went into the catch. The first refresh of a page works, and every check of one
 * expiry passes. But the key stays marked as "being refreshed" for good: the next time the
 * page turns stale this process never refreshes it again, and with every process in the
 * same state the page ages out of Redis and its readers all miss together.
 */
import { createRefresher as createRealRefresher } from '../src/background-refresh.js';

export const createRefresher: typeof createRealRefresher = (redis, settings) => {
  const marked = new Set<string>();
  return (key, seen, load) => {
    if (marked.has(key)) return;
    marked.add(key);
    const onBackgroundError = (error: unknown) => {
      marked.delete(key); // let the next reader try again
      settings.onBackgroundError(error);
    };
    createRealRefresher(redis, { ...settings, onBackgroundError })(key, seen, load);
  };
};
