// Lab 02: what the checks on a failing or stalled Redis share. Not a suite.
import { ReplyError, type Command, type Redis } from 'ioredis';
import type { Lab } from '../../harness/lab/use-lab.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { createShopCache } from './src/shop-cache.js';
import { LEADERBOARD_SIZE, REDIS_TIMEOUT_MS, type ShopCache, type ShopCacheOptions } from './src/contract.js';

export const LESSON = 'Lesson 02, TTLs and keys';
/** Far above what a healthy Redis takes. */
export const PATIENT_MS = 10_000;
/** A liveness bound: far above the REDIS_TIMEOUT_MS or two a correct answer spends, far below PATIENT_MS. */
export const BOUND_MS = 16 * REDIS_TIMEOUT_MS;

/** The id fields of `entity`'s shape, for id `id`. */
export const idOf = (entity: string, id: number) => (entity === 'product' ? { id } : entity === 'inventory' ? { productId: id } : { userId: id });

/** Caches and misbehaving Redis clients for the file's `lab`, and what Postgres holds. */
export function stalledRedis(lab: Lab) {
  /** A cache on `redis`; `redisTimeoutMs` only when the scenario gives one, so the default is the code's own. */
  function cacheOn(redis: Redis, timeout: Pick<ShopCacheOptions, 'redisTimeoutMs'>): ShopCache {
    return createShopCache({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix, ...timeout });
  }

  /** A Redis that was working and stops answering: commands (all, or those named) are never answered. */
  const stalling = (names?: Set<string>) => lab.redis.readyClient((c, send) => (!names || names.has(c.name.toLowerCase()) ? c.promise : send(c)));
  /**
   * From now on `client`'s GETs miss at once, answered here without reaching the server: a
   * scenario about the cache write with a redisTimeoutMs of a few tens of ms must not see its
   * GET time out on a busy machine, for then the read skips the very write it is about.
   */
  const missingAtOnce = (client: Redis): Redis => {
    wrapCommands(client, (command, send) => (command.name.toLowerCase() === 'get' ? (command.resolve(null), command.promise) : send(command)));
    return client;
  };
  /** A Redis restarting from its snapshot: every command is answered with LOADING at once. */
  const loading = () => lab.redis.readyClient((c) => (c.reject(new ReplyError('LOADING Redis is loading the dataset in memory')), c.promise));
  /**
   * A Redis that answers every command (or those `how` picks; the others at once) `delayMs` late,
   * timed from the end of the turn that sent it: its reply is fetched at once and handed over then
   * (a timer of this process, set in a microtask, so after any bound the code set as it sent, even
   * when the machine pauses this process in between), or, for a 'late request', the command
   * reaches the server only then (a slow link: what the server holds shows whether the code waited).
   * `answered()` waits until every command sent so far has its reply.
   */
  async function lateRedis(delayMs: number, how: (command: Command) => 'now' | 'late reply' | 'late request' = () => 'late reply'): Promise<{ redis: Redis; answered: () => Promise<unknown> }> {
    const inFlight: Promise<unknown>[] = [];
    const redis = await lab.redis.readyClient((command, send) => {
      const late = how(command);
      if (late === 'now') return send(command);
      inFlight.push(command.promise.catch(() => {}));
      // After the timer, setImmediate: every timer already due has fired by then, the code's
      // shorter bound included, even where a stall made both due at once and Node ran the
      // longer timer's list first (lists go by their oldest timer, not by this one).
      if (late === 'late request') {
        queueMicrotask(() => setTimeout(() => setImmediate(() => send(command)), delayMs));
        return command.promise;
      }
      const due = new Promise((resolve) => queueMicrotask(() => setTimeout(() => setImmediate(resolve), delayMs)));
      const { resolve, reject } = command;
      command.resolve = (value) => void due.then(() => resolve(value));
      command.reject = (error) => void due.then(() => reject(error));
      return send(command);
    });
    return { redis, answered: () => Promise.all(inFlight) };
  }
  /** The server's command table, asked once: [name, arity, flags] per command. */
  let commandTable: Promise<[string, number, string[]][]> | undefined;
  /** Commands the server flags `flag`, and scripts, which may do anything. */
  async function flagged(flag: 'denyoom' | 'write'): Promise<Set<string>> {
    commandTable ??= lab.redis.admin.call('COMMAND') as Promise<[string, number, string[]][]>;
    return new Set([...(await commandTable).filter((c) => c[2].includes(flag)).map((c) => c[0].toLowerCase()), 'eval', 'evalsha', 'fcall']);
  }
  /** Commands a server may refuse or hold when memory is tight: its `denyoom` ones, and scripts. */
  const writes = () => flagged('denyoom');
  /** Commands that change a key (its `write` ones), which a read-only replica refuses. */
  const changingCommands = () => flagged('write');

  /** What Postgres holds for product, stock, profile and balance `id`, and the leaderboard. */
  async function truthFor(id: number) {
    const one = async (sql: string) => (await lab.db.sql(sql, [id]))[0];
    return {
      product: await one('SELECT id, sku, name, category, price_cents AS "priceCents" FROM products WHERE id = $1'),
      inventory: await one('SELECT product_id AS "productId", quantity FROM inventory WHERE product_id = $1'),
      profile: await one('SELECT user_id AS "userId", display_name AS "displayName", bio FROM profiles WHERE user_id = $1'),
      leaderboard: await lab.db.sql(
        `SELECT v.product_id AS "productId", p.name, v.views::integer AS views FROM product_views v
           JOIN products p ON p.id = v.product_id ORDER BY v.views DESC, v.product_id LIMIT $1`,
        [LEADERBOARD_SIZE],
      ),
      balance: await one('SELECT user_id AS "userId", balance_cents::float8 AS "balanceCents" FROM accounts WHERE user_id = $1'),
    };
  }
  async function readEverything(cache: ShopCache, id: number) {
    const reads = [cache.getProduct(id), cache.getInventory(id), cache.getProfile(id), cache.getLeaderboard(), cache.getBalance(id)] as const;
    const [product, inventory, profile, leaderboard, balance] = await Promise.all(reads);
    return { product, inventory, profile, leaderboard, balance };
  }
  return { cacheOn, stalling, missingAtOnce, loading, lateRedis, writes, changingCommands, truthFor, readEverything };
}
