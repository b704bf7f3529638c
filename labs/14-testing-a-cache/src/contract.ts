// What your checks are given and how they are written. Keep it as it is: the work is in
// checks.ts. The cache your checks test is in product-cache.ts (read it, do not change it).
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

/** A row of `products`, as the cache returns it: the same on a miss and on a hit. */
export type Product = { id: number; sku: string; name: string; category: string; priceCents: number; updatedAt: Date };

export interface ProductCacheOptions {
  /** Every key the cache writes starts with this. */
  keyPrefix: string;
  /** The process's one Redis client, and the Postgres pool (table `products`). */
  redis: Redis;
  db: Pool;
  /** How long one Redis call may take before Postgres answers instead. Default 250 ms. */
  redisTimeoutMs?: number;
  /** Where Redis trouble is reported. Default: console.warn. */
  log?: (message: string) => void;
}

export interface ProductCache {
  /** The product, or null when no row has that id. */
  getProduct(id: number): Promise<Product | null>;
  /** Changes the price in Postgres; the next read shows it. Null when no row has that id. */
  updatePrice(id: number, priceCents: number): Promise<Product | null>;
}

/** A cached product lives an hour. */
export const PRODUCT_TTL_SECONDS = 3600;
/** "No such product" is remembered for a minute. */
export const MISSING_TTL_SECONDS = 60;

const COLUMNS = 'id, sku, name, category, price_cents AS "priceCents", updated_at AS "updatedAt"';

/** The query a cache hit saves. */
export async function selectProduct(db: Pool, id: number): Promise<Product | null> {
  const result = await db.query<Product>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
  return result.rows[0] ?? null;
}

/** Resolves once the UPDATE has committed. */
export async function updateProductPrice(db: Pool, id: number, priceCents: number): Promise<Product | null> {
  const result = await db.query<Product>(
    `UPDATE products SET price_cents = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, priceCents],
  );
  return result.rows[0] ?? null;
}

// ---------------------------------------------------------------------------------------
// Writing checks

/** Which statements to count: every statement the caches sent, or only one kind. */
export type StatementKind = 'select' | 'update' | 'any';

/** What every check is handed. Each check starts from a cold cache and the seeded rows. */
export interface CheckTools {
  /**
   * A cache under test, writing under `prefix`. Each call stands for another process:
   * its own connection to the real Redis, unless you hand it `redis` (for example a
   * client from `stalledRedis()`).
   */
  makeCache(options?: { redis?: Redis; redisTimeoutMs?: number }): ProductCache;
  /** Your own connection to the real Redis, to look at what the cache wrote. */
  redis: Redis;
  /** The only keys a check may touch: the caches' keys all start with it. */
  prefix: string;
  db: {
    /** Statements the caches sent to Postgres since the check started. */
    count(kind?: StatementKind): number;
    /** SQL of your own, not counted: read a row, or change one behind the cache's back. */
    sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
    /** Statements matching `pattern` fail until the returned function is called. */
    failQueries(pattern: RegExp): () => void;
    /** Statements matching `pattern` wait until `release()`; `reached` resolves when one is waiting. */
    holdQueries(pattern: RegExp): { reached: Promise<void>; release: () => void };
  };
  /** A client whose server accepts the connection and never answers. */
  stalledRedis(): Promise<Redis>;
  /** A client with nothing listening at its address. */
  downRedis(): Promise<Redis>;
  /**
   * Resolves like `work`, or rejects if it has not settled after `ms`. A bound on a call
   * that could hang: set it far above what a right answer needs.
   */
  within<T>(work: Promise<T>, ms: number): Promise<T>;
}

export interface Check {
  name: string;
  run(tools: CheckTools): Promise<void>;
}

/** Names a check: `check('a second read is a hit', async ({ makeCache, db }) => { ... })`. */
export function check(name: string, run: (tools: CheckTools) => Promise<void>): Check {
  return { name, run };
}
