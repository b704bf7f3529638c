/**
 * Mistake: the log's expiry is set with EXPIRE, the window rounded up to whole seconds
 * Replaces: window-script.ts
 * Caught by: 10.7
 *
 * Rounding up looks like the safe direction: the key never expires before its requests
 * stop counting, and every default window is a whole number of seconds, where EXPIRE and
 * PEXPIRE agree. But a window of 30.5 s now keeps its key 31 s, and in general up to a
 * second past the last request it records: the README asks for the TTL in milliseconds,
 * exactly the window.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  "redis.call('PEXPIRE', KEYS[1], window)",
  "redis.call('EXPIRE', KEYS[1], math.ceil(window / 1000))",
);
