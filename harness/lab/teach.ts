import { expect } from 'vitest';
import type { LabDatabase } from './lab-database.js';
import type { KeyState, LabRedis } from './lab-redis.js';
import type { QueryFilter } from './query-log.js';

/**
 * Assertions whose failure message teaches: what Redis or Postgres actually showed,
 * what was expected, and the idea behind it (`idea`, with a pointer to the lesson).
 */

function describeKeys(keys: KeyState[]): string {
  if (keys.length === 0) return 'no keys';
  return keys.map((k) => `${k.key} (PTTL ${k.pttlMs === -1 ? '-1, never expires' : `${k.pttlMs} ms`})`).join(', ');
}

/** Every key under the lab's prefix has a TTL; returns them for further checks. */
export async function expectEveryKeyHasTtl(redis: LabRedis, idea: string): Promise<KeyState[]> {
  const keys = await redis.keys();
  const forever = keys.filter((k) => k.pttlMs < 0);
  expect(forever.length, `Redis holds keys that never expire: ${describeKeys(forever)}.\n${idea}`).toBe(0);
  return keys;
}

/**
 * The least a TTL of `ttlMs`, set no earlier than `since` (a performance.now() reading),
 * can have left now: only the time since then may be gone, and 1 ms for rounding. A TTL
 * cut by a margin, by jitter or to whole seconds falls below it.
 */
export function leastTtlLeft(ttlMs: number, since: number): number {
  return ttlMs - Math.ceil(performance.now() - since) - 1;
}

/** At least one key exists and each key's PTTL lies in [minMs, maxMs]. */
export async function expectTtlsWithin(
  redis: LabRedis,
  keys: KeyState[],
  range: { minMs: number; maxMs: number },
  idea: string,
): Promise<void> {
  const expected = `expected each TTL between ${range.minMs} and ${range.maxMs} ms`;
  expect(keys.length, `Nothing was cached under ${redis.prefix}; ${expected}.\n${idea}`).toBeGreaterThan(0);
  const outside = keys.filter((k) => k.pttlMs < range.minMs || k.pttlMs > range.maxMs);
  expect(outside.length, `Redis holds ${describeKeys(outside)}; ${expected}.\n${idea}`).toBe(0);
}

export async function expectNoKeys(redis: LabRedis, idea: string): Promise<void> {
  const keys = await redis.keys();
  expect(keys.length, `Redis holds ${describeKeys(keys)}; expected nothing cached.\n${idea}`).toBe(0);
}

/** Exactly `expected` statements matching the filter reached Postgres. */
export function expectQueries(db: LabDatabase, filter: QueryFilter, expected: number, idea: string): void {
  const actual = db.queries.count(filter);
  const what = [filter.kind?.toUpperCase(), filter.table && `on ${filter.table}`].filter(Boolean).join(' ') || 'queries';
  const seen = summariseStatements(db.queries.entries.map((e) => e.text));
  expect(actual, `Postgres received ${actual} ${what}; expected ${expected}.\n${idea}\nStatements seen:\n${seen || '  (none)'}`).toBe(
    expected,
  );
}

/** One line per distinct statement, with how many times it ran: 100 identical SELECTs read as one line. */
function summariseStatements(texts: string[]): string {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const line = text.replace(/\s+/g, ' ').slice(0, 90);
    counts.set(line, (counts.get(line) ?? 0) + 1);
  }
  return [...counts].map(([line, n]) => `  ${n > 1 ? `${n} × ` : ''}${line}`).join('\n');
}

/**
 * The liveness bound for a check's waits (an event, a promise that must settle): far above
 * what a correct answer needs, yet below the learner's test timeout (5 s, vitest.config.ts)
 * so the check's own message, not a generic timeout, is what a learner reads.
 */
export const LIVENESS_MS = 3_000;

/** A whole number in [low, high], new every run: values a suite happens to use prove nothing. */
export const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1));

/** How a call ended, as data: a check can then say what happened instead of throwing it. */
export const outcome = <T>(work: Promise<T>) => work.then((value) => ({ value }), (error: unknown) => ({ error: String(error) }));

/**
 * Waits for `work` at most `boundMs`. A liveness bound, not a speed target: it is set
 * far above the time the lesson's answer needs, and only catches a call that hangs.
 */
export async function expectSettlesWithin<T>(work: Promise<T>, boundMs: number, what: string, idea: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hung = Symbol('hung');
  const outcome = await Promise.race([
    work,
    new Promise<typeof hung>((resolve) => (timer = setTimeout(() => resolve(hung), boundMs))),
  ]).finally(() => clearTimeout(timer));
  expect(outcome === hung, `${what} had not settled after ${boundMs} ms.\n${idea}`).toBe(false);
  return outcome as T;
}
