// Helpers both suite files of lab 08 share: products to cache, the code's connection to the
// small Redis, and the server's own account of what that connection did (commands, round
// trips). The small Redis is this file's alone while it runs, so its counters are ours.
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import { commandsDuring } from '../../harness/lab/commands-during.js';
import type { ServerCommand } from '../../harness/lab/monitor.js';
import { atomicSteps, type Step } from '../../harness/lab/steps.js';
import type { LabDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { PRODUCT_TTL_SECONDS, type CacheTarget, type Product } from './src/contract.js';

export const LESSON = 'Lesson 08, Redis as a cache';
const TTL_MS = PRODUCT_TTL_SECONDS * 1000;
const TTL_SLACK_MS = 5_000; // a check runs in well under this: the key was written just now

/** A product whose JSON is about `size` bytes long. */
export function product(id: number, size = 120, name = `Product ${id}`): Product {
  const base: Product = { id, name, priceCents: 100 + id, description: '' };
  const room = Math.max(0, size - JSON.stringify(base).length);
  return { ...base, description: `d${id}-`.padEnd(room, 'x') };
}

export const products = (from: number, count: number, size?: number): Product[] =>
  Array.from({ length: count }, (_, i) => product(from + i, size));

/** The code's connection (connected, so its handshake is not counted) and the suite's own. */
export async function connections(small: LabDedicatedRedis): Promise<{ code: CacheTarget; admin: Redis }> {
  const redis = small.client();
  const admin = small.client();
  await Promise.all([redis.ping(), admin.ping()]);
  return { code: { redis, keyPrefix: small.prefix }, admin };
}

export async function policyOf(admin: Redis): Promise<string> {
  return ((await admin.config('GET', 'maxmemory-policy')) as string[])[1]!;
}

/**
 * How many times the server read a request from a socket while `work` ran: one per round
 * trip (a big pipeline may take a read per 16 KB). The small Redis has no other clients,
 * and the INFO that ends the count is one read of its own, taken off.
 */
export async function roundTripsDuring(small: LabDedicatedRedis, work: () => Promise<unknown>): Promise<number> {
  const reads = async () => Number(await small.info('stats', 'total_reads_processed'));
  const before = await reads();
  await work();
  return (await reads()) - before - 1;
}

/**
 * Every command the server ran while `work` was in flight, as MONITOR saw it, grouped in
 * steps. The small Redis is this file's alone and the suite sends nothing meanwhile, so
 * all of it is the code's, on whichever connection (a `duplicate()` too).
 */
export async function stepsDuring(small: LabDedicatedRedis, work: () => Promise<unknown>): Promise<Step[]> {
  const admin = small.client();
  try {
    return atomicSteps(await commandsDuring([admin], work));
  } finally {
    admin.disconnect();
  }
}

/** Checks one key's remaining TTL against PRODUCT_TTL_SECONDS, both ways. */
export function expectProductTtl(key: string, pttlMs: number, idea: string): void {
  const shown = pttlMs === -1 ? 'no TTL at all' : pttlMs === -2 ? 'no such key' : `${pttlMs} ms left`;
  expect(
    pttlMs > TTL_MS - TTL_SLACK_MS && pttlMs <= TTL_MS,
    `${key} has ${shown}; expected a TTL of PRODUCT_TTL_SECONDS (${PRODUCT_TTL_SECONDS} s), set just now.\n${idea}`,
  ).toBe(true);
}

/** A command as the server ran it, short enough for a message. */
export const shown = (c: ServerCommand): string =>
  [c.name, ...c.args.map((a) => (a.length > 30 ? `${a.slice(0, 27)}...` : a))].join(' ');
