// Bounded waits, backoff, a circuit breaker and request ids around cache calls.
// Run: npx tsx examples/operating/resilience.ts  (uses a fake Redis that never answers)
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { isMain } from '../lib/example-redis.js';

// #region client-options
export function createCacheClient(url: string): Redis {
  return new Redis(url, {
    connectTimeout: 1_000, // a server that never accepts fails fast
    commandTimeout: 200, // a cache read that takes longer is treated as a miss
    maxRetriesPerRequest: 1, // do not queue a request behind many reconnect attempts
    // Reconnect with capped exponential backoff: 50 ms, 100, 200 ... up to 2 s. ioredis
    // numbers the attempts of the current outage from 1, so the next outage starts at
    // 50 ms again. Jitter comes off the delay (up to half), never on top of it: a fleet
    // of clients does not reconnect in lockstep, and the cap still holds.
    retryStrategy: (attempt) => {
      const delay = Math.min(50 * 2 ** (attempt - 1), 2_000);
      return delay - Math.floor((Math.random() * delay) / 2);
    },
  });
}
// #endregion client-options

// #region breaker
/**
 * After `threshold` consecutive failures, skip Redis for `coolDownMs`, then try one
 * call.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;

  constructor(
    private readonly threshold = 5,
    private readonly coolDownMs = 5_000,
    private readonly now = () => Date.now(),
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  async run<T>(call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    if (this.state === 'open') return fallback(); // no waiting on a Redis we know is down
    try {
      const result = await call();
      this.failures = 0;
      return result;
    } catch {
      this.failures++;
      if (this.failures >= this.threshold) this.openUntil = this.now() + this.coolDownMs;
      return fallback();
    }
  }
}
// #endregion breaker

// #region request-id
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const withRequestId = <T>(requestId: string, fn: () => Promise<T>) =>
  requestContext.run({ requestId }, fn);

/**
 * Wraps a cache call so every log line and trace span carries the request id and
 * timing.
 */
export async function traced<T>(
  operation: string,
  key: string,
  call: () => Promise<T>,
): Promise<T> {
  const requestId = requestContext.getStore()?.requestId ?? 'none';
  const start = performance.now();
  const entry = (outcome: string) => ({
    requestId,
    operation,
    key,
    ms: performance.now() - start,
    outcome,
  });
  try {
    const result = await call();
    log(entry(result === null ? 'miss' : 'ok'));
    return result;
  } catch (err) {
    log(entry(`error: ${(err as Error).message}`));
    throw err;
  }
}

function log(entry: Record<string, unknown>): void {
  console.log(JSON.stringify({ ...entry, ms: Math.round(Number(entry.ms)) }));
}
// #endregion request-id

if (isMain(import.meta.url)) {
  // A "Redis" that accepts connections and never replies: what a partition looks like.
  const stalled = createServer((socket) => socket.on('data', () => {}));
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const { port } = stalled.address() as { port: number };
  const redis = createCacheClient(`redis://127.0.0.1:${port}`);
  redis.on('error', () => {});
  const breaker = new CircuitBreaker(3, 1_000);
  const fromDatabase = async () => 'value from the database';

  for (let i = 1; i <= 6; i++) {
    const start = performance.now();
    const value = await withRequestId(randomUUID().slice(0, 8), () =>
      breaker.run(
        () => traced('GET', 'product:42', () => redis.get('product:42')),
        fromDatabase,
      ),
    );
    const ms = Math.round(performance.now() - start);
    console.log(`request ${i}: ${value}, ${ms} ms, breaker ${breaker.state}`);
  }
  redis.disconnect();
  stalled.close();
}
