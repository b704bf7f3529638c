// Lab 04: what the lock suites share (lock.test.ts, lock-wait.test.ts). Not a suite.
import type { Redis } from 'ioredis';
import { separateProcesses } from '../../harness/lab/processes.js';
import type { Lab } from '../../harness/lab/use-lab.js';

export const LESSON = 'Lesson 04, Stampedes';

type LockModule = typeof import('./src/lock.js');
/** A process of the checks: its own instance of lock.ts and its own connection. */
export type Process = { lock: LockModule; redis: Redis };

/** The lock suites' helpers, on a file's own lab. */
export function lockChecks(lab: Lab) {
  return {
    /** Processes A and B: they share Redis and nothing else. */
    async twoProcesses(): Promise<{ a: Process; b: Process }> {
      const [lockA, lockB] = await separateProcesses(2, () => import('./src/lock.js'));
      const a = { lock: lockA!, redis: lab.redis.client() };
      const b = { lock: lockB!, redis: lab.redis.client() };
      await Promise.all([a.redis.ping(), b.redis.ping()]);
      return { a, b };
    },
    /** A lock key's value and PTTL, and both in words for a message. */
    async lockState(key: string) {
      const [value, pttlMs] = await Promise.all([lab.redis.admin.get(key), lab.redis.admin.pttl(key)]);
      return { value, pttlMs, shown: value === null ? `${key} does not exist` : `${key} = "${value}", PTTL ${pttlMs} ms` };
    },
  };
}
