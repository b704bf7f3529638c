import { readFileSync } from 'node:fs';
import pg from 'pg';
import { QueryLog } from './query-log.js';

const SEED_SQL = readFileSync(new URL('./seed.sql', import.meta.url), 'utf8');

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
  private faults: Fault[] = [];
  /** The suite's last statement: the next one starts when it has settled. */
  private previous: Promise<unknown> = Promise.resolve();
  private constructor(
    readonly schema: string,
    readonly pool: pg.Pool,
    private readonly admin: pg.Client,
  ) {}

  static async create(url: string, schema: string, poolMax: number): Promise<LabDatabase> {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path TO ${schema}`);
    await admin.query(SEED_SQL);
    const pool = new pg.Pool({ connectionString: url, max: poolMax });
    const db = new LabDatabase(schema, pool, admin);
    pool.on('connect', (client) => db.instrument(client, schema));
    return db;
  }

  /**
   * Runs SQL as the suite (not counted, never slowed). Statements issued at once run one
   * after another on the suite's connection: pg deprecates queueing them on the client.
   */
  async sql<Row extends pg.QueryResultRow = pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<Row[]> {
    const result = this.previous.then(() => this.admin.query<Row>(text, params));
    this.previous = result.catch(() => {});
    return (await result).rows;
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

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.previous]);
    await this.admin.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
    await this.admin.end();
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
