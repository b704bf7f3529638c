// The contract the suites test, shared with the reference solution: the interfaces,
// constants and SQL. Keep it as it is; the work is in the other files of src/.
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

export interface Product {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
}

/** The one method the SQL helpers need: a pg Pool and a PoolClient (inside a transaction) both fit. */
export interface Sql {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

// ---------------------------------------------------------------- the catalog

export interface CatalogOptions {
  /** The process's one shared Redis client. */
  redis: Redis;
  /** The Postgres pool; table `products`. */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:03:ab12cd34:`. */
  keyPrefix: string;
  /**
   * How a cache miss reads the source of truth. Defaults to `selectProduct(db, id)`.
   * The suite passes a loader that pauses after the SELECT: a slow reader it controls.
   */
  load?: (id: number) => Promise<Product | null>;
}

export interface Catalog {
  /** The product, from Redis when cached, else from Postgres. Null when no row has that id. */
  getProduct(id: number): Promise<Product | null>;
  /** Changes the price in Postgres; once it resolves, no reader may see the old price. */
  updatePrice(id: number, priceCents: number): Promise<Product | null>;
  /** Resolves when cache work this catalog put off for later (a delayed delete, say) is done. */
  settled(): Promise<void>;
}

/** The catalog's TTL: the backstop when an invalidation is lost, and the longest any catalog key may live. */
export const PRODUCT_TTL_SECONDS = 3600;

const PRODUCT_COLUMNS = 'id, sku, name, price_cents AS "priceCents"';

/** The source of truth for one product: the query a cache hit saves. */
export async function selectProduct(db: Sql, id: number): Promise<Product | null> {
  const { rows } = await db.query(`SELECT ${PRODUCT_COLUMNS} FROM products WHERE id = $1`, [id]);
  return (rows[0] as Product | undefined) ?? null;
}

/** Changes the price; resolves once the UPDATE has committed (or inside the caller's transaction). */
export async function updateProductPrice(db: Sql, id: number, priceCents: number): Promise<Product | null> {
  const { rows } = await db.query(
    `UPDATE products SET price_cents = $2, updated_at = now() WHERE id = $1 RETURNING ${PRODUCT_COLUMNS}`,
    [id, priceCents],
  );
  return (rows[0] as Product | undefined) ?? null;
}

// ------------------------------------------------------- the write-behind counter

export interface ViewCounterOptions {
  redis: Redis;
  /** The Postgres pool; tables `product_views` and `applied_view_batches`. */
  db: Pool;
  keyPrefix: string;
  /** Flush on a timer this often. Leave it out to flush only on `flush()` and `close()`. */
  flushIntervalMs?: number;
}

export interface ViewCounter {
  /** Counts one view. Resolves once the view would survive this process dying. */
  recordView(productId: number): Promise<void>;
  /**
   * Adds the buffered views to Postgres and resolves with how many this call applied.
   * If Postgres fails it rejects, and the views wait for the next flush.
   */
  flush(): Promise<number>;
  /** Stops the timer and flushes what is left: the graceful shutdown. */
  close(): Promise<void>;
}

/**
 * Batches already applied, so that a batch is never added twice. The suite creates the
 * table before the first check, as a migration would in production.
 */
export const APPLIED_VIEW_BATCHES_TABLE = `
  CREATE TABLE IF NOT EXISTS applied_view_batches (
    batch_id   text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

/**
 * Adds `counts` (product id -> views) to product_views in one statement. Ids with no
 * product are skipped rather than failing the whole batch. Returns the rows touched.
 */
export async function addViews(db: Sql, counts: ReadonlyMap<number, number>): Promise<number> {
  if (counts.size === 0) return 0;
  const { rows } = await db.query(
    `INSERT INTO product_views (product_id, views)
       SELECT p.id, b.n FROM unnest($1::int[], $2::bigint[]) AS b(id, n) JOIN products p ON p.id = b.id
     ON CONFLICT (product_id) DO UPDATE SET views = product_views.views + EXCLUDED.views
     RETURNING product_id`,
    [[...counts.keys()], [...counts.values()]],
  );
  return rows.length;
}

/**
 * Records that batch `batchId` is applied. True the first time; false if it already was
 * (then the caller must not add its views again). Run it in the same transaction as addViews.
 */
export async function markBatchApplied(db: Sql, batchId: string): Promise<boolean> {
  const { rows } = await db.query(
    'INSERT INTO applied_view_batches (batch_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING batch_id',
    [batchId],
  );
  return rows.length === 1;
}
