// Back-of-the-envelope memory sizing for a cache.
// Run: npx tsx examples/operating/capacity.ts
import { isMain } from '../lib/example-redis.js';

// #region capacity
export interface DataClass {
  name: string;
  keys: number;
  avgKeyBytes: number;
  avgValueBytes: number;
}

/**
 * Per-key bookkeeping varies by version and type; ~60-100 B per small string key is
 * typical.
 */
const OVERHEAD_PER_KEY = 80;

export function estimateMaxmemory(classes: DataClass[], headroom = 0.3) {
  const workingSet = classes.reduce(
    (sum, c) => sum + c.keys * (c.avgKeyBytes + c.avgValueBytes + OVERHEAD_PER_KEY),
    0,
  );
  return {
    workingSetBytes: workingSet,
    maxmemoryBytes: Math.ceil(workingSet * (1 + headroom)),
  };
}
// #endregion capacity

if (isMain(import.meta.url)) {
  const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  const { workingSetBytes, maxmemoryBytes } = estimateMaxmemory([
    { name: 'product', keys: 2_000_000, avgKeyBytes: 22, avgValueBytes: 900 },
    { name: 'session', keys: 500_000, avgKeyBytes: 40, avgValueBytes: 400 },
    { name: 'rate-limit', keys: 300_000, avgKeyBytes: 30, avgValueBytes: 8 },
  ]);
  console.log(`working set ${gb(workingSetBytes)}`);
  console.log(`maxmemory with 30% headroom ${gb(maxmemoryBytes)}`);
}
