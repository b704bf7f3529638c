/**
 * Mistake: the log's expiry is set once, when the key is created
 * Replaces: window-script.ts
 * Caught by: 10.7
 *
 * The lesson warns against EXPIRE on every request of a fixed window, where it pushes the
 * reset out for ever; `NX` (Redis 7: only when the key has no expiry) carries that habit
 * over. In a sliding log it is wrong the other way: the key expires one window after the
 * first request, taking with it the requests recorded since, which still count. A client
 * that paces itself gets in again early. Each recorded request must extend the key's life
 * to a full window.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  "redis.call('PEXPIRE', KEYS[1], window)",
  "redis.call('PEXPIRE', KEYS[1], window, 'NX')",
);
