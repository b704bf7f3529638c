// Test isolation on a shared Redis: every test file writes under its own prefix and
// removes only that prefix afterwards. No FLUSHDB, no KEYS.
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { deleteByPrefix } from '../lib/example-redis.js';

// #region keyspace
export interface TestKeyspace {
  prefix: string;
  key(name: string): string;
  /** SCAN for the prefix, UNLINK in batches; other people's keys are never touched. */
  cleanup(): Promise<number>;
}

export function createTestKeyspace(redis: Redis, suite: string): TestKeyspace {
  // The separator at the end matters: "t:abc" must not also match "t:abcd".
  const prefix = `test:${suite}:${randomBytes(4).toString('hex')}:`;
  return {
    prefix,
    key: (name) => prefix + name,
    cleanup: () => deleteByPrefix(redis, prefix),
  };
}
// #endregion keyspace
