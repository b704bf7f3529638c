/**
 * Mistake: without commandTimeoutMs, a call may take twice the README's default
 * Replaces: resilient-cache.ts
 * Caught by: 13.3
 *
 * 400 ms still bounds the wait, so a stalled Redis no longer holds requests for as long
 * as the connection lives, which was the point. But the default is the number the README
 * promises: a service that relies on it budgets 200 ms for Redis, and every read on a
 * slow Redis takes twice that before it turns to Postgres.
 */
import { DEFAULT_COMMAND_TIMEOUT_MS, type CacheOptions, type ResilientCache } from '../../../labs/13-operating-redis/src/contract.js';
import { createResilientCache as createRight } from '../src/resilient-cache.js';

export function createResilientCache(options: CacheOptions): ResilientCache {
  return createRight({ ...options, commandTimeoutMs: options.commandTimeoutMs ?? 2 * DEFAULT_COMMAND_TIMEOUT_MS });
}
