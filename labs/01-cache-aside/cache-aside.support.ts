// Lab 01: what the suites share: the lesson's name and idea of a failing Redis, and Redis
// clients of the code's that misbehave on purpose. Not a suite.
import type { Command, Redis } from 'ioredis';
import type { Lab } from '../../harness/lab/use-lab.js';
import { createProductCache } from './src/product-cache.js';
import type { ProductCacheOptions } from './src/contract.js';

export const LESSON = 'Lesson 01, Cache-aside';

/** The idea behind every check of a failing Redis on the read path. */
export const FALLBACK = `Redis is an optimisation: when it is down, slow or stalls, reads fall back to Postgres once redisTimeoutMs (250 ms by default) has passed, instead of failing or hanging (${LESSON}, "When Redis is down").`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Builds caches as one process of the app would: its own connection, the lab's pool and prefix, then `base`, then a call's overrides. */
export function cacheMaker(lab: Lab, base: Partial<ProductCacheOptions> = {}) {
  return (overrides: Partial<ProductCacheOptions> = {}) =>
    createProductCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...base, ...overrides });
}

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
   * A working Redis whose commands (or only its writes) reach the server `delayMs` late: a
   * slow link, a busy server. `reached()` counts the delayed commands sent on to the server
   * so far: read the moment a call resolves, 0 means the call did not wait for their
   * replies (they had not even reached Redis).
   */
  async function slowRedis(delayMs: number, only: 'everything' | 'writes' = 'everything') {
    const sent: Promise<unknown>[] = [];
    let reached = 0;
    const late = (group: Command[], send: (command: Command) => unknown) => {
      const answered = Promise.all(group.map((c) => c.promise));
      sent.push(sleep(delayMs).then(() => ((reached += group.length), group.forEach((c) => send(c)), answered)).catch(() => {}));
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

  return { clientThat, slowRedis, refusingWrites, stallingWrites, writeCommands };
}

/** The price Postgres holds for product `id` now, read on the suite's own connection. */
export async function priceInPostgres(lab: Lab, id: number): Promise<number> {
  const [row] = await lab.db.sql<{ price_cents: number }>('SELECT price_cents FROM products WHERE id = $1', [id]);
  return row!.price_cents;
}
