// Lab 14: runs the learner's checks against a cache, side by side, each from a cold cache
// and the seeded rows of a database of its own, and reports what failed. Shared by the
// grading suites. Not a suite.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Command, Redis } from 'ioredis';
import { beforeAll, expect, inject, type RunnerTestCase } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { LIVENESS_MS } from '../../harness/lab/teach.js';
import { runScope } from '../../harness/services/live-run.js';
import type { LabDatabase } from '../../harness/lab/lab-database.js';
import type { Lab, LabOptions } from '../../harness/lab/use-lab.js';
import type { Check, CheckTools, ProductCache, ProductCacheOptions } from './src/contract.js';
import { commandTable, type CommandTable } from './command-table.support.js';

/**
 * No client of the grader's is the code's (`lab.redis.client()`): the code under test is
 * the learner's checks, whose keys the grader polices itself (`guarded`, stray keys).
 * The write audit would have nothing to judge, and its MONITOR would cost each of the
 * lab's workers the parse of every command the server runs.
 */
export const LAB_OPTIONS: LabOptions = { audit: false };

let loading: Promise<unknown> = Promise.resolve();

/**
 * Imports one module graph at a time in this worker: grading checks side by side each
 * load the checks afresh, and vi.resetModules() in one must not cut into another's import.
 */
export function importAlone<T>(load: () => Promise<T>): Promise<T> {
  const loaded = loading.then(load);
  loading = loaded.catch(() => {});
  return loaded;
}

/** Your checks, loaded afresh for each grading check: nothing a module holds carries over from one to the next. */
export const loadChecks = () => importAlone(async () => (await separateProcesses(1, () => import('./src/checks.js')))[0]!.checks);

/** What a cache module exports: the working one, or a broken copy. */
export type CacheFactory = (options: ProductCacheOptions) => ProductCache;

export interface CheckOutcome {
  name: string;
  /** The first lines of what made the check fail; absent when it passed. */
  failure?: string;
  /** Commands of the check's that were refused for reaching beyond its prefix. */
  refused: string[];
  /** It failed, and failed on the working cache too: no evidence against the cache under test. */
  failsOnWorkingToo?: boolean;
  /** It failed, and passed in one of its other runs on the same cache: luck, not a catch. */
  notReproduced?: boolean;
  /** It failed here every time and passed on the working cache: it caught the cache under test. */
  caught?: boolean;
}

