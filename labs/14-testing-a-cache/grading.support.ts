// Lab 14: runs the learner's checks against a cache, one check at a time, each from a cold
// cache and the seeded rows, and reports what failed. Shared by the grading suites. Not a suite.
import type { Command, Redis } from 'ioredis';
import { beforeAll, expect } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { LIVENESS_MS } from '../../harness/lab/teach.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import type { Check, CheckTools, ProductCache, ProductCacheOptions } from './src/contract.js';
import { commandTable, type CommandTable } from './command-table.support.js';

/** Your checks, loaded afresh for each grading check: nothing a module holds carries over from one to the next. */
export const loadChecks = async () => (await separateProcesses(1, () => import('./src/checks.js')))[0]!.checks;

/** What a cache module exports: the working one, or a broken copy. */
export type CacheFactory = (options: ProductCacheOptions) => ProductCache;

export interface CheckOutcome {
  name: string;
  /** The first lines of what made the check fail; absent when it passed. */
  failure?: string;
  /** Commands of the check's that were refused for reaching beyond its prefix. */
  refused: string[];
  /** It failed, and failed on the working cache too right after: no evidence against the cache under test. */
  failsOnWorkingToo?: boolean;
  /** It failed, and passed in one of its later runs on the same cache: luck, not a catch. */
  notReproduced?: boolean;
}

export interface RunOptions {
  /** Added before every statement the caches send: a slower Postgres, where timing luck runs out. */
  slowDatabaseMs?: number;
  /**
   * Stop at the first check that fails here, passes on this cache right after, and fails
   * here on each of CATCH_REPEATS more runs: enough to know a broken cache was caught. Any
   * other failure (a machine too busy for the check's bounds, a race the check did not
   * force) says nothing about the cache under test, and the run goes on.
   */
  untilCaughtAgainst?: CacheFactory;
}

/**
 * A check that has not finished after this long is a failure, as in any test runner: the
 * course's liveness bound, far above what a check of the working cache needs.
 */
export const CHECK_LIMIT_MS = LIVENESS_MS;

/**
 * How many more times a check that failed on a broken cache must fail on it: a check that
 * wins a race half the time passes the whole test one time in eight, one that forces the
 * interleaving (holdQueries) every time.
 */
const CATCH_REPEATS = 2;

/** Restores the products table to the seed: each check starts from the same rows. */
const RESTORE_ROWS = `
  DELETE FROM products p WHERE NOT EXISTS (SELECT 1 FROM seed_products s WHERE s.id = p.id);
  INSERT INTO products SELECT * FROM seed_products s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = s.id);
  UPDATE products p SET sku = s.sku, name = s.name, category = s.category, price_cents = s.price_cents, updated_at = s.updated_at
    FROM seed_products s
   WHERE p.id = s.id
     AND (p.sku, p.name, p.category, p.price_cents, p.updated_at) IS DISTINCT FROM (s.sku, s.name, s.category, s.price_cents, s.updated_at);`;

export interface Grader {
  run(checks: readonly Check[], createCache: CacheFactory, options?: RunOptions): Promise<CheckOutcome[]>;
}

