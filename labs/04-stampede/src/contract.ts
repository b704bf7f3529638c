// The contract the suite tests, shared with the reference solution: types, constants, key
// names, the entry format Redis holds, and the one query. Keep it as it is.
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

/** The hot key of this lab: one category's products, cheapest first. */
export interface CategoryPage {
  category: string;
  products: { id: number; name: string; priceCents: number }[];
}

/** A lock held in Redis: its key, and the token that proves who holds it. */
export interface Lock {
  key: string;
  token: string;
}

export interface LockOptions {
  /** The lock expires on its own after this long, even if its holder never releases it. */
  ttlMs: number;
  /** How long to keep trying while someone else holds it; 0 means one attempt. */
  waitMs: number;
}

export interface PageCacheOptions {
  /** The process's one shared Redis client. */
  redis: Redis;
  /** The Postgres pool; table `products` (see README). */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:04:ab12cd34:`. */
  keyPrefix: string;
  /** Clock for freshness decisions: soft expiry, and how long a load took. Default Date.now. */
  now?: () => number;
  /** A draw in (0, 1] for probabilistic early refresh. Default 1 - Math.random(). */
  random?: () => number;
  /** How long a page counts as fresh (soft expiry). Default PAGE_FRESH_MS. */
  freshMs?: number;
  /** How long past that a stale page may still be served while one refresh runs. Default PAGE_STALE_MS. */
  staleMs?: number;
  /** A loader's lock expires after this long if it is never released. Default LOCK_TTL_MS. */
  lockTtlMs?: number;
  /** How long a miss waits for another loader before asking Postgres itself. Default LOCK_WAIT_MS. */
  lockWaitMs?: number;
  /** XFetch's beta: above 1 refreshes earlier, below 1 later. Default XFETCH_BETA. */
  beta?: number;
  /** Receives errors no caller sees, such as a failed background refresh. Default: console.warn. */
  onBackgroundError?: (error: unknown) => void;
}

export interface PageCache {
  getPage(category: string): Promise<CategoryPage>;
}

/** What Redis holds under a page key (JSON). */
export interface CacheEntry<T> {
  value: T;
  /** On the `now` clock: until this moment the value is fresh; after it, stale. */
  freshUntil: number;
  /** How long the load took, on the `now` clock (XFetch's delta). */
  loadMs: number;
}

export const PAGE_FRESH_MS = 60_000;
export const PAGE_STALE_MS = 30_000;
export const LOCK_TTL_MS = 5_000;
export const LOCK_WAIT_MS = 1_000;
export const XFETCH_BETA = 1;

/** `<prefix>page:<category>`, a string holding a CacheEntry<CategoryPage>. */
export const pageKey = (prefix: string, category: string): string => `${prefix}page:${category}`;
/** `<cache key>:lock`, a string holding the token of whoever is loading that key. */
export const lockKeyFor = (cacheKey: string): string => `${cacheKey}:lock`;

export const encodeEntry = <T>(entry: CacheEntry<T>): string => JSON.stringify(entry);
export const decodeEntry = <T>(text: string): CacheEntry<T> => JSON.parse(text) as CacheEntry<T>;

/** Every option with its default filled in. */
export type CacheSettings = Required<Omit<PageCacheOptions, 'redis' | 'db' | 'keyPrefix'>>;

export const settingsFrom = (options: PageCacheOptions): CacheSettings => ({
  now: options.now ?? Date.now,
  random: options.random ?? (() => 1 - Math.random()),
  freshMs: options.freshMs ?? PAGE_FRESH_MS,
  staleMs: options.staleMs ?? PAGE_STALE_MS,
  lockTtlMs: options.lockTtlMs ?? LOCK_TTL_MS,
  lockWaitMs: options.lockWaitMs ?? LOCK_WAIT_MS,
  beta: options.beta ?? XFETCH_BETA,
  onBackgroundError: options.onBackgroundError ?? ((error) => console.warn(`[cache] background refresh failed: ${String(error)}`)),
});

/** The query a stampede repeats: one category page from Postgres. */
export async function selectCategoryPage(db: Pool, category: string): Promise<CategoryPage> {
  const { rows } = await db.query<{ id: number; name: string; price_cents: number }>(
    'SELECT id, name, price_cents FROM products WHERE category = $1 ORDER BY price_cents, id',
    [category],
  );
  return { category, products: rows.map((row) => ({ id: row.id, name: row.name, priceCents: row.price_cents })) };
}
