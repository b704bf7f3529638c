/**
 * Mistake: single-flight forgets a failed load, but keeps a successful one
 * Replaces: single-flight.ts
 * Caught by: 04.20
 *
 * Dropping rejected promises fixes the "an error is remembered for ever" bug, and keeping
 * the resolved ones looks like a free in-memory cache in front of Redis. But nothing ever
 * expires it: when Redis drops the page and Postgres has new prices, this process answers
 * every miss with the value it loaded first, without asking Redis or Postgres, until it
 * restarts. A flight lives as long as its load, no longer.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const known = this.flights.get(key);
    if (known) return known;
    const flight = work();
    flight.catch(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }
}
