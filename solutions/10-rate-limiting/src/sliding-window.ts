// The sliding window log: one sorted-set member per admitted request, scored by its time,
// trimmed, counted and recorded by one script (window-script.ts).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Policy } from '../../../labs/10-rate-limiting/src/contract.js';
import { SLIDING_WINDOW_LOG } from './window-script.js';

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

// #region count
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
  // Unique across processes: two requests in one millisecond are two members, not one.
  const member = randomUUID();
  const at = nowMs === undefined ? '' : String(nowMs);
  const [admitted, count, oldest, now] = await commands.slidingWindowLog!.call(
    redis, key, policy.windowMs, policy.limit, member, at);
  const freesAtMs = oldest + policy.windowMs;
  return { admitted: admitted === 1, count, freesAtMs, nowMs: now };
}
// #endregion count
