/**
 * Mistake: writes fail open whatever their policy says
 * Replaces: failure.ts
 * Caught by: 10.10, 10.11, 10.12
 *
 * A lost order costs more than an unlimited one, so letting writes through when Redis is
 * away sounds like the safe side, and it is the default. But the policy is the
 * operator's: one that closes writes during an outage (an API whose writes are what
 * abusers spend) gets them open, with no limit at all, exactly while Redis cannot count.
 */
import { decideWithoutRedis as decideByPolicy } from '../src/failure.js';

export { warn } from '../src/failure.js';

export const decideWithoutRedis: typeof decideByPolicy = (routeClass, policy, error, log) =>
  decideByPolicy(routeClass, routeClass === 'write' ? { ...policy, onRedisFailure: 'open' } : policy, error, log);
