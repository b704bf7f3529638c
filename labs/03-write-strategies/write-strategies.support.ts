// Lab 03: what its suites share (the catalog's processes, copies and gates; the view
// counter's processes and Postgres totals). Not a suite.
import { afterEach, beforeAll } from 'vitest';
import type { Command, Redis } from 'ioredis';
import type { Lab } from '../../harness/lab/use-lab.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { createInvalidatingCatalog } from './src/invalidate-on-write.js';
import { createWriteThroughCatalog } from './src/write-through.js';
import { createViewCounter } from './src/view-counter.js';
import {
  APPLIED_VIEW_BATCHES_TABLE,
  selectProduct,
  type Catalog,
  type CatalogOptions,
  type Product,
  type Sql,
  type ViewCounter,
  type ViewCounterOptions,
} from './src/contract.js';

export const LESSON = 'Lesson 03, Write strategies';
export const productSelects = { table: 'products', kind: 'select' } as const;
export const CATALOGS = [
  ['invalidate-on-write', createInvalidatingCatalog],
  ['write-through', createWriteThroughCatalog],
] as const;
export type Create = (options: CatalogOptions) => Catalog;

/** How a call ended, as a line for a failure message. */
export const outcomeOf = (work: Promise<unknown>) =>
  work.then(
    (value) => `resolved with ${JSON.stringify(value)}`,
    (error: unknown) => `rejected: ${(error as Error).message}`,
  );

/** Whether `text` holds `price` as a whole number (not as part of a longer one). */
export const mentions = (text: string, price: number) => new RegExp(`(^|\\D)${price}(\\D|$)`).test(text);



/**
 * A Redis connection whose commands the suite can hold back: after hold(), every command
 * waits (unsent) until release(). It shows whether a call waits for its Redis step, or
 * makes one writer's cache step arrive after another's.
 */
export async function gatedClient(lab: Lab) {
  const client = await lab.redis.readyClient(); // only the code's own commands are ever held
  let gate: { opened: Promise<void>; open: () => void; held: string[]; first: Promise<void>; signal: () => void } | undefined;
  wrapCommands(client, (command: Command, send) => {
    const current = gate;
    if (!current) return send(command);
    current.held.push(`${command.name.toUpperCase()} ${command.args.slice(0, 2).join(' ')}`);
    current.signal();
    // The caller awaits command.promise; this chain only sends, so its copy of a rejection
    // (NOSCRIPT from a fresh server, say) is dropped rather than reported as unhandled.
    void current.opened.then(() => send(command)).catch(() => {});
    return command.promise;
  });
  return {
    client,
    hold() {
      let open!: () => void;
      let signal!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      const first = new Promise<void>((resolve) => (signal = resolve));
      gate = { opened, open, held: [], first, signal };
    },
    firstHeld: () => gate?.first ?? Promise.resolve(),
    held: () => gate?.held ?? [],
    release() {
      const current = gate;
      gate = undefined;
      current?.open();
    },
  };
}
export type Gate = Awaited<ReturnType<typeof gatedClient>>;

/** The catalog suites' helpers, for the file's `lab`. */
export function catalogHelpers(lab: Lab) {
  /** A catalog as one process of the app builds it: its own Redis connection, the shared keyspace. */
  const processWith = (create: Create, { redis = lab.redis.client(), load }: { redis?: Redis; load?: CatalogOptions['load'] } = {}): Catalog =>
    create({ redis, db: lab.db.pool, keyPrefix: lab.redis.prefix, ...(load ? { load } : {}) });

  /** The suite's own Postgres connection: not counted, never held or failed, so it reads while a write is held. */
  const otherConnection: Sql = { query: async (text, values = []) => ({ rows: await lab.db.sql(text, values) }) };
  const committed = (id: number) => selectProduct(otherConnection, id);

  /** Keys under the prefix that hold product `id`'s data (its SKU appears in them), with their text and PTTL. */
  async function copiesOf(id: number): Promise<{ key: string; text: string; pttlMs: number }[]> {
    const sku = `SKU-${String(id).padStart(4, '0')}`;
    const admin = lab.redis.admin;
    const copies = [];
    for (const { key, pttlMs } of await lab.redis.keys()) {
      const type = await admin.type(key);
      const text =
        type === 'string' ? ((await admin.get(key)) ?? '') : type === 'hash' ? JSON.stringify(await admin.hgetall(key)) : '';
      if (text.includes(sku)) copies.push({ key, text, pttlMs });
    }
    return copies;
  }

  /** A loader that reads the row, then waits until the suite opens its gate: a reader slow to fill the cache. */
  function slowLoader() {
    let open!: () => void;
    let loadedRow!: (row: Product | null) => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const loaded = new Promise<Product | null>((resolve) => (loadedRow = resolve));
    const load = async (id: number) => {
      const row = await committed(id);
      loadedRow(row);
      await gate;
      return row;
    };
    return { load, loaded, open };
  }

  return {
    processWith,
    committed,
    copiesOf,
    slowLoader,
    /** A read by a process that has not read before. */
    freshRead: (create: Create, id: number) => processWith(create).getProduct(id),
    /** The product's cached copy is evicted (as under memory pressure): the next read misses. */
    evict: async (id: number) => lab.redis.unlink((await copiesOf(id)).map((copy) => copy.key)),
    /** A reader that misses, loads the row through the suite's loader and waits there until fill() lets it go on. */
    slowReader(create: Create, id: number) {
      const slow = slowLoader();
      const catalog = processWith(create, { load: slow.load });
      const read = catalog.getProduct(id);
      read.catch(() => {}); // awaited by fill()
      const loaded = expectSettlesWithin(slow.loaded, 2000, `a slow reader's load of product ${id}`, 'On a miss, getProduct must load through options.load(id) when it is given (CatalogOptions in src/contract.ts).');
      return { catalog, loaded, fill: async () => (slow.open(), await read) };
    },
  };
}

