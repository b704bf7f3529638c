/**
 * Mistake: the expiry of the log is given in seconds to PEXPIRE
 * Replaces: window-script.ts
 * Caught by: 10.7
 *
 * EXPIRE takes seconds and PEXPIRE milliseconds; converting the window to seconds and
 * handing it to PEXPIRE is an easy slip, and nothing fails at once: every key still has
 * a TTL. But a 60-second window's log now lives 60 ms, the requests it records vanish
 * long before they stop counting, and the limit is never reached by a client that paces
 * itself.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  "redis.call('PEXPIRE', KEYS[1], window)",
  "redis.call('PEXPIRE', KEYS[1], math.floor(window / 1000))",
);
