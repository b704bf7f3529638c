/**
 * Mistake: entries older than the window are skipped when counting, never removed
 * Replaces: window-script.ts
 * Caught by: 10.6
 *
 * ZCOUNT over the last window gives the same number as trimming and then ZCARD, in one
 * command instead of two, and every decision is still exact. But nothing is ever taken
 * out of the set: a caller that keeps coming back before its key expires grows it by
 * every request it was ever let through, and a limiter meant to protect the service
 * holds more memory for its steadiest clients the longer they stay.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)\nlocal count = redis.call('ZCARD', KEYS[1])",
  "local count = redis.call('ZCOUNT', KEYS[1], '(' .. (now - window), '+inf')",
).replace(
  "redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')",
  "redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - window), '+inf', 'WITHSCORES', 'LIMIT', 0, 1)",
);
