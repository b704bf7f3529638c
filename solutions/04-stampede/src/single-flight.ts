// #region single-flight
/**
 * In-process coalescing: concurrent calls for the same key share one promise, so a
 * process sends one lock attempt and one query however many of its requests miss
 * together. The entry is removed once the work settles, so a failure is not remembered
 * and the next call starts afresh.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const current = this.flights.get(key);
    if (current) return current;
    const flight = work().finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }
}
// #endregion single-flight
