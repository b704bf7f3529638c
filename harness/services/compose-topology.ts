import { ServiceUnreachableError } from './errors.js';
import { ask, describeCluster, describeSentinels } from './external-topology.js';
import { parseClusterNodes } from './cluster-nodes.js';
import { localhost } from './node-clients.js';
import { SENTINEL_MASTER_NAME } from './start-sentinel.js';
import type { Topology, TopologyKind } from './topology.js';

/**
 * The topologies of the course's docker-compose.yml, by where they listen. Keep in step
 * with that file (its services redis-cluster and redis-sentinel, in the profiles `cluster`
 * and `sentinel`). Each is recognised by more than its port: the cluster's nodes announce
 * hostnames `course-cluster-<port>`, the Sentinels watch a primary named course-primary.
 */
export const COMPOSE: Partial<Record<TopologyKind, { service: string; ports: number[] }>> = {
  cluster: { service: 'redis-cluster', ports: [7101, 7102, 7103, 7104, 7105, 7106] },
  sentinel: { service: 'redis-sentinel', ports: [26401, 26402, 26403] },
};

export async function describeCompose(kind: TopologyKind): Promise<Topology> {
  const compose = COMPOSE[kind]!;
  const addresses = compose.ports.map(localhost);
  const where = `127.0.0.1:${compose.ports[0]}`;
  const source = `${compose.service} from docker compose (127.0.0.1:${compose.ports.join(',')})`;
  if (kind === 'cluster') {
    const nodes = parseClusterNodes(String(await ask(addresses[0]!, ['CLUSTER', 'NODES'])));
    if (nodes.length === 0 || nodes.some((node) => !node.hostname.startsWith('course-cluster-'))) {
      throw new Error(`answers, but is not the course's ${compose.service} (its nodes do not announce course-cluster-* hostnames)`);
    }
    return describeCluster('docker compose', where, addresses, source);
  }
  return describeSentinels('docker compose', where, addresses, SENTINEL_MASTER_NAME, source, undefined).catch((error: unknown) => {
    throw error instanceof ServiceUnreachableError ? new Error(`answers, but is not the course's ${compose.service}: ${error.message}`) : error;
  });
}
