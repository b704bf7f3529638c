// The contract the suite tests, shared with the reference solution: the configuration,
// the health report, the key of a product and the database access. Keep it as it is; the
// work is in the other files of src/.
import type { Pool } from 'pg';

export interface Address {
  host: string;
  port: number;
}

/** Where Redis is and how to log in: configuration, never constants in the code. */
export interface RedisConfig {
  /** A fixed address. Ignored when `sentinels` is given. */
  host?: string;
  port?: number;
  /** The Sentinels to ask for the primary; with them, `masterName` is required. */
  sentinels?: Address[];
  /** The name the Sentinels know the primary by (`sentinel monitor <name> ...`). */
  masterName?: string;
  /** The ACL user and its password. */
  username?: string;
  password?: string;
  /** Present: speak TLS to Redis (and to the Sentinels), with these settings. */
  tls?: { servername?: string; ca?: string; rejectUnauthorized?: boolean };
  /** The connection's name (CLIENT SETNAME), so CLIENT LIST shows who holds it. */
  connectionName?: string;
}

export interface BreakerOptions {
  /** Consecutive failed Redis calls that open the breaker. */
  failureThreshold: number;
  /** How long, by `now()`, an open breaker sends nothing to Redis. */
  coolDownMs: number;
}

export interface ReconnectOptions {
  /** The delay before the first reconnection attempt; each next one doubles it... */
  baseDelayMs: number;
  /** ...up to this cap. */
  maxDelayMs: number;
}

export interface CacheOptions {
  redis: RedisConfig;
  /** The Postgres pool; table `products`. The source of truth, and the fallback. */
  db: Pool;
  /** Every key you write starts with this, e.g. `course:13:ab12cd34:`. */
  keyPrefix: string;
  /** Default PRODUCT_TTL_SECONDS. */
  ttlSeconds?: number;
  /** The longest one Redis call may take. Default DEFAULT_COMMAND_TIMEOUT_MS. */
  commandTimeoutMs?: number;
  /** Default DEFAULT_RECONNECT, field by field. */
  reconnect?: Partial<ReconnectOptions>;
  /** Default DEFAULT_BREAKER, field by field. */
  breaker?: Partial<BreakerOptions>;
  /** The clock in ms, for the breaker's cool-down and for latencies. Default Date.now. */
  now?: () => number;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

/** What a dashboard reads. Counters start at 0 when the cache is created. */
export interface HealthReport {
  /** Reads answered from Redis. */
  hits: number;
  /** Reads Redis answered with "no such key" (then loaded from Postgres). */
  misses: number;
  /** hits / (hits + misses); 0 before any. */
  hitRatio: number;
  /** Redis calls that failed: an error reply, a timeout, no connection. */
  errors: number;
  /** Reads answered from Postgres without asking Redis, because the breaker said so. */
  bypassed: number;
  /** The latest error, as a message a person can act on; null before any. */
  lastError: string | null;
  /** Of the Redis reads that were answered (hits and misses), in ms by `now()`; null before any. */
  latencyMs: { p50: number; p95: number; p99: number } | null;
  breaker: BreakerState;
  /** From the server's INFO; null when Redis does not answer within commandTimeoutMs. */
  server: ServerFigures | null;
}

export interface ServerFigures {
  usedMemoryBytes: number;
  /** 0 when the server has no limit. */
  maxmemoryBytes: number;
  maxmemoryPolicy: string;
  evictedKeys: number;
}

export interface ResilientCache {
  /** The product (Redis first, Postgres on a miss or a failure), or null when no row has that id. */
  getProduct(id: number): Promise<Product | null>;
  health(): Promise<HealthReport>;
  /** Closes the Redis connection. */
  close(): Promise<void>;
}

export const PRODUCT_TTL_SECONDS = 300;
export const DEFAULT_COMMAND_TIMEOUT_MS = 200;
export const DEFAULT_RECONNECT: Readonly<ReconnectOptions> = { baseDelayMs: 50, maxDelayMs: 2_000 };
export const DEFAULT_BREAKER: Readonly<BreakerOptions> = { failureThreshold: 5, coolDownMs: 10_000 };

/** The key a product is cached under. */
export const productKey = (keyPrefix: string, id: number): string => `${keyPrefix}product:${id}`;

export interface Product {
  id: number;
  sku: string;
  name: string;
  priceCents: number;
}

interface ProductRow {
  id: number;
  sku: string;
  name: string;
  price_cents: number;
}

/** The source of truth: one SELECT, the query a cache hit saves. */
export async function selectProduct(db: Pool, id: number): Promise<Product | null> {
  const { rows } = await db.query<ProductRow>('SELECT id, sku, name, price_cents FROM products WHERE id = $1', [id]);
  const row = rows[0];
  return row ? { id: row.id, sku: row.sku, name: row.name, priceCents: row.price_cents } : null;
}
