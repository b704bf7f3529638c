/**
 * Mistake: a correct sliding window log, kept in the memory of each process
 * Replaces: sliding-window.ts
 * Caught by: 10.2, 10.3, 10.4, 10.5, 10.6, 10.7, 10.8, 10.9, 10.10, 10.11, 10.12, 10.13, 10.14
 *
 * The algorithm is right and every single-instance test passes: each request is
 * recorded with its time, old ones are dropped, the rest are counted. But the log lives
 * in a Map of this process. Behind a load balancer, each instance sees only its share of
 * a caller's requests and lets `limit` of them through, so two instances admit twice the
 * limit. The count has to live where every instance reads it: in Redis.
 */
import type { countRequest as CountRequest } from '../src/sliding-window.js';

const logs = new Map<string, number[]>();

export const countRequest: typeof CountRequest = async (_redis, key, policy, nowMs) => {
  const now = nowMs ?? Date.now();
  const log = (logs.get(key) ?? []).filter((at) => at > now - policy.windowMs);
  const admitted = log.length < policy.limit;
  if (admitted) log.push(now);
  logs.set(key, log);
  const freesAtMs = log[0]! + policy.windowMs;
  return { admitted, count: log.length, freesAtMs, nowMs: now };
};
