/**
 * Mistake: a request still counts at exactly t + windowMs
 * Replaces: window-script.ts
 * Caught by: 10.4, 10.5
 *
 * The trim keeps entries scored exactly now - window ("older than the window" read as
 * strictly older). It looks like a harmless choice of < or <=, and the limit itself
 * holds. But a request made at t then counts for windowMs + 1 ms: a client told by
 * Retry-After to come back at t + windowMs is refused once more, and the README's window
 * is not the one the code enforces.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)",
  "redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - window))",
);
