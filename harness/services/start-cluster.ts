import { clusterProblem, parseClusterNodes } from './cluster-nodes.js';
import { localhost, NodeClients } from './node-clients.js';
import { infoField, pollUntil } from './poll.js';
import { RedisProcess } from './redis-process.js';
import type { Address, ClusterTopology, ControlAction } from './topology.js';
import { processOn, type TopologyInstance } from './topology-instance.js';

/**
 * How long a node may stay silent before the others suspect it. Short, so a killed
 * primary's replica takes over in about two seconds; long enough that a busy machine
 * does not fail nodes over by itself.
 */
export const CLUSTER_NODE_TIMEOUT_MS = 1_500;
const SLOT_RANGES = [[0, 5460], [5461, 10922], [10923, 16383]] as const;

function nodeConfig(busPort: number): string[] {
  return [
    'cluster-enabled yes',
    'cluster-config-file nodes.conf',
    `cluster-port ${busPort}`,
    `cluster-node-timeout ${CLUSTER_NODE_TIMEOUT_MS}`,
    // A replica may take over however long it was cut off: the course kills primaries on purpose.
    'cluster-replica-validity-factor 0',
    'save ""',
    'appendonly no',
    'shutdown-timeout 0',
    'repl-diskless-sync-delay 0',
    'enable-debug-command local',
  ];
}

/**
 * Starts six redis-server processes on free ports and joins them into a cluster of three
 * primaries with one replica each: slots assigned with ADDSLOTSRANGE, distinct config
 * epochs, every node MEETs the others, replicas REPLICATE, then it waits (bounded) until
 * every node reports cluster_state:ok and sees the same three pairs.
 */
export async function startCluster(root: string): Promise<TopologyInstance<ClusterTopology>> {
  const started = Date.now();
  const starts = await Promise.allSettled(
    [1, 2, 3, 4, 5, 6].map((n) => RedisProcess.start(root, { name: `cluster-${n}`, ports: 2, config: ([, bus]) => nodeConfig(bus!) })),
  );
  const processes = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(processes.map((p) => p.retire()));
    throw failed.reason;
  }
  const clients = new NodeClients();
  const addresses = processes.map((p) => localhost(p.port));
  const stop = async () => {
    clients.closeAll();
    await Promise.all(processes.map((p) => p.retire()));
  };
  try {
    const ids = (await Promise.all(addresses.map((a) => clients.call(a, 'CLUSTER', 'MYID')))) as string[];
    await Promise.all(addresses.map((a, i) => clients.call(a, 'CLUSTER', 'SET-CONFIG-EPOCH', i + 1)));
    await Promise.all(SLOT_RANGES.map(([from, to], i) => clients.call(addresses[i]!, 'CLUSTER', 'ADDSLOTSRANGE', from, to)));
    // Every node meets every later one: all know all at once, with no rounds of gossip to wait for.
    await Promise.all(
      addresses.flatMap((a, i) => processes.slice(i + 1).map((p) => clients.call(a, 'CLUSTER', 'MEET', '127.0.0.1', p.port, p.ports[1]!))),
    );
    await pollUntil('every cluster node to know the other five', async () => {
      for (const address of addresses) {
        const nodes = parseClusterNodes((await clients.call(address, 'CLUSTER', 'NODES')) as string);
        const known = nodes.filter((node) => !node.flags.includes('handshake'));
        if (known.length < 6) return { not: `node ${address.port} knows ${known.length}` };
      }
      return true;
    });
    await Promise.all(addresses.slice(3).map((a, i) => clients.call(a, 'CLUSTER', 'REPLICATE', ids[i]!)));
    await waitUntilWhole(addresses, clients, { timeoutMs: 20_000 });
  } catch (error) {
    await stop();
    throw error;
  }

  const topology: ClusterTopology = {
    kind: 'cluster',
    owned: true,
    source: `a Redis Cluster of 6 redis-server processes started by the course on 127.0.0.1:${addresses.map((a) => a.port).join(',')} (${Date.now() - started} ms)`,
    nodes: addresses,
  };
  const heal = async () => {
    await Promise.all(processes.map((p) => p.launch()));
    await waitUntilWhole(addresses, clients, { allowMigrating: true });
  };
  return {
    topology,
    pids: () => processes.map((p) => p.pid).filter(Boolean),
    control: async (action: ControlAction, port: number) => {
      if (action === 'heal') return heal();
      const node = processOn(processes, port);
      await (action === 'stop' ? node.stop() : action === 'kill' ? node.kill() : node.launch());
    },
    reset: async () => {
      await Promise.all(processes.map((p) => p.launch()));
      // Half-done slot moves are abandoned; the flush below removes their keys on both sides.
      for (const address of addresses) {
        const nodes = parseClusterNodes((await clients.call(address, 'CLUSTER', 'NODES')) as string);
        const me = nodes.find((node) => node.flags.includes('myself'));
        for (const slot of me?.movingSlots ?? []) await clients.call(address, 'CLUSTER', 'SETSLOT', slot, 'STABLE');
      }
      await waitUntilWhole(addresses, clients);
      for (const address of addresses) {
        const role = infoField((await clients.call(address, 'INFO', 'replication')) as string, 'role');
        if (role === 'master') await clients.call(address, 'FLUSHALL');
      }
    },
    stop,
  };
}

/**
 * Waits until every node reports cluster_state:ok and the same whole picture (all six
 * connected, none failing, all slots served, three primaries each with a replica whose
 * link is up). `allowMigrating` accepts a slot left half-moved by a suite.
 */
export async function waitUntilWhole(
  addresses: Address[],
  clients: NodeClients,
  { timeoutMs = 15_000, allowMigrating = false } = {},
): Promise<void> {
  await pollUntil(
    'the cluster to be whole (cluster_state:ok on every node, 3 primaries each with a replica)',
    async () => {
      for (const address of addresses) {
        const [info, text, replication] = (await Promise.all([
          clients.call(address, 'CLUSTER', 'INFO'),
          clients.call(address, 'CLUSTER', 'NODES'),
          clients.call(address, 'INFO', 'replication'),
        ])) as [string, string, string];
        const nodes = parseClusterNodes(text).map((node) => (allowMigrating ? { ...node, movingSlots: [] } : node));
        const problem = clusterProblem(nodes, info, addresses.length);
        if (problem) return { not: `node ${address.port}: ${problem}` };
        if (infoField(replication, 'role') === 'slave' && infoField(replication, 'master_link_status') !== 'up') {
          return { not: `replica ${address.port} has not synced with its primary` };
        }
      }
      return true;
    },
    { timeoutMs },
  );
}
