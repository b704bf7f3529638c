/**
 * Mistake: the timeout helper only listens for success; an error from Redis waits for the timer
 * Replaces: with-timeout.ts
 * Caught by: 01.13, 01.18, 01.25
 *
 * Racing the command against a timer that resolves (or rejects) is the right shape, and
 * every "Redis down" and "Redis stalled" check passes: both are silence, and silence is
 * what the timer is for. But a Redis that answers with an error (LOADING after a restart,
 * NOPERM, OOM) is not silent: its rejection is dropped here, and every request waits the
 * full redisTimeoutMs before falling back, although the answer came in a millisecond.
 */
import { withTimeout as boundedBy } from '../src/with-timeout.js';

export { RedisTimeoutError } from '../src/with-timeout.js';

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  // Only a success reaches the solution's withTimeout: a rejection is dropped, so the timer reports it.
  return boundedBy(new Promise<T>((resolve) => void work.then(resolve, () => {})), ms);
}
