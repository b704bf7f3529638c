import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { QueryLog } from './query-log.js';

const SCHEMA_SQL = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
const SEED_SQL = readFileSync(new URL('./seed.sql', import.meta.url), 'utf8');
const TABLES = [...SCHEMA_SQL.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1]!);
/** Every row gone, children before parents: the tables in the reverse of their creation order. */
const EMPTY_SQL = TABLES.map((table) => `DELETE FROM ${table};`)
  .reverse()
  .join('\n');

/**
 * Schemas, with their suite connection, that finished files of this process left seeded
 * for the next. Files run one after another in a worker, and writing the rows again costs
 * Postgres far less CPU than creating and dropping six tables and their indexes, which
 * every file paid before (six files at once: 67 ms of Postgres CPU a file, most of
 * verify's Postgres time). What is left when the run ends goes with it (live-run.ts).
 * Kept on the process, not in this module: verify loads this module again for many of its
 * targets, and a shelf per instance kept a connection open per instance.
 */
const shelf: { url: string; schema: string; admin: pg.Client }[] = ((globalThis as Record<symbol, unknown>)[Symbol.for('course.schemaShelf')] ??= []) as never;

type QueryFn = (...args: unknown[]) => unknown;

/** A way a query can be disturbed: slowed down, held until released, or failed. */
interface Fault {
  matches: (text: string) => boolean;
  apply: () => Promise<void>;
}

/**
 * The lab's Postgres: a schema of its own, seeded, and a real pg.Pool for the code
 * under test whose every statement is logged and can be slowed, held or failed. The
 * suite reads and changes rows through `sql`, which bypasses the log.
 */
export class LabDatabase {
  readonly queries = new QueryLog();
  /** Added before every statement of the lab's pool: what a slow database feels like. */
  latencyMs = 0;
  readonly pool: pg.Pool;
  private faults: Fault[] = [];
  /** The suite's last statement: the next one starts when it has settled. */
  private previous: Promise<unknown> = Promise.resolve();
  private readonly siblings: LabDatabase[] = [];
  /** Each pool connection's own query method, from before it was instrumented: a sibling's suite statements go past the log through it. */
  private readonly unlogged = new WeakMap<pg.PoolClient, QueryFn>();

  private constructor(
    readonly schema: string,
    /** How the pool connects; a sibling's connects the same way. */
    private readonly poolConfig: pg.PoolConfig,
    /** The suite's own connection; a sibling has none. */
    private readonly admin?: pg.Client,
  ) {
    this.pool = new pg.Pool(poolConfig);
    this.pool.on('connect', (client) => this.instrument(client, schema));
  }

