/**
 * Mistake: every request is recorded, the refused ones too
 * Replaces: window-script.ts
 * Caught by: 10.4, 10.9
 *
 * Recording first and counting afterwards reads naturally: log the request, then see
 * how many there are. But a refused request now takes a slot in the window. A client that
 * keeps retrying while it is limited pushes its own window forward with every retry and
 * never gets back in, however long it has been since it was last let through.
 */
import { SLIDING_WINDOW_LOG as RIGHT } from '../src/window-script.js';

// The real script up to its trim; from there, record first and count afterwards.
const upToTheTrim = RIGHT.slice(0, RIGHT.indexOf('local count'));
export const SLIDING_WINDOW_LOG = `${upToTheTrim}redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
local count = redis.call('ZCARD', KEYS[1])
local admitted = 0
if count <= limit then admitted = 1 end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { admitted, count, tonumber(oldest[2]), now }
`;
