// The contract the suite tests, shared with the reference solution: the shapes, the TTL
// table, the key versions and the database reads. Keep it as it is; the work is in the
// other files of src/.
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';

export interface Product { id: number; sku: string; name: string; category: string; priceCents: number }
export interface Inventory { productId: number; quantity: number }
/** A profile in its current shape, version 2. Version 1 was `{ userId, name }`. */
export interface Profile { userId: number; displayName: string; bio: string }
export interface LeaderboardEntry { productId: number; name: string; views: number }
export interface Balance { userId: number; balanceCents: number }
/** What a session holds. It lives only in Redis: there is no table behind it. */
export interface SessionData { userId: number }

/** The kinds of data this cache keeps, named as they appear in keys. */
export type Entity = 'product' | 'inventory' | 'profile' | 'leaderboard' | 'session';

/**
 * How long each kind may live in Redis (lesson 02, "A TTL per data class"): `seconds`
 * is the base, `jitter` the fraction either side a TTL may land on (0.1 = ±10 %). Where
 * in the band one write lands is decided by the random source, linearly: random() = 0
 * gives the shortest TTL, seconds * (1 - jitter); 0.5 gives `seconds`; 1 the longest,
 * seconds * (1 + jitter). A fresh draw for every write, in whole milliseconds.
 * A session's 900 s is an idle timeout, renewed on every read, and never jittered.
 * Account balances are missing on purpose: they are never cached.
 */
export const TTL_POLICY: Readonly<Record<Entity, { seconds: number; jitter: number }>> = {
  profile: { seconds: 300, jitter: 0.1 },
  product: { seconds: 3600, jitter: 0.1 },
  inventory: { seconds: 30, jitter: 0.1 },
  leaderboard: { seconds: 600, jitter: 0.1 },
  session: { seconds: 900, jitter: 0 },
};

/**
 * The version of each entity's cached shape. Every key is
 *   <keyPrefix><entity>:<id>:v<version>     e.g. prod:profile:42:v2
 * and a shape change bumps the number, so new code never reads an old shape.
 */
export const SHAPE_VERSION: Readonly<Record<Entity, number>> = {
  product: 1,
  inventory: 1,
  profile: 2,
  leaderboard: 1,
  session: 1,
};

/**
 * The default of `redisTimeoutMs`: how long one Redis call may take before the code gives
 * up on it, as in lab 01. A cached read then answers from Postgres; a session call rejects;
 * readEvictionPolicy says null.
 */
export const REDIS_TIMEOUT_MS = 250;

/** The leaderboard's id in its key, and how many products it lists. */
export const LEADERBOARD_ID = 'most-viewed';
export const LEADERBOARD_SIZE = 5;

export interface ShopCacheOptions {
  /** The process's one shared Redis client. */
  redis: Redis;
  /** The Postgres pool (tables in harness/lab/schema.sql). */
  db: Pool;
  /** Environment (and tenant) part of every key, ending in ':', e.g. `prod:`. */
  keyPrefix: string;
  /** Source of jitter, like Math.random: a number in [0, 1). Default Math.random. */
  random?: () => number;
  /** Give up on one Redis call after this many milliseconds. Default REDIS_TIMEOUT_MS (250). */
  redisTimeoutMs?: number;
}

/** The options with their defaults filled in: what each module of src/ receives. */
export type CacheDeps = Required<ShopCacheOptions>;

export interface ShopCache {
  getProduct(id: number): Promise<Product | null>;
  getInventory(productId: number): Promise<Inventory | null>;
  getProfile(userId: number): Promise<Profile | null>;
  /** The LEADERBOARD_SIZE most viewed products, most viewed first. */
  getLeaderboard(): Promise<LeaderboardEntry[]>;
  /** Always the committed balance: never served from Redis, not one command sent there. */
  getBalance(userId: number): Promise<Balance | null>;
  /** Resolves once the session is stored; rejects when Redis refuses, fails or stalls. */
  startSession(sessionId: string, data: SessionData): Promise<void>;
  /**
   * The session, or null when there is none (expired, or never started); every read
   * renews its idle timeout. Rejects when Redis fails or stalls: that is not "no session".
   */
  getSession(sessionId: string): Promise<SessionData | null>;
}

/** Which keys a maxmemory-policy may evict when memory is full. */
export type EvictionScope = 'any-key' | 'keys-with-ttl' | 'none';

/** The sources of truth: one SELECT each, the queries a cache hit saves. */
export async function selectProduct(db: Pool, id: number): Promise<Product | null> {
  const { rows } = await db.query<Product>(
    'SELECT id, sku, name, category, price_cents AS "priceCents" FROM products WHERE id = $1',
    [id],
  );
  return rows[0] ?? null;
}

export async function selectInventory(db: Pool, productId: number): Promise<Inventory | null> {
  const sql = 'SELECT product_id AS "productId", quantity FROM inventory WHERE product_id = $1';
  return (await db.query<Inventory>(sql, [productId])).rows[0] ?? null;
}

export async function selectProfile(db: Pool, userId: number): Promise<Profile | null> {
  const sql = 'SELECT user_id AS "userId", display_name AS "displayName", bio FROM profiles WHERE user_id = $1';
  return (await db.query<Profile>(sql, [userId])).rows[0] ?? null;
}

export async function selectLeaderboard(db: Pool): Promise<LeaderboardEntry[]> {
  const { rows } = await db.query<LeaderboardEntry>(
    `SELECT v.product_id AS "productId", p.name, v.views::integer AS views
       FROM product_views v JOIN products p ON p.id = v.product_id
      ORDER BY v.views DESC, v.product_id LIMIT $1`,
    [LEADERBOARD_SIZE],
  );
  return rows;
}

export async function selectBalance(db: Pool, userId: number): Promise<Balance | null> {
  const sql = 'SELECT user_id AS "userId", balance_cents::float8 AS "balanceCents" FROM accounts WHERE user_id = $1';
  return (await db.query<Balance>(sql, [userId])).rows[0] ?? null;
}
