// Lab 01: what the suites share: the lesson's name and idea of a failing Redis, and Redis
// clients of the code's that misbehave on purpose. Not a suite.
import type { Command, Redis } from 'ioredis';
import type { Lab } from '../../harness/lab/use-lab.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { createProductCache } from './src/product-cache.js';
import type { ProductCacheOptions } from './src/contract.js';

export const LESSON = 'Lesson 01, Cache-aside';

/** The idea behind every check of a failing Redis on the read path. */
export const FALLBACK = `Redis is an optimisation: when it is down, slow or stalls, reads fall back to Postgres once redisTimeoutMs (250 ms by default) has passed, instead of failing or hanging (${LESSON}, "When Redis is down").`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The statements `lab.db.queries` counts as product loads. */
export const PRODUCT_SELECTS = { table: 'products', kind: 'select' } as const;

/** Builds caches as one process of the app would: its own connection, the lab's pool and prefix, then `base`, then a call's overrides. */
export function cacheMaker(lab: Lab, base: Partial<ProductCacheOptions> = {}) {
  return (overrides: Partial<ProductCacheOptions> = {}) =>
    createProductCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...base, ...overrides });
}

/**
 * Caches as one process builds them on a healthy Redis, so the bound is generous: a busy
 * machine must not turn a hit into a fallback. The 250 ms default is checked in 01.16.
 */
export const healthyCaches = (lab: Lab) => cacheMaker(lab, { redisTimeoutMs: 5000 });

type Through = (command: Command, send: (command: Command) => unknown) => unknown;

/** The commands the server flags as writes (its own command table), and scripts, which may write. */
let writeNames: Set<string> | undefined;

/** Clients for the code under test, each misbehaving one way. */
export function troubledRedis(lab: Lab) {
  /** A client of the code's, connected and ready, whose commands go through `through` from now on. */
  const clientThat = (through: Through) => lab.redis.readyClient(through);

  /**
   * A client of the code's whose writes go through `onWrites`, while reads go straight to
   * Redis. A transaction (MULTI ... EXEC) is one unit, as on a server: kept together until
   * EXEC, and a write if anything in it writes.
   */
  async function writesThrough(onWrites: (group: Command[], send: (command: Command) => unknown) => void): Promise<Redis> {
    const writes = await writeCommands();
    let transaction: Command[] | undefined;
    return clientThat((command, send) => {
      const name = command.name.toLowerCase();
      if (name === 'multi') transaction = [];
      transaction?.push(command);
      if (transaction && name !== 'exec') return command.promise;
      const group = transaction ?? [command];
      transaction = undefined;
      if (group.some((c) => writes.has(c.name.toLowerCase()))) onWrites(group, send);
      else group.forEach((c) => send(c));
      return command.promise;
    });
  }

  /** A Redis that answers reads and refuses every write at once with `error` (a full Redis: OOM). */
  const refusingWrites = (error: Error) => writesThrough((group) => group.forEach((c) => c.reject(error)));

  /** A Redis that answers reads and never answers a write. */
  const stallingWrites = () => writesThrough(() => {});

  /**
   * From now on `client`'s GETs miss at once, answered here without reaching the server: a
   * check of the cache write with a redisTimeoutMs of a few tens of ms must not see its GET
   * time out on a busy machine, for then the read skips the very write it is about.
   */
  const missingAtOnce = (client: Redis): Redis => {
    wrapCommands(client, (command, send) => (command.name.toLowerCase() === 'get' ? (command.resolve(null), command.promise) : send(command)));
    return client;
  };

  /**
   * A working Redis whose commands (or only its writes) reach the server `delayMs` late: a
   * slow link, a busy server. `reached()` counts the delayed commands sent on to the server
   * so far: read the moment a call resolves, 0 means the call did not wait for their
   * replies (they had not even reached Redis).
   *
   * The delay is timed from the end of the turn that sent the command (a timer set in a
   * microtask), so it starts after any bound the code set as it sent: of the code's timer
   * and this one, the one due first fires first, even when the machine pauses this process
   * between the send and the code's own setTimeout.
   */
  async function slowRedis(delayMs: number, only: 'everything' | 'writes' = 'everything') {
    const sent: Promise<unknown>[] = [];
    let reached = 0;
    const late = (group: Command[], send: (command: Command) => unknown) => {
      const answered = Promise.all(group.map((c) => c.promise));
      const delayed = Promise.resolve().then(() => sleep(delayMs));
      sent.push(delayed.then(() => ((reached += group.length), group.forEach((c) => send(c)), answered)).catch(() => {}));
    };
    const client = only === 'writes' ? await writesThrough(late) : await clientThat((command, send) => (late([command], send), command.promise));
    /** Resolves once every delayed command has reached Redis and been answered. */
    const drained = () => Promise.all(sent);
    return { client, drained, reached: () => reached };
  }

  async function writeCommands(): Promise<Set<string>> {
    if (!writeNames) {
      const table = (await lab.redis.admin.call('COMMAND')) as [string, number, string[]][];
      const writes = table.filter((c) => c[2].includes('write')).map((c) => c[0].toLowerCase());
      writeNames = new Set([...writes, 'eval', 'evalsha', 'fcall']);
    }
    return writeNames;
  }

  return { clientThat, slowRedis, refusingWrites, stallingWrites, missingAtOnce, writeCommands };
}

/**
 * Product `id` cached, then its price changed in Postgres behind the cache's back: a read
 * returning `cachedCents` was answered by Redis, one returning `truthCents` by Postgres.
 */
export async function cachedThenChanged(lab: Lab, id: number) {
  const cachedCents = (await healthyCaches(lab)().getProduct(id))?.priceCents; // a busy machine must not skip the fill
  const sql = 'UPDATE products SET price_cents = price_cents + 1 WHERE id = $1 RETURNING price_cents';
  const [row] = await lab.db.sql<{ price_cents: number }>(sql, [id]);
  return { cachedCents, truthCents: row!.price_cents };
}

/** Which of the two answered a read that returned `cents`, for messages (see cachedThenChanged). */
export const answeredBy = (cents: number | undefined, prices: { cachedCents?: number; truthCents: number }) =>
  cents === prices.cachedCents ? 'Redis (the cached price)' : cents === prices.truthCents ? 'Postgres' : `neither (${cents})`;

/** A pool of the lab's database whose queries wait until `release()`; `reached` resolves when the first one arrives. */
export function gatedPool(lab: Lab) {
  let release!: () => void;
  let signal!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (signal = resolve));
  const query = async (...args: unknown[]) => {
    signal();
    await gate;
    return (lab.db.pool.query as (...a: unknown[]) => unknown)(...args);
  };
  const pool = new Proxy(lab.db.pool, { get: (target, name) => (name === 'query' ? query : Reflect.get(target, name)) });
  return { pool, reached, release };
}

/** The price Postgres holds for product `id` now, read on the suite's own connection. */
export async function priceInPostgres(lab: Lab, id: number): Promise<number> {
  const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = $1', [id]);
  return row!.price_cents;
}