export interface RunOptions {
  /** Added before every statement the caches send: a slower Postgres, where timing luck runs out. */
  slowDatabaseMs?: number;
  /**
   * Look for a check that fails here, passes on this cache, and fails here on each of
   * CATCH_REPEATS more runs: enough to know a broken cache was caught. Any other failure
   * (a machine too busy for the check's bounds, a race the check did not force) says
   * nothing about the cache under test.
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

/** How many more runs on the working cache a check gets after failing there once (see untilCaught). */
const WORKING_RETRIES = 2;

/**
 * A check on a broken cache that has shown no progress for this long (no tool used, no
 * call of a cache or statement started or settled, no Redis command sent) is most likely
 * waiting out a bound (its own `within`, or CHECK_LIMIT_MS) that the cache makes it reach:
 * its runs on the working cache and its repeats start then, beside it, not a bound's
 * length later. No progress, rather than time since the check started: on a loaded
 * machine checks that were only slow passed 250 ms, and the repeats started for them (at
 * a load of 16, a third of a run's checks) loaded it further. This moves when they run,
 * never what counts as a catch.
 */
const LIKELY_HANG_MS = 250;

/**
 * The connections the grader opens skip ioredis's ready check: the shared server is up
 * and loaded, and the INFO reply it parses for every connection cost a run more than
 * most checks do. They skip its CLIENT SETINFO too (twice on every connection, and a
 * check that looks at Redis opens one): the server's idea of the client's library is of
 * no use to a check.
 */
const NO_READY_CHECK = { enableReadyCheck: false, disableClientInfo: true };

/**
 * Runs at once in one file, each with a database of its own: a slow pass of checks or a
 * hanging cache's repeats side by side, and few enough that on a loaded machine the
 * worker still hands the caches their Redis replies within their 250 ms (with six, the
 * working cache failed checks under a load of 13 on two cores), and few pools for a
 * Postgres that other people's tests share.
 */
const SIDE_BY_SIDE = 4;

/** Restores a run's products table to the seed, the file's own table, which no run changes: each check starts from the same rows. */
const restoreRows = (seedSchema: string) => `
  DELETE FROM products p WHERE NOT EXISTS (SELECT 1 FROM ${seedSchema}.products s WHERE s.id = p.id);
  INSERT INTO products SELECT * FROM ${seedSchema}.products s WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.id = s.id);
  UPDATE products p SET sku = s.sku, name = s.name, category = s.category, price_cents = s.price_cents, updated_at = s.updated_at
    FROM ${seedSchema}.products s
   WHERE p.id = s.id
     AND (p.sku, p.name, p.category, p.price_cents, p.updated_at) IS DISTINCT FROM (s.sku, s.name, s.category, s.price_cents, s.updated_at);`;

export interface Grader {
  run(checks: readonly Check[], createCache: CacheFactory, options?: RunOptions): Promise<CheckOutcome[]>;
}

/** The name of the check a run is for, through all of the run's work: what the check reads as the test's name. */
const checkName = new AsyncLocalStorage<string>();

export interface GraderOptions {
  /** How many runs go at once, each with a database of its own (SIDE_BY_SIDE by default). */
  sideBySide?: number;
}

export function useGrader(lab: Lab, { sideBySide = SIDE_BY_SIDE }: GraderOptions = {}): Grader {
  let table: CommandTable;
  const { pgPoolMax, runId } = inject('services');
  // PGlite serves one statement at a time (a pool of one): there, runs take turns.
  const databases = new Databases(lab, pgPoolMax > 1 ? sideBySide : 1);
  const connections = new CacheConnections(lab, () => table);

  beforeAll(async () => {
    answerTestNameByCheck();
    table = await commandTable(lab.redis.admin);
  });

  /**
   * Runs `check` on a cache from `createCache`; `started` is called as the check itself
   * starts, after any wait for a database, with a function that tells how long the run
   * has shown no progress.
   */
  async function runOne(check: Check, createCache: CacheFactory, slowDatabaseMs: number, started?: Started): Promise<CheckOutcome> {
    // A scope of its own, outside the file's prefix, which is emptied after every grading check while others may still run.
    const { prefix } = runScope(runId, '14');
    const clients: Redis[] = [];
    const holds: (() => void)[] = [];
    const strayKeys = new Set<string>();
    const refused: string[] = [];
    /** The caches' calls still going: the run ends when they have settled, so none of their statements reach the next run. */
    const calls = new Set<Promise<unknown>>();
    let ended = false;
    /** When the run last showed progress (see LIKELY_HANG_MS). */
    let activeAt = performance.now();
    const active = () => {
      activeAt = performance.now();
    };
    /** A tool used after its run ended (work the check left running) must not reach the next run's keys or rows. */
    const afterEnd = () => new Error(`"${check.name}" used its tools after it had ended; await everything a check starts.`);
    const live = () => {
      if (ended) throw afterEnd();
      active();
    };
    const tracked = <T>(work: () => Promise<T>): Promise<T> => {
      if (ended) return Promise.reject(afterEnd());
      active();
      const call = work();
      const settle = () => (calls.delete(call), active());
      call.then(settle, settle);
      calls.add(call);
      return call;
    };
    const db = await databases.take();
    db.queries.reset();
    // A statement of the caches' starting or done is progress: each takes a connection from the pool and gives it back.
    db.pool.on('acquire', active).on('release', active);
    const quietMs = () => performance.now() - activeAt;

    const cacheClients: Redis[] = [];
    /** What a cache writes outside the run's prefix is noted, to be removed. */
    const cacheClient = () => {
      const client = connections.take({ onWrite: (key) => key.startsWith(prefix) || strayKeys.add(key), onCommand: active });
      cacheClients.push(client);
      return client;
    };
    const own = <T extends Redis>(client: T) => (clients.push(client), client);

    const tools: CheckTools = {
      makeCache: ({ redis, redisTimeoutMs } = {}) => {
        live();
        const cache = createCache({ redis: redis ?? cacheClient(), db: db.pool, keyPrefix: prefix, redisTimeoutMs, log: () => {} });
        // The same two functions whichever cache is behind them: only behaviour tells caches apart.
        return {
          getProduct: (id) => tracked(() => cache.getProduct(id)),
          updatePrice: (id, cents) => tracked(() => cache.updatePrice(id, cents)),
        };
      },
      // Connected when the check first uses it: many never look at Redis themselves.
      redis: own(guarded(lab.redis.suiteClient({ ...NO_READY_CHECK, lazyConnect: true }), { prefix, table, refused, own, onCommand: active })),
      prefix,
      db: {
        count: (kind = 'any') => (live(), db.queries.count(kind === 'any' ? {} : { kind })),
        sql: <Row>(text: string, params: unknown[] = []) => tracked(() => db.sql(text, params) as Promise<Row[]>),
        failQueries: (pattern) => (live(), db.failQueries(pattern)),
        holdQueries: (pattern) => {
          live();
          const hold = db.holdQueries(pattern);
          holds.push(hold.release);
          return hold;
        },
      },
      stalledRedis: async () => (live(), own(await lab.redis.stalledClient())),
      downRedis: async () => (live(), own(await lab.redis.downClient())),
      within,
    };

    db.latencyMs = slowDatabaseMs;
    let failure: string | undefined;
    active();
    started?.(quietMs);
    try {
      const run = checkName.run(check.name, () => Promise.resolve().then(() => check.run(tools)));
      await within(run, CHECK_LIMIT_MS, `the check had not finished after ${CHECK_LIMIT_MS} ms`);
    } catch (error) {
      failure = firstLines(error);
    } finally {
      ended = true;
      // A held statement would keep its pool connection for ever, and a call waiting on a
      // closed connection gives up: what the caches still had going settles now.
      for (const release of holds) release();
      for (const client of clients) client.disconnect();
      const settled = await within(Promise.allSettled(calls), CHECK_LIMIT_MS).then(() => true, () => false);
      db.pool.off('acquire', active).off('release', active);
      db.clearFaults();
      db.latencyMs = 0;
      await lab.redis.unlink([...strayKeys]);
      await lab.redis.deleteAll(prefix);
      // A database or connection some call may still reach is not handed to another run.
      for (const client of cacheClients) (settled ? connections.give(client) : client.disconnect());
      if (settled) databases.give(db);
      else databases.retire();
    }
    return failure === undefined ? { name: check.name, refused } : { name: check.name, failure, refused };
  }

  return {
    async run(checks, createCache, { slowDatabaseMs = 0, untilCaughtAgainst } = {}) {
      const onCache = (cache: CacheFactory): Attempt => (check, started) => runOne(check, cache, slowDatabaseMs, started);
      if (!untilCaughtAgainst) return Promise.all(checks.map((check) => onCache(createCache)(check)));
      return untilCaught(checks, onCache(createCache), onCache(untilCaughtAgainst));
    },
  };
}

/**
 * What a check reads as the test's name (`expect.getState().currentTestName`) is its own,
 * though checks of several grading checks run at once: the grading check's title (which
 * cache, which bug) is not something a check can react to. Vitest writes the name into
 * the state of the worker's one `expect` at the start of every test, side by side ones
 * included, so the state is put behind a proxy, once per worker, in vitest's store of
 * expect states (`matchers-object`): a read from a check's run is answered with its name.
 */
function answerTestNameByCheck(): void {
  const states: unknown = (globalThis as Record<symbol, unknown>)[Symbol.for('matchers-object')];
  const state: unknown = states instanceof WeakMap ? states.get(expect) : undefined;
  if (!(states instanceof WeakMap) || typeof state !== 'object' || state === null) {
    throw new Error('vitest no longer keeps expect states where grading.support.ts looks: the grading titles cannot be hidden from the checks');
  }
  if (answeredByCheck.has(state)) return;
  const proxy = new Proxy(state, {
    get: (target, key, receiver) => (key === 'currentTestName' ? checkName.getStore() : undefined) ?? Reflect.get(target, key, receiver),
  });
  answeredByCheck.add(proxy);
  states.set(expect, proxy);
}
const answeredByCheck = new WeakSet<object>();

/** Called as a run's check starts, with a function that tells how long the run has shown no progress. */
type Started = (quietMs: () => number) => void;

/**
 * Lets a grading check that runs beside others end without the async assertions
 * (`expect(...).rejects`, `.resolves`) that checks made meanwhile. vitest records such an
 * assertion on the test it started last (one for the whole worker, whichever grading check
 * the assertion's check ran for), and a test that ends waits for what is recorded on it:
 * a grading check that ended while another's check still awaited a `.rejects` failed
 * with that check's failure (14.22 with 14.11's). A check's assertions are its run's
 * outcome, which its grading check has read; a grading check makes none of its own.
 */
export function leaveChecksAssertions(task: RunnerTestCase): void {
  task.promises = [];
}

/** One run of a check on some cache; `started` is called as the check itself starts. */
type Attempt = (check: Check, started?: Started) => Promise<CheckOutcome>;

/**
 * Runs the checks on the cache under test in order, until one has caught it: a check that
 * fails there runs again, side by side, on the working cache and CATCH_REPEATS more times
 * here, and it caught the cache when it passes on the working one (in at most 1 +
 * WORKING_RETRIES runs there) and fails here every time. The outcomes are those of the
 * checks that ran.
 */
async function untilCaught(checks: readonly Check[], here: Attempt, onWorking: Attempt): Promise<CheckOutcome[]> {
  const outcomes: CheckOutcome[] = [];
  for (const check of checks) {
    let confirmation: Promise<CheckOutcome[]> | undefined;
    const confirm = () => (confirmation ??= Promise.all([onWorking(check), ...Array.from({ length: CATCH_REPEATS }, () => here(check))]));
    let likelyHang: NodeJS.Timeout | undefined;
    /** Confirms once the run has shown no progress for LIKELY_HANG_MS, looking again as long as it has. */
    const watch = (quietMs: () => number) => {
      const wait = LIKELY_HANG_MS - quietMs();
      if (wait <= 0) void confirm();
      else likelyHang = setTimeout(watch, wait, quietMs);
    };
    const outcome = await here(check, (quietMs) => (likelyHang = setTimeout(watch, LIKELY_HANG_MS, quietMs))).finally(() => clearTimeout(likelyHang));
    if (outcome.failure === undefined) {
      await confirmation; // started for a run that then passed: its runs end before the grading check does
      outcomes.push(outcome);
      continue;
    }
    const [working, ...again] = await confirm();
    const failsHereEveryTime = again.every((o) => o.failure !== undefined);
    let passesOnWorking = working!.failure === undefined;
    // The working cache fails a check too when the machine is too busy for its bounds (its
    // Redis replies must come within 250 ms): a check that failed here every time is run on
    // it again before its failure there is taken as no evidence.
    for (let retry = 0; failsHereEveryTime && !passesOnWorking && retry < WORKING_RETRIES; retry += 1) {
      passesOnWorking = (await onWorking(check)).failure === undefined;
    }
    if (passesOnWorking && failsHereEveryTime) {
      outcomes.push({ ...outcome, caught: true });
      break;
    }
    outcomes.push({ ...outcome, failsOnWorkingToo: !passesOnWorking, notReproduced: passesOnWorking });
  }
  return outcomes;
}

/** The run a cache's connection serves: told of each command sent, and of each key written. */
interface ConnectionUser {
  onWrite(key: string): unknown;
  onCommand(): void;
}

/**
 * The caches' connections to the shared Redis, kept from one run to the next: opening and
 * closing one cost the worker more than most checks do. A cache gets a connection no other
 * cache is using, as another process would have one of its own, and the run hands it
 * back once the cache's calls have settled.
 */
class CacheConnections {
  private readonly idle: Redis[] = [];
  /** Where each connection's commands, and the keys they write, are reported: to the run using it. */
  private readonly runs = new WeakMap<Redis, ConnectionUser>();

