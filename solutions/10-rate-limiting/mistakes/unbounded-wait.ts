/**
 * Mistake: the limiter waits for Redis as long as Redis takes
 * Replaces: bounded.ts
 * Caught by: 10.10, 10.11, 10.14
 *
 * The failure policy is in place, and a Redis that answers with an error gets it at once.
 * But a Redis that is down or stalled does not answer at all: ioredis queues the command
 * and retries the connection, and every request waits with it. The API hangs instead of
 * failing open or closed. The policy only works with a bound on the wait.
 */
export function within<T>(work: Promise<T>, _ms: number): Promise<T> {
  return work;
}
