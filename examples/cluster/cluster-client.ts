// Connecting to Redis Cluster with ioredis. Type-checked here; it needs a real cluster
// to run.
import { Cluster } from 'ioredis';

// #region cluster-client
export function createClusterClient(
  seedNodes: { host: string; port: number }[],
): Cluster {
  const cluster = new Cluster(seedNodes, {
    // Options for every per-node connection the cluster client opens.
    redisOptions: { connectTimeout: 2_000, maxRetriesPerRequest: 2 },
    // 'master' reads only from primaries; 'slave' spreads reads over replicas, which
    // relieves a hot key at the price of slightly stale reads.
    scaleReads: 'master',
    // MOVED/ASK redirections during resharding are followed automatically, up to this
    // many.
    maxRedirections: 16,
  });
  cluster.on('error', (err) => console.warn(`[redis-cluster] ${err.message}`));
  return cluster;
}
// #endregion cluster-client
