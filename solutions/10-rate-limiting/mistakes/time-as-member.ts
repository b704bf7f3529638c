/**
 * Mistake: the request's time is its own sorted-set member
 * Replaces: sliding-window.ts
 * Caught by: 10.2, 10.3, 10.5
 *
 * A sorted set of request times, with the time as the score and, since it is at hand,
 * as the member too. It passes every test that sends one request per millisecond. But a
 * sorted set holds each member once: requests that arrive in the same millisecond, which
 * under load is most of them, become one member, are counted once, and all get through.
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
  const at = nowMs === undefined ? '' : String(nowMs);
  const member = String(nowMs ?? Date.now());
  const [admitted, count, oldest, now] = await commands.slidingWindowLog!.call(
    redis, key, policy.windowMs, policy.limit, member, at);
  const freesAtMs = oldest + policy.windowMs;
  return { admitted: admitted === 1, count, freesAtMs, nowMs: now };
}