type CounterModule = { createViewCounter: typeof createViewCounter };

/** A product id with no row: addViews skips its views, so a flush of them leaves Postgres as it was. */
const NO_PRODUCT = 999;

/**
 * The view-counter suites' helpers, for the file's `lab`; call it at the top level, after
 * `useLab`: it adds hooks that create the applied-batches table (the migration, as
 * production would have run it) and, after each check, close every counter it made
 * (timers included; a hung close must not hang the suite) and zero the totals.
 */
export function viewCounterHelpers(lab: Lab) {
  const counters: ViewCounter[] = [];
  /** Whether a key under `prefix` still holds views of `productId` (as a hash field, a member, or in a string). */
  async function buffered(prefix: string, productId: number): Promise<boolean> {
    const admin = lab.redis.admin;
    for (const { key } of await lab.redis.keys()) {
      if (!key.startsWith(prefix)) continue;
      const type = await admin.type(key);
      const members: Record<string, () => Promise<string[]>> = {
        hash: () => admin.hkeys(key),
        list: () => admin.lrange(key, 0, -1),
        set: () => admin.smembers(key),
        zset: () => admin.zrange(key, '0', '-1'),
        string: async () => [(await admin.get(key)) ?? ''],
      };
      if (((await members[type]?.()) ?? []).some((word) => mentions(word, productId))) return true;
    }
    return false;
  }
  beforeAll(() => lab.db.sql(APPLIED_VIEW_BATCHES_TABLE));
  afterEach(async () => {
    lab.db.clearFaults();
    await Promise.race([Promise.allSettled(counters.splice(0).map((c) => c.close())), new Promise((r) => setTimeout(r, 5000))]);
    await lab.db.sql('UPDATE product_views SET views = 0 WHERE views <> 0');
    await lab.db.sql('DELETE FROM applied_view_batches');
  });
  return {
    /** A counter as one process of the app builds it: its own Redis connection unless given one; `module` stands for another process. */
    counter(options: Partial<ViewCounterOptions> = {}, module: CounterModule = { createViewCounter }): ViewCounter {
      const made = module.createViewCounter({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, ...options });
      counters.push(made);
      return made;
    },
    /**
     * How many connections of the code's pool sit inside a transaction nobody finished: asks
     * each idle one whether its transaction began before this statement (a leftover BEGIN).
     */
    async connectionsLeftInATransaction(): Promise<number> {
      const pool = lab.db.pool;
      const clients = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
      try {
        const answers = await Promise.all(clients.map((c) => c.query<{ open: boolean }>('SELECT transaction_timestamp() <> statement_timestamp() AS open')));
        return answers.filter((answer) => answer.rows[0]?.open).length;
      } finally {
        for (const client of clients) client.release();
      }
    },
    /**
     * Waits `ms` for a closed counter's timer to show that it still flushes, and on a loaded
     * machine longer: until a timer ticking beside it at the same interval, in the same
     * process, has flushed twice since (`beside` records into the buffer that timer flushes;
     * twice, so that a tick of the closed timer, whatever its phase, falls between). What it
     * flushes is a view of no product, which leaves Postgres as it was.
     */
    async quietFor(ms: number, beside?: { views: ViewCounter; keyPrefix: string }): Promise<void> {
      const twoFlushesBeside = async () => {
        for (let round = 0; beside && round < 2; round += 1) {
          await beside.views.recordView(NO_PRODUCT);
          const until = performance.now() + 1_000;
          while (performance.now() < until && (await buffered(beside.keyPrefix, NO_PRODUCT))) await pause(10);
        }
      };
      await Promise.all([pause(ms), twoFlushesBeside()]);
    },
    /** What the lab's keys hold, in entries (a string is one, a hash one per field, a list one per element). */
    async footprint(): Promise<{ keys: number; entries: number }> {
      const admin = lab.redis.admin;
      let entries = 0;
      const keys = await lab.redis.keys();
      for (const { key } of keys) {
        const type = await admin.type(key);
        const size: Record<string, () => Promise<number>> = {
          string: async () => 1,
          hash: () => admin.hlen(key),
          list: () => admin.llen(key),
          set: () => admin.scard(key),
          zset: () => admin.zcard(key),
          stream: () => admin.xlen(key),
        };
        entries += (await size[type]?.()) ?? 1;
      }
      return { keys: keys.length, entries };
    },
    /** Views in Postgres of products 1..1000, those with none left out, e.g. { 4: 4, 5: 2 }. */
    async viewsInPostgres(): Promise<Record<number, number>> {
      const rows = await lab.db.sql<{ product_id: number; views: string }>(
        'SELECT product_id, views FROM product_views WHERE views <> 0 AND product_id <= 1000 ORDER BY product_id',
      );
      return Object.fromEntries(rows.map((row) => [row.product_id, Number(row.views)]));
    },
  };
}

/** Waits `ms` on the real clock: only to show that something does NOT happen meanwhile. */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) for a flush's write to product_views to reach Postgres, where the suite holds it. */
export const reach = (reached: Promise<void>) =>
  expectSettlesWithin(reached, 2000, 'the flush reaching its write to product_views', 'flush() must add the views to the product_views table.');

/** `times` concurrent views of one product. */
export function record(views: ViewCounter, productId: number, times: number): Promise<void[]> {
  return Promise.all(Array.from({ length: times }, () => views.recordView(productId)));
}
