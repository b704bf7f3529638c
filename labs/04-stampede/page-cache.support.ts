// Lab 04: what the page-cache suites share (stampede, failures, long runs, refresh, xfetch). Not a suite.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { Lab } from '../../harness/lab/use-lab.js';
import { serverCommandsDuring } from '../../harness/lab/server-commands.js';
import { decodeEntry, encodeEntry, pageKey } from './src/contract.js';
import type { CategoryPage, PageCacheOptions } from './src/contract.js';
import { createPageCache } from './src/page-cache.js';

export { LESSON } from './lock.support.js';
/** The injected clock's start: any fixed moment, far from Date.now(). */
export const T0 = Date.UTC(2026, 0, 1);
/** Time for work that should NOT happen to show up anyway. */
export const SETTLE_MS = 100;
export const pageQueries = { table: 'products', kind: 'select' } as const;

type PageCacheModule = typeof import('./src/page-cache.js');
export type Options = Partial<PageCacheOptions>;

/** How many products the seed gives each category. */
export const SEEDED: Record<string, number> = { cups: 4, kettles: 4, grinders: 4, jugs: 4, tools: 4, saucers: 0 };

/** A whole page of `category`: every seeded product, each with its name. */
export const isPageOf = (page: CategoryPage | undefined, category: string) =>
  page?.category === category && page.products.length === SEEDED[category] && page.products.every((p) => typeof p.name === 'string');

export const expectPageOf = (page: CategoryPage | undefined, category: string, what: string) =>
  expect(isPageOf(page, category), `${what} returned ${JSON.stringify(page)?.slice(0, 120)}; expected the "${category}" page with its ${SEEDED[category]} products`).toBe(true);

/** The cheapest price on a page (0 for none): prices rise between cycles, so it tells an old page from a new one. */
export const cheapest = (page: CategoryPage | undefined | null) => page?.products[0]?.priceCents ?? 0;

/** Waits (bounded) until `condition` holds, failing with `message` if it never does. */
export const eventually = (condition: () => Promise<boolean> | boolean, message: string | (() => string)) =>
  vi.waitFor(async () => expect(await condition(), typeof message === 'string' ? message : message()).toBe(true), { timeout: 1_500, interval: 10 });

/**
 * The helpers of a page-cache suite, for the file's `lab`; call it at the top level, after
 * `useLab`, because it adds two hooks of its own:
 * - before each check, every connection of the code's pool is opened, so a query the code
 *   sends is logged at once: a check waiting to see that something does NOT happen cannot
 *   miss a query still connecting, and a check timing a load does not time a connect;
 * - after each check, work it started and might not have awaited (because it failed) is
 *   settled (bounded) before the lab cleans up, so nothing leaks into the next check.
 */
export function pageCacheChecks(lab: Lab) {
  const pending: Promise<unknown>[] = [];
  beforeEach(async () => {
    const pool = lab.db.pool;
    await Promise.all(Array.from({ length: pool.options.max ?? 1 }, () => pool.query('SELECT 1')));
    lab.db.queries.reset();
  });
  afterEach(async () => {
    await Promise.race([Promise.allSettled(pending.splice(0)), sleep(3_000)]);
  });
  const keyOf = (category: string) => pageKey(lab.redis.prefix, category);
  /** A page cache on the lab's Redis and Postgres; `module` stands for another process's instance of page-cache.ts. */
  const cacheWith = (overrides: Options = {}, module: PageCacheModule = { createPageCache }) =>
    module.createPageCache({ redis: lab.redis.client(), db: lab.db.pool, keyPrefix: lab.redis.prefix, onBackgroundError: () => {}, ...overrides });
  return {
    keyOf,
    selects: () => lab.db.queries.count(pageQueries),
    cacheWith,
    /** A page cache on an injected clock that moves only when a check moves it; draws of 1 (no early refresh). */
    cacheOnClock(overrides: Options = {}) {
      const clock = { now: T0 };
      return { clock, cache: cacheWith({ now: () => clock.now, random: () => 1, ...overrides }) };
    },
    /** Writes a page the way another process would have, just past its freshUntil on the check's clock. */
    async seedStale(category: string, now: number) {
      const value: CategoryPage = { category, products: [{ id: 0, name: 'stale copy', priceCents: 1 }] };
      await lab.redis.admin.set(keyOf(category), encodeEntry({ value, freshUntil: now - 1, loadMs: 5 }), 'PX', 90_000);
      return value;
    },
    /** The entry Redis holds for `category`, read by the suite. */
    async storedEntry(category: string) {
      const text = await lab.redis.admin.get(keyOf(category));
      return text === null ? null : decodeEntry<CategoryPage>(text);
    },
    /** Watches `forMs` after the work is done: no command of the code may name one of `lockKeys` (a keep-alive left running). */
    async expectLocksQuiet(lockKeys: string[], forMs: number, message: string) {
      const after = await serverCommandsDuring(lab.redis, () => sleep(forMs));
      const stray = after.commands.filter((command) => command.args.some((arg) => lockKeys.includes(arg)));
      expect(stray.map((c) => `${c.name} ${c.args.join(' ')}`.slice(0, 100)), message).toEqual([]);
    },
    /** Marks work the check may leave unawaited when it fails. */
    track<T>(work: Promise<T>): Promise<T> {
      pending.push(work);
      work.catch(() => {});
      return work;
    },
  };
}
