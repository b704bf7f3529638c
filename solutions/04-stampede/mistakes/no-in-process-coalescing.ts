/**
 * Mistake: no coalescing inside the process, because "the Redis lock already does it"
 * Replaces: single-flight.ts
 * Caught by: 04.6
 *
 * The Redis lock does keep the load to one, so dropping the in-memory layer looks like
 * removing redundancy. But every concurrent miss in the process now takes its own trip to
 * Redis: 50 requests send 50 lock attempts and then keep polling for a lock their own
 * process holds. The stampede moves from the database to Redis and to the event loop.
 */
export class SingleFlight<T> {
  run(_key: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
}
