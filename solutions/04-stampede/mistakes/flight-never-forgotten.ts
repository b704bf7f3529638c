/**
 * Mistake: single-flight keeps each key's promise after it settles
 * Replaces: single-flight.ts
 * Caught by: 04.9
 *
 * Keeping the promise looks like a free in-memory cache on top of the coalescing. But a
 * rejected promise is kept too: after one database error the process answers every later
 * miss for that key with the same old error, until it restarts, although the database has
 * long recovered. (A successful one is kept with no expiry at all, beside the TTLs in Redis.)
 */
export class SingleFlight<T> {
  private readonly byKey = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    let promise = this.byKey.get(key);
    if (promise === undefined) {
      promise = work();
      this.byKey.set(key, promise);
    }
    return promise;
  }
}
