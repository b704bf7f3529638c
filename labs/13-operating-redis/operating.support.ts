// Lab 13: what the suites share: a cache built from configuration with the suite's
// defaults, a hand-moved clock, and waits that end with a lesson instead of a timeout.
// Not a suite.
import { expect, inject, onTestFinished } from 'vitest';
import { pollUntil } from '../../harness/services/poll.js';
import { expectSettlesWithin, LIVENESS_MS } from '../../harness/lab/teach.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import type {} from '../../harness/vitest/provided-context.js';
import { RedisProxy } from './redis-proxy.support.js';
import type { Address, CacheOptions, HealthReport, Product, ResilientCache } from './src/contract.js';
import { createResilientCache } from './src/resilient-cache.js';

export const LESSON = 'Lesson 13, Operating Redis';
export const FAILURE_MODES = `${LESSON}, "Failure modes and what limits the damage"`;
export const WATCH = `${LESSON}, "What to watch"`;

/**
 * The slack a read may take beyond the Redis calls it waits for: Postgres and a busy
 * machine. A liveness bound, far above what the right answer needs.
 */
export const SLACK_MS = 800;

/** Large enough that no check opens the breaker: for checks about each call, not about the breaker. */
export const NO_BREAKER = { failureThreshold: 10_000 };

/** The suite's clock, moved by hand: the breaker's cool-down and the latencies run on it. */
export class Clock {
  ms = 1_800_000_000_000;
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** The course's shared Redis, where the proxy sends what it passes on. */
export function sharedRedis(): Address {
  const url = new URL(inject('services').redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

/** A proxy in front of `upstream` (the shared Redis unless named), closed when the test ends. */
export async function startProxy(upstream: Address = sharedRedis()): Promise<RedisProxy> {
  const proxy = await RedisProxy.start(upstream);
  onTestFinished(() => proxy.close());
  return proxy;
}

/**
 * The code under test, connected to `where` under the lab's prefix, its connection named
 * so the write audit knows it; closed when the test ends. Options override the suite's.
 */
export function createCache(lab: Lab, where: Address, options: Partial<CacheOptions> = {}): ResilientCache {
  const cache = createResilientCache({
    db: lab.db.pool,
    keyPrefix: lab.redis.prefix,
    ...options,
    redis: { ...where, connectionName: lab.redis.codeName, ...options.redis },
  });
  onTestFinished(() => cache.close());
  return cache;
}

/**
 * Waits until the cache is ready to serve reads, as its health report says (`server` is
 * no longer null: the README reports the figures only once the client is ready). The
 * first requests after start-up may be answered from Postgres while the connection
 * opens; the checks begin once it is open.
 */
export async function untilConnected(cache: ResilientCache): Promise<HealthReport> {
  let last: HealthReport | undefined;
  try {
    return await pollUntil(
      'the cache to report the server figures',
      async () => {
        last = await cache.health();
        return last.server ? last : { not: `health() says server: ${JSON.stringify(last.server)}` };
      },
      { timeoutMs: LIVENESS_MS, intervalMs: 20 },
    );
  } catch {
    expect.fail(
      `After ${LIVENESS_MS} ms of a healthy Redis, health() still reported server: ${JSON.stringify(last?.server)} ` +
        `(lastError: ${JSON.stringify(last?.lastError)}); expected the figures of INFO (used_memory, maxmemory, ` +
        'maxmemory_policy, evicted_keys). The checks wait for them to know the connection is open: either the cache ' +
        `cannot connect with the configuration it was given, or health() does not read INFO yet (${WATCH}).`,
    );
  }
}

/**
 * `work` must settle within `boundMs` (a liveness bound set far above the right answer's
 * time); returns what it gave, or the rejection as a string for the check to judge.
 */
export async function settles<T>(work: Promise<T>, boundMs: number, what: string, idea: string): Promise<T | string> {
  const outcome = work.catch((error: unknown) => `rejected: ${String(error)}`);
  return expectSettlesWithin(outcome, boundMs, what, idea);
}

/** Waits `ms` of real time: only to let a client's own timers run (reconnection attempts). */
export const elapse = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Product `id` as Postgres holds it, read by the suite (not counted). */
export async function truth(lab: Lab, id: number): Promise<Product | null> {
  const [row] = await lab.db.sql<{ id: number; sku: string; name: string; price_cents: number }>(
    'SELECT id, sku, name, price_cents FROM products WHERE id = $1',
    [id],
  );
  return row ? { id: row.id, sku: row.sku, name: row.name, priceCents: row.price_cents } : null;
}
