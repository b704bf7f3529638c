// What the bench asks for, and how: which product each read wants (a Zipf skew over the
// catalogue, the same sequence on every run), and a closed loop of concurrent callers.
import { Samples } from './stats.js';

/** A seeded generator (mulberry32): the same seed gives the same draws on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws ids 1..n with Zipf's law: the k-th most popular id is asked for in proportion to
 * 1/k^s. With s = 1 and n = 1000, the top 1 % of ids take about 40 % of the reads. Which
 * id is most popular is shuffled, so popularity has nothing to do with the id's order.
 */
export function zipfIds(n: number, s: number, seed: number): () => number {
  const random = seededRandom(seed);
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let rank = 1; rank <= n; rank++) cumulative[rank - 1] = total += 1 / rank ** s;
  const idOfRank = Array.from({ length: n }, (_, i) => i + 1);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idOfRank[i], idOfRank[j]] = [idOfRank[j]!, idOfRank[i]!];
  }
  return () => {
    const target = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return idOfRank[low]!;
  };
}

/** How much of the traffic the `top` most popular of n ids receive under Zipf(s). */
export function zipfShare(n: number, s: number, top: number): number {
  let head = 0;
  let all = 0;
  for (let rank = 1; rank <= n; rank++) {
    const weight = 1 / rank ** s;
    all += weight;
    if (rank <= top) head += weight;
  }
  return head / all;
}

export interface LoopResult {
  /** One latency per operation, in ms. */
  samples: Float64Array;
  wallMs: number;
}

/**
 * Runs `operations` calls of `op` from `concurrency` callers, each starting its next call
 * when the previous one returns (a closed loop, like a fixed set of request handlers).
 * `onProgress` hears how many calls have finished.
 */
export async function closedLoop(
  operations: number,
  concurrency: number,
  op: (index: number) => Promise<unknown>,
  onProgress: (done: number) => void = () => {},
): Promise<LoopResult> {
  const samples = new Samples(operations);
  let next = 0;
  let done = 0;
  const caller = async () => {
    for (let index = next++; index < operations; index = next++) {
      const started = performance.now();
      await op(index);
      samples.add(performance.now() - started);
      onProgress(++done);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, operations) }, caller));
  return { samples: samples.values(), wallMs: performance.now() - started };
}
