// Helpers both suite files of lab 08 share: products to cache, the code's connection to the
// small Redis, and the server's own account of what that connection did (commands, round
// trips). The small Redis is this file's alone while it runs, so its counters are ours.
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import { commandsDuring } from '../../harness/lab/commands-during.js';
import { refuseOnServer, wrapCommands } from '../../harness/lab/lab-redis.js';
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

const opened: Redis[] = [];

/** The code's connection (connected, so its handshake is not counted) and the suite's own. */
export async function connections(small: LabDedicatedRedis): Promise<{ code: CacheTarget; admin: Redis }> {
  const redis = small.client();
  const admin = small.client();
  opened.push(redis, admin);
  await Promise.all([redis.ping(), admin.ping()]);
  return { code: { redis, keyPrefix: small.prefix }, admin };
}

/**
 * Closes the connections the check opened, after it: each holds buffers the server counts
 * in its used memory, and a few dozen of them, kept to the end of the file, would fill
 * much of a 4 MB server and have the keys of later checks evicted.
 */
export function closeConnections(): void {
  for (const client of opened.splice(0)) client.disconnect();
}

export async function policyOf(admin: Redis): Promise<string> {
  return ((await admin.config('GET', 'maxmemory-policy')) as string[])[1]!;
}

export interface RoundTrips {
  /** Requests the server read from a socket (a big pipeline may take a read per 16 KB). */
  reads: number;
  /** Times the code's connection wrote to its socket: a pipeline or a MULTI is one write, each command sent on its own is one. */
  writes: number;
}

/**
 * The round trips `work` cost, as both ends count them: the server's reads (the small Redis
 * has no other clients, and the INFO that ends the count is one read of its own, taken
 * off) and the writes of the code's connection to its socket. Commands sent one by one
 * without waiting (a Promise.all of GETs) may reach the server in a few reads, as TCP
 * packs them, but each is a write of its own every time.
 */
export async function roundTripsDuring(small: LabDedicatedRedis, redis: Redis, work: () => Promise<unknown>): Promise<RoundTrips> {
  const reads = async () => Number(await small.info('stats', 'total_reads_processed'));
  const socket = redis.stream;
  const own = Object.prototype.hasOwnProperty.call(socket, 'write');
  const write = socket.write as (...args: unknown[]) => boolean;
  let writes = 0;
  socket.write = ((...args: unknown[]) => {
    writes += 1;
    return write.apply(socket, args);
  }) as typeof socket.write;
  const before = await reads();
  try {
    await work();
  } finally {
    if (own) socket.write = write as typeof socket.write;
    else Reflect.deleteProperty(socket, 'write');
  }
  return { reads: (await reads()) - before - 1, writes };
}

/**
 * From now on, the server refuses the first command of `redis` that names `key` (a SET, an
 * MSET, a script's keys): it is sent under a name the server does not know, so the server
 * answers it with an error (ERR unknown command), or aborts the MULTI it is queued in, and
 * runs the rest. Stands in for any error a write may meet: READONLY after a failover, a
 * wrong type, a full server.
 */
export function refuseTheWriteOf(redis: Redis, key: string): { readonly refused: number } {
  let refused = 0;
  wrapCommands(redis, (command, send) => {
    if (refused === 0 && command.args.some((arg) => String(arg) === key)) {
      refused += 1;
      refuseOnServer(command);
    }
    return send(command);
  });
  return {
    get refused() {
      return refused;
    },
  };
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
