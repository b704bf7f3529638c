/**
 * Mistake: without an injected clock, the script keeps only the seconds of Redis's TIME
 * Replaces: window-script.ts
 * Caught by: 10.13
 *
 * TIME answers seconds and microseconds, and the seconds alone look precise enough for
 * windows of a minute or five. But every request is then recorded at the start of its
 * second, up to 999 ms early, and stops counting that much too soon: across the turn of
 * a second, a 1 000 ms window forgets a request made 200 ms before. Keep the
 * milliseconds: seconds * 1000 plus microseconds / 1000.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

export const SLIDING_WINDOW_LOG = RIGHT.replace(
  'now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)',
  'now = tonumber(time[1]) * 1000',
);
