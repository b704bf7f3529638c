// Bounded waits, reconnect backoff, a circuit breaker and request ids around cache calls.
// Run: npx tsx examples/operating/resilience.ts  (a fake Redis that never answers a GET)
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { isMain } from '../lib/example-redis.js';

// #region client-options
export function createCacheClient(url: string): Redis {
  return new Redis(url, {
    connectTimeout: 1_000, // a server that never accepts fails fast
    commandTimeout: 200, // a cache read that takes longer is treated as a miss
    // Nothing is kept to be sent later: while disconnected a call fails at once, and a
    // command cut off by a dropped connection is not resent after the reconnect. The
    // request has already been answered by the database; a late command serves nobody.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
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
 * After `threshold` consecutive failures, skip Redis for `coolDownMs`; then let one call
 * through as a probe, whose success closes the breaker and whose failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private probing = false;

  constructor(
    private readonly threshold = 5,
    private readonly coolDownMs = 10_000,
    private readonly now = () => Date.now(),
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  async run<T>(call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
    const state = this.state;
    // Open: no waiting on a Redis we know is down. Half-open: one probe at a time.
    if (state === 'open' || (state === 'half-open' && this.probing)) return fallback();
    const probe = state === 'half-open';
    if (probe) this.probing = true;
    try {
      const result = await call();
      this.failures = 0;
      this.probing = false;
      return result;
    } catch {
      this.failures++;
      // The cool-down starts when the breaker opens or a probe fails. A call sent before
      // it opened that fails later does not push the probe back.
      if (probe || this.failures === this.threshold) {
        this.openUntil = this.now() + this.coolDownMs;
      }
      if (probe) this.probing = false;
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
  // A "Redis" that completes the client's handshake, then never answers a GET: what a
  // stalled server or a partition looks like to a request.
  const stalled = createServer((socket) =>
    socket.on('data', (data) => {
      for (const [, name] of data.toString().matchAll(/\*\d+\r\n\$\d+\r\n(\w+)/g)) {
        if (name?.toLowerCase() !== 'get') socket.write('+OK\r\n');
      }
    }),
  );
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
  const { port } = stalled.address() as { port: number };
  const redis = createCacheClient(`redis://127.0.0.1:${port}`);
  redis.on('error', () => {});
  await once(redis, 'ready'); // with no offline queue, a call before this fails at once
  const breaker = new CircuitBreaker(3, 1_000);
  const fromDatabase = async () => 'value from the database';

  const request = async (i: number) => {
    const start = performance.now();
    const value = await withRequestId(randomUUID().slice(0, 8), () =>
      breaker.run(
        () => traced('GET', 'product:42', () => redis.get('product:42')),
        fromDatabase,
      ),
    );
    const ms = Math.round(performance.now() - start);
    console.log(`request ${i}: ${value}, ${ms} ms, breaker ${breaker.state}`);
  };

  for (let i = 1; i <= 5; i++) await request(i);
  // After the cool-down, three requests arrive together: one probes, two do not wait.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  console.log('1 s later, three requests at once:');
  await Promise.all([6, 7, 8].map(request));
  redis.disconnect();
  stalled.close();
}
