// Section 1: the read path with and without the cache. The same skewed sequence of product
// reads goes once straight to Postgres and once through lab 01's read-through cache
// (starting cold), at several injected database latencies.
import { selectProduct } from '../../labs/01-cache-aside/src/contract.js';
import { createProductCache } from '../../solutions/01-cache-aside/src/product-cache.js';
import { CATALOGUE_SIZE, type BenchContext } from '../context.js';
import type { Progress } from '../progress.js';
import type { ReadRow, ReadSection } from '../results.js';
import type { ReadSettings } from '../settings.js';
import { repeated, summarise } from '../stats.js';
import { closedLoop, zipfIds, zipfShare } from '../workload.js';

type Path = ReadRow['path'];

interface RoundFigures {
  p50: number;
  p99: number;
  perSecond: number;
  hitRatio: number;
}

export async function runReadPath(context: BenchContext, settings: ReadSettings, progress: Progress): Promise<ReadSection> {
  const redis = context.client();
  const pool = context.db.pool;
  const cache = createProductCache({ redis, db: pool, keyPrefix: `${context.redis.prefix}read:` });
  const paths: Record<Path, (id: number) => Promise<unknown>> = {
    'database only': (id) => selectProduct(pool, id),
    'read-through (lab 01 solution)': (id) => cache.getProduct(id),
  };

  // Warm-up, untimed: opens the pool's connections and lets V8 compile the hot paths.
  progress.step('read path: warming up');
  context.db.latencyMs = 0;
  const warmIds = zipfIds(CATALOGUE_SIZE, settings.zipfExponent, 1);
  for (const read of Object.values(paths)) await closedLoop(400, settings.concurrency, () => read(warmIds()));

  const figures = new Map<string, RoundFigures[]>();
  const runs = settings.rounds * settings.latenciesMs.length * 2;
  let run = 0;
  for (let round = 0; round < settings.rounds; round++) {
    // Each round draws its own sequence; both paths of a round read the same one.
    const next = zipfIds(CATALOGUE_SIZE, settings.zipfExponent, 100 + round);
    const ids = Array.from({ length: settings.readsPerRun }, next);
    for (const latencyMs of settings.latenciesMs) {
      for (const [path, read] of Object.entries(paths) as [Path, (id: number) => Promise<unknown>][]) {
        run++;
        progress.step(`read path ${run}/${runs}: ${path}, database +${latencyMs} ms`, ids.length);
        await context.emptyCache();
        context.db.latencyMs = latencyMs;
        context.db.queries.reset();
        const { samples, wallMs } = await closedLoop(
          ids.length,
          settings.concurrency,
          (i) => read(ids[i]!),
          (done) => progress.update(done),
        );
        context.db.latencyMs = 0;
        const { p50, p99 } = summarise(samples);
        const queries = context.db.queries.count({ table: 'products' });
        const key = `${latencyMs}|${path}`;
        figures.set(key, [
          ...(figures.get(key) ?? []),
          { p50, p99, perSecond: (ids.length / wallMs) * 1000, hitRatio: 1 - queries / ids.length },
        ]);
      }
    }
  }
  await context.emptyCache();

  const rows: ReadRow[] = settings.latenciesMs.flatMap((latencyMs) =>
    (Object.keys(paths) as Path[]).map((path) => {
      const rounds = figures.get(`${latencyMs}|${path}`)!;
      return {
        dbLatencyMs: latencyMs,
        path,
        p50Ms: repeated(rounds.map((r) => r.p50)),
        p99Ms: repeated(rounds.map((r) => r.p99)),
        readsPerSecond: repeated(rounds.map((r) => r.perSecond)),
        hitRatio: path === 'database only' ? null : repeated(rounds.map((r) => r.hitRatio)),
      };
    }),
  );
  return {
    readsPerRun: settings.readsPerRun,
    rounds: settings.rounds,
    concurrency: settings.concurrency,
    catalogue: CATALOGUE_SIZE,
    zipfExponent: settings.zipfExponent,
    topPercentShare: zipfShare(CATALOGUE_SIZE, settings.zipfExponent, CATALOGUE_SIZE / 100),
    rows,
  };
}
