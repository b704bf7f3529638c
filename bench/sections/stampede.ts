// Section 2: a stampede. One hot page is missing from the cache and many requests want it
// at once, spread over several Redis clients that stand for separate processes. How many
// times does Postgres load it, and how long until every request has its answer?
import type { Redis } from 'ioredis';
import { pageKey, selectCategoryPage, type PageCache, type PageCacheOptions } from '../../labs/04-stampede/src/contract.js';
import { createPageCache as createStarterCache } from '../../labs/04-stampede/src/page-cache.js';
import { createPageCache as createSolutionCache } from '../../solutions/04-stampede/src/page-cache.js';
import { createBento, firstLine, type BentoLike } from '../bento.js';
import type { BenchContext } from '../context.js';
import type { Progress } from '../progress.js';
import type { StampedeRow, StampedeSection } from '../results.js';
import type { StampedeSettings } from '../settings.js';
import { repeated } from '../stats.js';

const CATEGORY = 'cups';

interface Contender {
  name: string;
  /** One cache per client, built fresh for every round (a process just started). */
  build(clients: Redis[], prefix: string): Promise<{ getPage: (category: string) => Promise<unknown> }[]>;
}

const fromFactory =
  (create: (options: PageCacheOptions) => PageCache, context: BenchContext): Contender['build'] =>
  async (clients, prefix) =>
    clients.map((redis) => create({ redis, db: context.db.pool, keyPrefix: prefix }));

const bentoPages = (cache: BentoLike, context: BenchContext) => ({
  getPage: (category: string) => cache.getOrSet(`page:${category}`, () => selectCategoryPage(context.db.pool, category)),
});

export async function runStampede(context: BenchContext, settings: StampedeSettings, progress: Progress): Promise<StampedeSection> {
  const clients = Array.from({ length: settings.clients }, () => context.client());
  await Promise.all(clients.map((client) => client.ping())); // connected before the clock starts
  const contenders: Contender[] = [
    { name: 'lab 04 starter', build: fromFactory(createStarterCache, context) },
    { name: 'lab 04 solution', build: fromFactory(createSolutionCache, context) },
    {
      name: 'bentocache, Redis L2 only',
      build: async (all, prefix) =>
        Promise.all(
          all.map(async (redis) => {
            const made = await createBento(redis, `${prefix}bento`);
            if (!made.ok) throw new Error(made.reason);
            return bentoPages(made.cache, context);
          }),
        ),
    },
  ];

  const rows: StampedeRow[] = [];
  for (const contender of contenders) {
    const loads: number[] = [];
    const times: number[] = [];
    let problem: string | undefined;
    for (let round = 0; round < settings.rounds && !problem; round++) {
      progress.step(`stampede: ${contender.name}, round ${round + 1}/${settings.rounds}`, settings.misses);
      try {
        const outcome = await stampedeOnce(context, contender, clients, settings, progress);
        loads.push(outcome.loads);
        times.push(outcome.ms);
      } catch (error) {
        if (context.closed) throw error; // interrupted: stop, don't report a broken row
        problem = firstLine(error);
      }
    }
    rows.push(
      problem
        ? { name: contender.name, available: false, reason: problem }
        : {
            name: contender.name,
            available: true,
            loads: repeated(loads),
            timeToServeAllMs: repeated(times),
            crossesProcesses: protection(Math.max(...loads), settings.clients),
          },
    );
  }
  await context.emptyCache();
  return { misses: settings.misses, clients: settings.clients, dbLatencyMs: settings.dbLatencyMs, rounds: settings.rounds, rows };
}

/** What the worst round's load count says about where the protection reaches. */
function protection(loads: number, processes: number): string {
  if (loads === 1) return 'yes: one load for all processes';
  if (loads <= processes) return `no: one load per process (${loads})`;
  return `none: ${loads} loads`;
}

async function stampedeOnce(
  context: BenchContext,
  contender: Contender,
  clients: Redis[],
  settings: StampedeSettings,
  progress: Progress,
): Promise<{ loads: number; ms: number }> {
  const prefix = `${context.redis.prefix}stampede:`;
  await context.emptyCache();
  const caches = await contender.build(clients, prefix);
  context.db.queries.reset();
  context.db.latencyMs = settings.dbLatencyMs;
  let served = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: settings.misses }, (_, i) =>
        caches[i % caches.length]!.getPage(CATEGORY).then(() => progress.update(++served)),
      ),
    );
  } finally {
    context.db.latencyMs = 0;
  }
  const ms = performance.now() - started;
  // Every contender must have left the page in Redis; a missing key means it did not cache.
  const cached = await context.redis.admin.exists(pageKey(prefix, CATEGORY), `${prefix}bento:page:${CATEGORY}`);
  if (cached === 0) throw new Error('nothing was cached for the hot page');
  return { loads: context.db.queries.count({ table: 'products', kind: 'select' }), ms };
}
