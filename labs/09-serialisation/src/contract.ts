// The contract the suite tests, shared with the reference solution: the options, the
// key name and the default threshold. Keep it as it is; the work is in the other files.
import type { Redis } from 'ioredis';

export interface ValueCacheOptions {
  /** This process's connection to Redis. */
  redis: Redis;
  /** Every key you write starts with this, e.g. `course:09:ab12cd34:`. */
  keyPrefix: string;
  /** The shape version this code writes, and the only one it returns as it is. */
  version: number;
  /**
   * Turns an entry written by an older version (decoded, with its types) into the current
   * shape; returning undefined rejects it. Without it, older entries are misses.
   */
  readOlder?: (version: number, value: unknown) => unknown;
  /** Encoded bodies longer than this many bytes are compressed. Default 1024. */
  compressAboveBytes?: number;
  /** Told about every entry that cannot be decoded. Default: console.error. */
  onDecodeError?: (key: string, error: unknown) => void;
}

export interface ValueCache {
  /** The value under `name`, or undefined: a miss, a rejected or an unreadable entry. */
  get(name: string): Promise<unknown>;
  /** Stores `value` under `name` for `ttlSeconds`. */
  set(name: string, value: unknown, ttlSeconds: number): Promise<void>;
}

export const DEFAULT_COMPRESS_ABOVE_BYTES = 1024;

/** The Redis key of a cached value. */
export function valueKey(keyPrefix: string, name: string): string {
  return `${keyPrefix}${name}`;
}
