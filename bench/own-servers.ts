// Servers of the bench's own for the cluster section: a Redis Cluster of three primaries
// with a replica each, started by the harness's own code (the one the labs use), and one
// plain redis-server beside it with the same persistence settings, for the comparison.
// Nothing here points at the shared Redis. The servers die with the bench even when it is
// killed (guarded processes), and their folder is removed when they stop.
import { RedisProcess } from '../harness/services/redis-process.js';
import { ServerDir } from '../harness/services/server-dir.js';
import { startCluster } from '../harness/services/start-cluster.js';
import type { Address } from '../harness/services/topology.js';

export interface OwnServers {
  single: Address;
  clusterNodes: Address[];
  /** How long starting the cluster took, in ms. */
  clusterStartMs: number;
  stop(): Promise<void>;
}

export async function startOwnServers(): Promise<OwnServers> {
  const dir = ServerDir.create();
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    await Promise.allSettled(stops.map((each) => each()));
    await dir.remove();
  };
  try {
    // As the cluster nodes are configured: no snapshots, no append-only file.
    const single = await RedisProcess.start(dir.path, { name: 'bench-single', config: () => ['save ""', 'appendonly no'] });
    stops.push(() => single.retire());
    const started = performance.now();
    const cluster = await startCluster(dir.path);
    const clusterStartMs = performance.now() - started;
    stops.push(() => cluster.stop());
    return { single: { host: '127.0.0.1', port: single.port }, clusterNodes: cluster.topology.nodes, clusterStartMs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