export function useGrader(lab: Lab): Grader {
  let table: CommandTable;
  let runs = 0;

  beforeAll(async () => {
    table = await commandTable(lab.redis.admin);
    await lab.db.sql('CREATE TABLE seed_products AS TABLE products');
  });

  async function runOne(check: Check, createCache: CacheFactory, slowDatabaseMs: number): Promise<CheckOutcome> {
    const prefix = lab.redis.key(`run${++runs}:`);
    const clients: Redis[] = [];
    const holds: (() => void)[] = [];
    const strayKeys = new Set<string>();
    const refused: string[] = [];
    await lab.db.sql(RESTORE_ROWS);

    /** A connection of a cache's: what it writes outside the file's prefix is noted, to be removed. */
    const cacheClient = () => {
      const client = lab.redis.suiteClient();
      wrapCommands(client, (command, send) => {
        for (const key of table.writtenKeys(command)) if (!key.startsWith(lab.redis.prefix)) strayKeys.add(key);
        return send(command);
      });
      return client;
    };
    const own = <T extends Redis>(client: T) => (clients.push(client), client);

    const tools: CheckTools = {
      makeCache: ({ redis, redisTimeoutMs } = {}) => {
        const cache = createCache({ redis: redis ?? own(cacheClient()), db: lab.db.pool, keyPrefix: prefix, redisTimeoutMs, log: () => {} });
        // The same two functions whichever cache is behind them: only behaviour tells caches apart.
        return { getProduct: (id) => cache.getProduct(id), updatePrice: (id, cents) => cache.updatePrice(id, cents) };
      },
      redis: own(guarded(lab.redis.suiteClient(), prefix, table, refused, own)),
      prefix,
      db: {
        count: (kind = 'any') => lab.db.queries.count(kind === 'any' ? {} : { kind }),
        sql: <Row>(text: string, params: unknown[] = []) => lab.db.sql(text, params) as Promise<Row[]>,
        failQueries: (pattern) => lab.db.failQueries(pattern),
        holdQueries: (pattern) => {
          const hold = lab.db.holdQueries(pattern);
          holds.push(hold.release);
          return hold;
        },
      },
      stalledRedis: async () => own(await lab.redis.stalledClient()),
      downRedis: async () => own(await lab.redis.downClient()),
      within,
    };

    lab.db.latencyMs = slowDatabaseMs;
    // The check runs under its own name: the grading check's title (which cache, which bug)
    // is not something a check can read and react to.
    const graderState = expect.getState();
    expect.setState({ currentTestName: check.name });
    let failure: string | undefined;
    try {
      await within(Promise.resolve().then(() => check.run(tools)), CHECK_LIMIT_MS, `the check had not finished after ${CHECK_LIMIT_MS} ms`);
    } catch (error) {
      failure = firstLines(error);
    } finally {
      expect.setState({ currentTestName: graderState.currentTestName });
      // A held statement would keep its pool connection for ever: let it go before the next check.
      for (const release of holds) release();
      lab.db.clearFaults();
      lab.db.latencyMs = 0;
      lab.db.queries.reset();
      for (const client of clients) client.disconnect();
      await lab.redis.unlink([...strayKeys]);
      await lab.redis.deleteAll();
    }
    return failure === undefined ? { name: check.name, refused } : { name: check.name, failure, refused };
  }

  return {
    async run(checks, createCache, { slowDatabaseMs = 0, untilCaughtAgainst } = {}) {
      const outcomes: CheckOutcome[] = [];
      for (const check of checks) {
        const outcome = await runOne(check, createCache, slowDatabaseMs);
        outcomes.push(outcome);
        if (!untilCaughtAgainst || outcome.failure === undefined) continue;
        // A catch must hold up: the check passes on the working cache and fails here every time again.
        const onWorking = await runOne(check, untilCaughtAgainst, slowDatabaseMs);
        let holds = onWorking.failure === undefined;
        for (let i = 0; holds && i < CATCH_REPEATS; i += 1) holds = (await runOne(check, createCache, slowDatabaseMs)).failure !== undefined;
        if (holds) break;
        outcome.failsOnWorkingToo = onWorking.failure !== undefined;
        outcome.notReproduced = onWorking.failure === undefined;
      }
      return outcomes;
    },
  };
}

/**
 * The learner's own connection: a command that names a key outside `prefix`, or that
 * reaches the whole server (KEYS, FLUSHDB, CONFIG...), is refused before it is sent and
 * noted in `refused`. Its duplicates, pipelines and MULTIs are guarded the same way. A
 * client the check builds itself (`new Redis(...)`) is not: the guard keeps honest checks
 * honest, it is not a sandbox.
 */
function guarded(client: Redis, prefix: string, table: CommandTable, refused: string[], own: (client: Redis) => Redis): Redis {
  /** The error for `command` when it reaches beyond the prefix (noted in `refused`), else undefined. */
  const refusal = (command: Command): Error | undefined => {
    const reason = table.reachBeyond(command, prefix);
    if (!reason) return undefined;
    const shown = [command.name.toUpperCase(), ...command.args.map(String)].join(' ').slice(0, 120);
    refused.push(`${shown}: ${reason}`);
    return new Error(`Refused ${shown}: ${reason}. A check touches only keys under tools.prefix (${prefix}).`);
  };
  wrapCommands(client, (command: Command, send) => {
    const error = refusal(command);
    if (!error) return send(command);
    command.reject(error);
    return command.promise;
  });
  // A pipeline or MULTI sends its commands together: one refused command would leave the
  // batch waiting for ever, so the whole batch is refused before anything is sent.
  for (const batch of ['pipeline', 'multi'] as const) {
    const open = client[batch].bind(client) as (...args: unknown[]) => ReturnType<Redis['pipeline']>;
    (client as unknown as Record<string, unknown>)[batch] = (...args: unknown[]) => {
      const pipeline = open(...args);
      if (!('exec' in pipeline)) return pipeline; // MULTI without a pipeline: each command is guarded as it is sent
      const exec = pipeline.exec.bind(pipeline);
      pipeline.exec = (...execArgs: Parameters<typeof exec>) => {
        const queued = (pipeline as unknown as { _queue: Command[] })._queue;
        const error = queued.map(refusal).find((e) => e !== undefined);
        return error ? Promise.reject(error) : exec(...execArgs);
      };
      return pipeline;
    };
  }
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (...args: Parameters<Redis['duplicate']>) => own(guarded(duplicate(...args), prefix, table, refused, own));
  return client;
}

/** Resolves like `work`, or rejects with `message` once `ms` have passed. */
export function within<T>(work: Promise<T>, ms: number, message = `still not settled after ${ms} ms`): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The start of a failure, as a learner would read it in their own test runner. */
function firstLines(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\u001b\[[0-9;]*m/g, '').trim().split('\n').slice(0, 4).join('\n    ');
}