  constructor(
    private readonly lab: Lab,
    private readonly table: () => CommandTable,
  ) {}

  take(user: ConnectionUser): Redis {
    const client = this.idle.pop() ?? this.open();
    this.runs.set(client, user);
    return client;
  }

  /** Back for another run, unless the server closed it. */
  give(client: Redis): void {
    this.runs.delete(client);
    if (['connecting', 'connect', 'ready'].includes(client.status)) this.idle.push(client);
    else client.disconnect();
  }

  private open(): Redis {
    const client = this.lab.redis.suiteClient(NO_READY_CHECK);
    wrapCommands(client, (command, send) => {
      const user = this.runs.get(client);
      if (user) {
        user.onCommand();
        for (const key of this.table().writtenKeys(command)) user.onWrite(key);
      }
      return send(command);
    });
    return client;
  }
}

/**
 * Databases for runs side by side, each a sibling of the file's with its own products
 * (a new one is a copy of the seed): made when a run needs one, kept for the next.
 */
class Databases {
  private readonly idle: LabDatabase[] = [];
  private readonly waiting: (() => void)[] = [];
  private made = 0;

  constructor(
    private readonly lab: Lab,
    private readonly size: number,
  ) {}

  async take(): Promise<LabDatabase> {
    for (;;) {
      const idle = this.idle.pop();
      if (idle) return idle;
      if (this.made < this.size) return this.make();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * Back for another run once its rows are the seed's again, restored as the run that
   * used it ends rather than as the next one starts, so a run that finds one idle starts
   * at once. One whose rows cannot be restored is retired.
   */
  give(db: LabDatabase): void {
    db.sql(restoreRows(this.lab.db.schema)).then(
      () => {
        this.idle.push(db);
        this.waiting.shift()?.();
      },
      () => this.retire(),
    );
  }

  /** Leaves a database some call may still reach to be removed with the file's, and lets another be made in its place. */
  retire(): void {
    this.made -= 1;
    this.waiting.shift()?.();
  }

  private async make(): Promise<LabDatabase> {
    this.made += 1;
    try {
      return await this.lab.db.sibling(['products']);
    } catch (error) {
      this.retire();
      throw error;
    }
  }
}

/** The run a guarded connection belongs to. */
interface GuardedRun {
  prefix: string;
  table: CommandTable;
  /** Where refused commands are noted. */
  refused: string[];
  /** Keeps a duplicate to be closed with the run. */
  own: (client: Redis) => Redis;
  /** Told of every command the connection sends. */
  onCommand: () => void;
}

/**
 * The learner's own connection: a command that names a key outside `prefix`, or that
 * reaches the whole server (KEYS, FLUSHDB, CONFIG...), is refused before it is sent and
 * noted in `refused`. Its duplicates, pipelines and MULTIs are guarded the same way. A
 * client the check builds itself (`new Redis(...)`) is not: the guard keeps honest checks
 * honest, it is not a sandbox.
 */
function guarded(client: Redis, run: GuardedRun): Redis {
  const { prefix, table, refused, own, onCommand } = run;
  /** The error for `command` when it reaches beyond the prefix (noted in `refused`), else undefined. */
  const refusal = (command: Command): Error | undefined => {
    const reason = table.reachBeyond(command, prefix);
    if (!reason) return undefined;
    const shown = [command.name.toUpperCase(), ...command.args.map(String)].join(' ').slice(0, 120);
    refused.push(`${shown}: ${reason}`);
    return new Error(`Refused ${shown}: ${reason}. A check touches only keys under tools.prefix (${prefix}).`);
  };
  wrapCommands(client, (command: Command, send) => {
    onCommand();
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
  client.duplicate = (...args: Parameters<Redis['duplicate']>) => own(guarded(duplicate(...args), run));
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