  /** A seeded schema: one a finished file left (see `shelf`), or else a new one named `schema`. */
  static async create(url: string, schema: string, poolMax: number): Promise<LabDatabase> {
    const kept = shelf.findIndex((entry) => entry.url === url);
    if (kept >= 0) {
      const [{ schema: name, admin }] = shelf.splice(kept, 1) as [(typeof shelf)[number]];
      return new LabDatabase(name, { connectionString: url, max: poolMax }, admin);
    }
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path TO ${schema}`);
    await admin.query(`${SCHEMA_SQL}\n${SEED_SQL}`);
    return new LabDatabase(schema, { connectionString: url, max: poolMax }, admin);
  }

  /**
   * Another database beside this one, for work that runs side by side with this one's: a
   * schema of its own with copies of `tables` (rows included), and a pool of its own whose
   * statements are logged, slowed, held and failed apart from this one's. Its `sql` runs on
   * a connection of that pool, past the log (a suite connection each would crowd a shared
   * Postgres). It is removed when this one is closed.
   */
  async sibling(tables: readonly string[]): Promise<LabDatabase> {
    // This file's name with a file id of its own, so that a dead run's sweep finds it too (live-run.ts).
    const schema = this.schema.replace(/[0-9a-f]{8}$/, randomBytes(4).toString('hex'));
    const copies = tables.map((table) => `CREATE TABLE ${schema}.${table} (LIKE ${table} INCLUDING ALL); INSERT INTO ${schema}.${table} SELECT * FROM ${table};`);
    await this.sql([`CREATE SCHEMA ${schema};`, ...copies].join('\n'));
    const sibling = new LabDatabase(schema, this.poolConfig);
    this.siblings.push(sibling);
    return sibling;
  }

  /**
   * Runs SQL as the suite (not counted, never slowed). Statements issued at once run one
   * after another, on the suite's connection (a sibling's on one of its pool's): pg
   * deprecates queueing them on the client.
   */
  async sql<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
    const result = this.previous.then(() => this.suiteQuery<Row>(text, params));
    this.previous = result.catch(() => {});
    return (await result).rows;
  }

  private async suiteQuery<Row extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<pg.QueryResult<Row>> {
    if (this.admin) return this.admin.query<Row>(text, params);
    const client = await this.pool.connect();
    try {
      return await (this.unlogged.get(client)!(text, params) as Promise<pg.QueryResult<Row>>);
    } finally {
      client.release();
    }
  }

  /** Every matching statement fails with `error` until the returned function is called. */
  failQueries(pattern: RegExp, error = new Error('injected database failure')): () => void {
    return this.addFault(pattern, async () => {
      throw error;
    });
  }

  /**
   * Matching statements wait until `release()`: a slow reader the suite controls exactly.
   * With `first`, only the first that many wait and later ones run at once: loaders kept
   * stuck while the misses behind them are free to render.
   */
  holdQueries(pattern: RegExp, { first = Infinity } = {}): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let signalReached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => (signalReached = resolve));
    let held = 0;
    const remove = this.addFault(pattern, async () => {
      if (held >= first) return;
      held += 1;
      signalReached();
      await gate;
    });
    return { reached, release: () => (remove(), release()) };
  }

  clearFaults(): void {
    this.faults = [];
  }

  /**
   * Ends the pools, removes the siblings' schemas, and seeds this one's rows again for the
   * next file (a sibling is closed with the database it came from). A schema whose rows
   * cannot be written again is removed instead.
   */
  async close(): Promise<void> {
    const admin = this.admin;
    if (!admin) throw new Error(`${this.schema} is a sibling: it is closed with the database it came from`);
    await Promise.all([this, ...this.siblings].flatMap((db) => [db.pool.end(), db.previous]));
    if (this.siblings.length) await admin.query(`DROP SCHEMA IF EXISTS ${this.siblings.map((db) => db.schema).join(', ')} CASCADE`);
    if (await this.reseed(admin).catch(() => false)) {
      shelf.push({ url: this.poolConfig.connectionString!, schema: this.schema, admin });
      return;
    }
    await admin.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).catch(() => {});
    await admin.end();
  }

  /** Writes the seed rows again, unless the file added a table (a lab's migration) the next file would find. */
  private async reseed(admin: pg.Client): Promise<boolean> {
    await admin.query('ROLLBACK'); // a transaction the suite left open would swallow the reseed
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename <> ALL($2)', [this.schema, TABLES]);
    if (rows[0]!.n > 0) return false;
    await admin.query(`${EMPTY_SQL}\n${SEED_SQL}`);
    return true;
  }

  private addFault(pattern: RegExp, apply: () => Promise<void>): () => void {
    const fault: Fault = { matches: (text) => pattern.test(text), apply };
    this.faults.push(fault);
    return () => {
      this.faults = this.faults.filter((f) => f !== fault);
    };
  }

  private async beforeQuery(text: string, values: unknown[]): Promise<void> {
    this.queries.record(text, values);
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    for (const fault of this.faults.filter((f) => f.matches(text))) await fault.apply();
  }

  /** Points a new pool connection at the lab's schema, then wraps its query method. */
  private instrument(client: pg.PoolClient, schema: string): void {
    // Queued first on this connection. If it fails, the connection is already broken and
    // the query after it reports that; a rejection here would only be an unhandled echo.
    client.query(`SET search_path TO ${schema}`).catch(() => {});
    const original = client.query.bind(client) as QueryFn;
    this.unlogged.set(client, original);
    const wrapped: QueryFn = (...args) => {
      const first = args[0];
      const text = typeof first === 'string' ? first : String((first as { text?: string })?.text ?? '');
      const given = typeof first === 'string' ? args[1] : (first as { values?: unknown })?.values;
      const values = Array.isArray(given) ? given : [];
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        // pg.Pool#query uses the callback form internally.
        this.beforeQuery(text, values).then(
          () => original(...args),
          (error: unknown) => callback(error),
        );
        return undefined;
      }
      return this.beforeQuery(text, values).then(() => original(...args));
    };
    Object.assign(client, { query: wrapped });
  }
}
