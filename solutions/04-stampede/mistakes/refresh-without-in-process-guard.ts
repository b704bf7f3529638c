/**
 * Mistake: every stale read starts its own refresh attempt, because "the lock already makes it one"
 * Replaces: background-refresh.ts
 * Caught by: 04.11
 *
 * The Redis lock does keep the refresh to one query, so the in-memory set of keys being
 * refreshed looks redundant and is left out. But every read of a hot stale page now sends
 * its own lock attempt: a page read a thousand times a second sends a thousand SET NX a
 * second to Redis, all answered "taken", for as long as the refresh runs. The stampede has
 * moved from Postgres to Redis. One attempt per process, then the lock across processes.
 */
import { createRefresher as createRealRefresher } from '../src/background-refresh.js';

export const createRefresher: typeof createRealRefresher = (redis, settings) => (key, seen, load) =>
  // A new refresher for every call: its set of running refreshes is always empty.
  createRealRefresher(redis, settings)(key, seen, load);
