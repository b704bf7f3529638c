/**
 * Mistake: the window is counted in whole seconds, cut down
 * Replaces: sliding-window.ts
 * Caught by: 10.4, 10.8
 *
 * Windows are usually given in seconds, and EXPIRE takes seconds, so turning windowMs into
 * whole seconds looks like a harmless unit change: a minute stays a minute. But a window
 * of 2 450 ms becomes 2 000 ms: every request stops counting 450 ms early, the caller gets
 * a slot back before it frees, and RateLimit-Reset promises a time that is not the
 * policy's. Keep milliseconds from the policy to the script.
 */
import type { Redis } from 'ioredis';
import type { Policy } from '../../../labs/10-rate-limiting/src/contract.js';
import { countRequest as countInMs } from '../src/sliding-window.js';

export type { Counted } from '../src/sliding-window.js';

export const countRequest = (redis: Redis, key: string, policy: Policy, nowMs: number | undefined) =>
  countInMs(redis, key, { ...policy, windowMs: Math.floor(policy.windowMs / 1000) * 1000 }, nowMs);
