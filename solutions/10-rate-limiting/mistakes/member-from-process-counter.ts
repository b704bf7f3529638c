/**
 * Mistake: members numbered by a counter of the process
 * Replaces: sliding-window.ts
 * Caught by: 10.2
 *
 * This knows that two requests in one millisecond need two members, and numbers them
 * with a counter, which is cheaper than a random UUID. But the counter belongs to one
 * process: the first request on instance A and the first on instance B are both "1" in
 * the same millisecond, one member in the set, counted once between them.
 */
import type { Redis } from 'ioredis';
import type { Policy } from '../../../labs/10-rate-limiting/src/contract.js';
import { SLIDING_WINDOW_LOG } from '../src/window-script.js';

type Script = (
  key: string,
  windowMs: number,
  limit: number,
  member: string,
  now: string,
) => Promise<[number, number, number, number]>;

export interface Counted {
  admitted: boolean;
  /** Requests in the window after this one (counted only when admitted). */
  count: number;
  /** When the oldest request in the window stops counting, in ms on the clock used. */
  freesAtMs: number;
  nowMs: number;
}

let sequence = 0;

export async function countRequest(
  redis: Redis,
  key: string,
  policy: Policy,
  nowMs: number | undefined,
): Promise<Counted> {
  const commands = redis as unknown as { slidingWindowLog?: Script };
  // ioredis sends EVALSHA, and the whole script only when the server answers NOSCRIPT.
  if (!commands.slidingWindowLog) {
    redis.defineCommand('slidingWindowLog', { numberOfKeys: 1, lua: SLIDING_WINDOW_LOG });
  }
  sequence += 1;
  const member = `${nowMs ?? ''}-${sequence}`;
  const at = nowMs === undefined ? '' : String(nowMs);
  const [admitted, count, oldest, now] = await commands.slidingWindowLog!.call(
    redis, key, policy.windowMs, policy.limit, member, at);
  const freesAtMs = oldest + policy.windowMs;
  return { admitted: admitted === 1, count, freesAtMs, nowMs: now };
}
