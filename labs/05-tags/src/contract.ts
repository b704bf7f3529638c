// The contract the suite tests, shared with the reference solution: types, constants, the
// key layout, the database queries and the page templates. Keep it as it is; the work is
// in catalog-pages.ts, store-tagged.ts, invalidate-tag.ts and update-price.ts.
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

export interface Product {
  id: number;
  sku: string;
  name: string;
  category: string;
  priceCents: number;
}

export interface CatalogPagesOptions {
  /** The process's one shared Redis client. */
  redis: Redis;
  /** The Postgres pool; table `products` (see README). */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:05:ab12cd34:`. */
  keyPrefix: string;
}

export interface CatalogPages {
  /** The product's page as HTML; null (and nothing cached) when no row has that id. */
  productPage(id: number): Promise<string | null>;
  /** The listing of one category, e.g. `kettles`. */
  categoryPage(category: string): Promise<string>;
  /** The products whose name contains `term`, ignoring case. */
  searchPage(term: string): Promise<string>;
  /** Changes a price; afterwards every cached page that shows the product shows the new one. */
  updatePrice(id: number, priceCents: number): Promise<Product | null>;
  /** Removes every cached page listed under `tag` (e.g. `product:7`), all in one step. */
  invalidateTag(tag: string): Promise<void>;
}

/** A page ready to cache: its key, its HTML, how long it may live and the tags it shows. */
export interface TaggedPage {
  key: string;
  html: string;
  ttlSeconds: number;
  /** e.g. `product:7`, `category:kettles`; the set of each is `tagKey(keyPrefix, tag)`. */
  tags: string[];
}

/** How long each class of page may be served from Redis. */
export const PAGE_TTL_SECONDS = { product: 600, category: 300, search: 60 } as const;
/** A tag set lives at most this much longer than the longest-lived page it lists. */
export const TAG_TTL_MARGIN_SECONDS = 60;

/** The tag of every page that shows product `id`; the tag of every page that shows a category. */
export const productTag = (id: number): string => `product:${id}`;
export const categoryTag = (category: string): string => `category:${category}`;

/**
 * Every key lab 05 writes, under the caller's keyPrefix:
 *
 *   <prefix>page:product:<id>        string  a product page (HTML)
 *   <prefix>page:category:<name>     string  a category listing
 *   <prefix>page:search:<term>       string  a page of search results
 *   <prefix>tag:<tag>                set     the page keys that show <tag> (product:<id>, category:<name>)
 */
export const pageKey = (keyPrefix: string, page: string): string => `${keyPrefix}page:${page}`;
export const tagKey = (keyPrefix: string, tag: string): string => `${keyPrefix}tag:${tag}`;

/** Columns as the Product fields, so a row is a Product. */
const COLUMNS = 'id, sku, name, category, price_cents AS "priceCents"';

export async function selectProduct(db: Pool, id: number): Promise<Product | null> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function selectCategory(db: Pool, category: string): Promise<Product[]> {
  const { rows } = await db.query<Product>(`SELECT ${COLUMNS} FROM products WHERE category = $1 ORDER BY id`, [category]);
  return rows;
}

export async function searchProducts(db: Pool, term: string): Promise<Product[]> {
  const pattern = `%${term.replace(/[\\%_]/g, '\\$&')}%`;
  const { rows } = await db.query<Product>(
    `SELECT ${COLUMNS} FROM products WHERE name ILIKE $1 ORDER BY id LIMIT 50`,
    [pattern],
  );
  return rows;
}

/** Changes the price; resolves once the UPDATE has committed. */
export async function updateProductPrice(db: Pool, id: number, priceCents: number): Promise<Product | null> {
  const { rows } = await db.query<Product>(
    `UPDATE products SET price_cents = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, priceCents],
  );
  return rows[0] ?? null;
}

/** 4242 -> "$42.42", as every page prints a price. */
export const formatPrice = (cents: number): string => `$${(cents / 100).toFixed(2)}`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderProductPage(product: Product): string {
  return `<article data-product="${product.id}"><h1>${escapeHtml(product.name)}</h1><p>${escapeHtml(product.category)}</p><p class="price">${formatPrice(product.priceCents)}</p></article>`;
}

export function renderListing(title: string, products: Product[]): string {
  const items = products.map((p) => `<li data-product="${p.id}">${escapeHtml(p.name)}: ${formatPrice(p.priceCents)}</li>`);
  return `<section><h1>${escapeHtml(title)}</h1><ul>${items.join('')}</ul></section>`;
}
