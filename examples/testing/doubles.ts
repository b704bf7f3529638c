// Test doubles that stand in for the database and for time: they count, slow down,
// fail on demand, and move the clock forward without sleeping.
import { setTimeout as sleep } from 'node:timers/promises';

// #region counting-loader
export interface CountingLoader<T> {
  (id: string): Promise<T>;
  readonly calls: number;
  /** The next `n` calls throw, as a database outage would. */
  failNext(n: number): void;
}

export function countingLoader<T>(
  load: (id: string) => T,
  options: { latencyMs?: number } = {},
): CountingLoader<T> {
  let calls = 0;
  let failures = 0;
  const fn = async (id: string) => {
    calls++;
    // Widens race windows on purpose.
    if (options.latencyMs) await sleep(options.latencyMs);
    if (failures > 0) {
      failures--;
      throw new Error(`injected database failure loading ${id}`);
    }
    return load(id);
  };
  // defineProperty, not Object.assign: assign would copy the getter's value once (0).
  Object.defineProperty(fn, 'calls', { get: () => calls });
  const failNext = (n: number) => void (failures = n);
  return Object.assign(fn, { failNext }) as CountingLoader<T>;
}
// #endregion counting-loader

// #region clock
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock the test moves by hand: an hour passes in a microsecond. */
export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2025, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
// #endregion clock
