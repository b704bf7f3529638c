// The contract the suite tests, shared with the reference solution: types, constants and
// the database access. Keep it as it is; the work is in get-or-fetch.ts and product-cache.ts.
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

export interface Product {
  id: number;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
  updatedAt: Date;
}

export interface ProductCacheOptions {
  /** The process's one shared Redis client. */
  redis: Redis;
  /** The Postgres pool; table `products` (see README). */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:01:ab12cd34:`. */
  keyPrefix: string;
  /** How long to wait for Redis before serving from Postgres instead. Default 250 ms. */
  redisTimeoutMs?: number;
}

export interface ProductCache {
  /** The product, or null when no row has that id. */
  getProduct(id: number): Promise<Product | null>;
  /** Changes the price in Postgres; the next read must show it. Null when no row has that id. */
  updatePrice(id: number, priceCents: number): Promise<Product | null>;
}

/** Catalog data may be an hour stale (lesson 01, "How long to keep it"). */
export const PRODUCT_TTL_SECONDS = 3600;
/** "Not found" is remembered briefly, so a product created a moment later shows up soon. */
export const MISSING_TTL_SECONDS = 60;

/** A row of the `products` table, as pg returns it. */
interface ProductRow {
  id: number;
  sku: string;
  name: string;
  category: string;
  price_cents: number;
  updated_at: Date;
}

const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  sku: row.sku,
  name: row.name,
  category: row.category,
  priceCents: row.price_cents,
  updatedAt: row.updated_at,
});

/** The source of truth: one SELECT, the query a cache hit saves. */
export async function selectProduct(db: Pool, id: number): Promise<Product | null> {
  const { rows } = await db.query<ProductRow>('SELECT * FROM products WHERE id = $1', [id]);
  return rows[0] ? toProduct(rows[0]) : null;
}

/** Changes the price; resolves once the UPDATE has committed. */
export async function updateProductPrice(db: Pool, id: number, priceCents: number): Promise<Product | null> {
  const { rows } = await db.query<ProductRow>(
    'UPDATE products SET price_cents = $2, updated_at = now() WHERE id = $1 RETURNING *',
    [id, priceCents],
  );
  return rows[0] ? toProduct(rows[0]) : null;
}
