/**
 * Mistake: the log expires half a second before the window ends, "to save memory"
 * Replaces: window-script.ts
 * Caught by: 10.7
 *
 * Half a second looks like nothing against a minute's window, and the memory of idle
 * callers is freed a little sooner. But the key is the whole log: a caller who sends a
 * burst and stops sees the log vanish early, and a second burst half a second before the
 * window ends is let through whole, two limits inside one window.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  "redis.call('PEXPIRE', KEYS[1], window)",
  "redis.call('PEXPIRE', KEYS[1], window - 500)",
);
