/**
 * Mistake: the single-flight map ignores the key, so every concurrent miss joins the first flight
 * Replaces: single-flight.ts
 * Caught by: 04.11, 04.15
 *
 * A load test with one hot key shows exactly what single-flight promises: 50 misses, one
 * query. The key argument is never used, and nothing on that test notices. With two
 * categories missing at the same moment, the second joins the first one's flight: a
 * request for kettles is answered with the cups page, and kettles is never loaded at all.
 * Coalescing is per key, or it merges distinct work.
 */
export class SingleFlight<T> {
  private current: Promise<T> | undefined;

  run(_key: string, work: () => Promise<T>): Promise<T> {
    if (this.current) return this.current;
    const flight = work().finally(() => {
      this.current = undefined;
    });
    this.current = flight;
    return flight;
  }
}
