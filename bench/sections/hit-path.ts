// Section 3: what a cache hit costs beyond the Redis round trip. The same cached product is
// read by a bare GET + JSON.parse (the floor), by the pieces the lab 01 solution adds one
// at a time, by the solution itself, and by bentocache. All in the same run, on the same
// connection, taking turns so drift in the machine hits every variant alike.
import { productKey } from '../../solutions/01-cache-aside/src/keys.js';
import { createProductCache } from '../../solutions/01-cache-aside/src/product-cache.js';
import { productCodec } from '../../solutions/01-cache-aside/src/product-codec.js';
import { withTimeout } from '../../solutions/01-cache-aside/src/with-timeout.js';
import { selectProduct } from '../../labs/01-cache-aside/src/contract.js';
import { createBento, probeBento } from '../bento.js';
import type { BenchContext } from '../context.js';
import type { Progress } from '../progress.js';
import type { HitRow, HitSection } from '../results.js';
import type { HitSettings } from '../settings.js';
import { repeated, Samples, summarise } from '../stats.js';
import { closedLoop } from '../workload.js';

interface Variant {
  name: string;
  read?: () => Promise<unknown>;
  /** Set instead of `read` when the variant cannot run here. */
  reason?: string;
}

interface Round {
  p50: number;
  p99: number;
  /** CPU time this process spent per read during the burst, in microseconds. */
  cpuUs: number;
}

export const HIT_BASELINE = 'raw GET + JSON.parse';
const PRODUCT_ID = 7;
// The wrapper costs a timer set and cleared per read, whatever its bound; a bound far above
// any stall keeps a busy machine (verify runs the labs beside the bench) from failing a read.
const TIMEOUT_MS = 10_000;

/**
 * Times `reads` reads of every variant one at a time, taking turns in small blocks: when
 * the machine changes pace (another program wakes up on the other core, and a round trip
 * goes from 30 to 70 µs), every variant sees the change, not just the one running then.
 */
async function sequentialInBlocks(
  variants: (Variant & { read: () => Promise<unknown> })[],
  reads: number,
  onProgress: (done: number) => void,
): Promise<Map<Variant, Samples>> {
  const BLOCK = 50;
  const samples = new Map(variants.map((variant) => [variant, new Samples(reads)]));
  for (let done = 0, block = 0; done < reads; done += BLOCK, block++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(k + block) % variants.length]!;
      const mine = samples.get(variant)!;
      for (let i = done; i < Math.min(reads, done + BLOCK); i++) {
        const started = performance.now();
        await variant.read();
        mine.add(performance.now() - started);
      }
    }
    onProgress(Math.min(reads, done + BLOCK));
  }
  return samples;
}

export async function runHitPath(context: BenchContext, settings: HitSettings, progress: Progress): Promise<HitSection> {
  progress.step('hit path: preparing');
  const redis = context.client();
  const prefix = `${context.redis.prefix}hit:`;
  const cache = createProductCache({ redis, db: context.db.pool, keyPrefix: prefix, redisTimeoutMs: TIMEOUT_MS });
  await cache.getProduct(PRODUCT_ID); // the miss that fills the key every variant reads
  const key = productKey(prefix, PRODUCT_ID);
  const stored = await redis.get(key);
  if (stored === null) throw new Error(`the lab 01 solution did not cache product ${PRODUCT_ID} under ${key}`);

  const load = () => selectProduct(context.db.pool, PRODUCT_ID);
  const bento = await createBento(redis, `${context.redis.prefix}bento-hit`);
  const bentoProblem = bento.ok ? await probeBento(bento.cache, `product:${PRODUCT_ID}`, load) : bento.reason;

  const variants: Variant[] = [
    { name: HIT_BASELINE, read: async () => JSON.parse((await redis.get(key))!) },
    { name: '  + Date revival (solution codec)', read: async () => productCodec.decode((await redis.get(key))!) },
    { name: '  + timeout wrapper (withTimeout)', read: async () => JSON.parse((await withTimeout(redis.get(key), TIMEOUT_MS))!) },
    { name: 'lab 01 solution getProduct', read: () => cache.getProduct(PRODUCT_ID) },
    bento.ok && bentoProblem === null
      ? { name: 'bentocache getOrSet (Redis L2 only)', read: () => bento.cache.getOrSet(`product:${PRODUCT_ID}`, load) }
      : { name: 'bentocache getOrSet (Redis L2 only)', reason: `unavailable: ${bentoProblem ?? 'did not start'}` },
  ];
  const runnable = variants.filter((v): v is Variant & { read: () => Promise<unknown> } => v.read !== undefined);

  progress.step('hit path: warming up');
  for (const variant of runnable) for (let i = 0; i < settings.warmup; i++) await variant.read();

  const rounds = new Map<string, Round[]>(runnable.map((v) => [v.name, []]));
  for (let round = 0; round < settings.rounds; round++) {
    progress.step(`hit path round ${round + 1}/${settings.rounds}: one read at a time`, settings.sequential);
    const latencies = await sequentialInBlocks(runnable, settings.sequential, (done) => progress.update(done));
    progress.step(`hit path round ${round + 1}/${settings.rounds}: ${settings.inFlight} reads in flight`);
    // Rotate the order each round so no variant always runs first or last.
    for (let k = 0; k < runnable.length; k++) {
      const variant = runnable[(k + round) % runnable.length]!;
      // CPU time, not wall time: it is this process's own cost, and other programs on the
      // machine barely move it, where they would move a throughput figure a lot.
      const cpuBefore = process.cpuUsage();
      await closedLoop(settings.concurrent, settings.inFlight, variant.read);
      const cpu = process.cpuUsage(cpuBefore);
      const { p50, p99 } = summarise(latencies.get(variant)!.values());
      rounds.get(variant.name)!.push({ p50, p99, cpuUs: (cpu.user + cpu.system) / settings.concurrent });
    }
  }

  const base = rounds.get(HIT_BASELINE)!;
  const rows: HitRow[] = variants.map((variant) => {
    const mine = rounds.get(variant.name);
    if (!mine) return { name: variant.name, available: false, reason: variant.reason ?? 'unavailable' };
    return {
      name: variant.name,
      available: true,
      p50Us: repeated(mine.map((r) => r.p50 * 1000)),
      p99Us: repeated(mine.map((r) => r.p99 * 1000)),
      cpuUs: repeated(mine.map((r) => r.cpuUs)),
      latencyRatio: repeated(mine.map((r, i) => r.p50 / base[i]!.p50)),
      cpuRatio: repeated(mine.map((r, i) => r.cpuUs / base[i]!.cpuUs)),
    };
  });
  return {
    sequential: settings.sequential,
    concurrent: settings.concurrent,
    inFlight: settings.inFlight,
    rounds: settings.rounds,
    valueBytes: Buffer.byteLength(stored),
    baseline: HIT_BASELINE,
    rows,
  };
}
