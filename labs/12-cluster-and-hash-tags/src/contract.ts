// The contract the suite tests, shared with the reference solution: types, constants, the
// queries and the page templates. Keep it as it is. The key layout is yours to choose (in
// keys.ts): choosing which keys share a hash slot is what this lab is about.
import type { Cluster } from 'ioredis';
import type { Pool } from 'pg';

// The shop's rows and page templates are lab 05's, the lock's types lab 04's.
import { renderListing as renderTitledListing, type Product } from '../../05-tags/src/contract.js';
// updateProductPrice resolves once the UPDATE has committed, with the row, its category included.
export { formatPrice, renderProductPage, updateProductPrice, type Product } from '../../05-tags/src/contract.js';
export { LOCK_TTL_MS, LOCK_WAIT_MS, type Lock, type LockOptions } from '../../04-stampede/src/contract.js';

export interface ShopPagesOptions {
  /** The process's one Redis Cluster client. */
  redis: Cluster;
  /** The Postgres pool; table `products` (see README). */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:12:ab12cd34.0f1e2d3c:`. */
  keyPrefix: string;
  /** A loader's lock expires after this long if it is never released. Default LOCK_TTL_MS. */
  lockTtlMs?: number;
  /** How long a miss waits for another loader before rendering itself. Default LOCK_WAIT_MS. */
  lockWaitMs?: number;
}

export interface ShopPages {
  /** The page of product `id` at /<category>/<id>; null (and nothing cached) when no product of that category has that id. */
  productPage(category: string, id: number): Promise<string | null>;
  /** The listing of one category, e.g. `kettles`. */
  categoryPage(category: string): Promise<string>;
  /** Changes a price; afterwards every cached page that shows the product shows the new one. */
  updatePrice(id: number, priceCents: number): Promise<Product | null>;
  /** Removes every cached page of `category` listed under `tag` (e.g. `product:7`), all in one step. */
  invalidateTag(category: string, tag: string): Promise<void>;
}

/** How long each class of page may be served from Redis. */
export const PAGE_TTL_SECONDS = { product: 600, category: 300 } as const;
/** A tag set lives at most this much longer than the longest-lived page it lists. */
export const TAG_TTL_MARGIN_SECONDS = 60;
/**
 * No hash slot may hold more than this share of the shop's keys once twenty categories
 * are cached: one hash tag for everything puts the whole shop on one primary.
 */
export const MAX_SLOT_SHARE = 0.25;

/** The tag of every page that shows product `id`; the tag of every page of a category. */
export const productTag = (id: number): string => `product:${id}`;
export const categoryTag = (category: string): string => `category:${category}`;

/** Columns as the Product fields, so a row is a Product. */
const COLUMNS = 'id, sku, name, category, price_cents AS "priceCents"';

export async function selectProduct(db: Pool, category: string, id: number): Promise<Product | null> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM products WHERE id = $1 AND category = $2`, [id, category]);
  return rows[0] ?? null;
}

export async function selectCategory(db: Pool, category: string): Promise<Product[]> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM products WHERE category = $1 ORDER BY id`, [category]);
  return rows;
}

/** Lab 05's listing, marked with its category so a reader can tell which listing a cached page is. */
export function renderListing(category: string, products: Product[]): string {
  return renderTitledListing(category, products).replace('<section>', `<section data-category="${encodeURIComponent(category)}">`);
}
