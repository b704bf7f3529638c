/**
 * Mistake: the TTL is set again on every request, the refused ones too
 * Replaces: window-script.ts
 * Caught by: 10.7
 *
 * Moving PEXPIRE out of the branch that records looks like tidying up: every request
 * touches the key, so every request keeps it alive, and no key is ever left without a
 * TTL. But a refusal records nothing, and the key should expire a window after the last
 * request it records. A client that keeps hammering while limited now keeps its key alive
 * for as long as it retries, long after every entry in it stopped counting.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

const pexpire = "  redis.call('PEXPIRE', KEYS[1], window)\n";
export const SLIDING_WINDOW_LOG = RIGHT.replace(pexpire, '').replace(
  'local oldest',
  `${pexpire.trim()}\nlocal oldest`,
);
