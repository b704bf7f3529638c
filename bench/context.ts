// The bench's own corner of the shared servers: a Redis key prefix and a Postgres schema
// nobody else uses, a catalogue of products to read, and a cleanup that removes exactly
// those, on success, on failure and on Ctrl-C.
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { Redis } from 'ioredis';
import { LabDatabase } from '../harness/lab/lab-database.js';
import { LabRedis } from '../harness/lab/lab-redis.js';
import { ROOT } from '../harness/labs.js';
import { LiveRun, runScope } from '../harness/services/live-run.js';
import type { CourseServices } from '../harness/services/resolve.js';

/** Products the bench reads: the seed's 20 plus enough to make a realistic catalogue. */
export const CATALOGUE_SIZE = 1000;
/** Connections in the bench's pg pool (one pool, as one process would have). */
export const POOL_SIZE = 8;

export interface Environment {
  cores: number;
  cpu: string;
  /** The one-minute load average when the bench started: above `cores`, other work competed. */
  loadAverage: number;
  node: string;
  redis: string;
  postgres: string;
  /** The one line saying which servers were used. */
  services: string;
  commit: string;
}

export class BenchContext {
  private closing: Promise<void> | undefined;
  private readonly clients = new Set<Redis>();

  private constructor(
    readonly redis: LabRedis,
    readonly db: LabDatabase,
    readonly poolSize: number,
    private readonly run: LiveRun,
  ) {}

  static async open(services: CourseServices): Promise<BenchContext> {
    // Marked as a live run, so a bench killed half-way is cleaned up by the next run.
    const run = await LiveRun.start(services.redis.url, services.postgres.url);
    const { prefix, schema } = runScope(run.id, 'bench');
    const redis = await LabRedis.open(services.redis.url, prefix, { monitor: false });
    let db: LabDatabase;
    try {
      const poolSize = Math.min(POOL_SIZE, services.postgres.poolMax ?? POOL_SIZE);
      db = await LabDatabase.create(services.postgres.url, schema, poolSize);
      const context = new BenchContext(redis, db, poolSize, run);
      await context.fillCatalogue();
      return context;
    } catch (error) {
      await redis.close().catch(() => {});
      await run.stop();
      throw error;
    }
  }

  /** A Redis connection of its own, as a separate process of the app would have. */
  client(): Redis {
    const client = this.redis.client();
    this.clients.add(client);
    return client;
  }

  /** True once cleanup has begun: work still running should stop, not carry on. */
  get closed(): boolean {
    return this.closing !== undefined;
  }

  /** Removes the keys under the bench's prefix (the cache goes cold). */
  async emptyCache(): Promise<void> {
    await this.redis.deleteAll();
  }

  async environment(services: CourseServices): Promise<Environment> {
    const info = await this.redis.admin.info('server');
    const [row] = await this.db.sql<{ server_version: string }>('SHOW server_version');
    return {
      cores: availableParallelism(),
      cpu: cpus()[0]?.model.trim() ?? 'unknown',
      loadAverage: loadavg()[0] ?? 0,
      node: process.version,
      redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
      postgres: row?.server_version.split(' ')[0] ?? 'unknown',
      services: services.summary,
      commit: gitCommit(),
    };
  }

  /** Drops the schema and deletes the keys; safe to call more than once. */
  close(): Promise<void> {
    // Cut the workload's connections first, so no write still in flight (after Ctrl-C)
    // can land after the keys are deleted.
    for (const client of this.clients) client.disconnect();
    this.closing ??= Promise.allSettled([this.redis.close(), this.db.close()]).then(() => this.run.stop());
    return this.closing;
  }

  private async fillCatalogue(): Promise<void> {
    await this.db.sql(
      `INSERT INTO products (id, sku, name, category, price_cents)
       SELECT n, 'SKU-' || lpad(n::text, 4, '0'),
              (ARRAY['Espresso cup', 'Pour-over kettle', 'Burr grinder', 'Milk jug', 'Tamper'])[1 + n % 5] || ' #' || n,
              (ARRAY['cups', 'kettles', 'grinders', 'jugs', 'tools'])[1 + n % 5],
              500 + n * 7
       FROM generate_series((SELECT max(id) + 1 FROM products), $1::int) AS n`,
      [CATALOGUE_SIZE],
    );
  }
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}
