import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import { isFailing, parseClusterNodes, servesSlot, type ClusterNode } from '../services/cluster-nodes.js';
import { infoField, pollUntil } from '../services/poll.js';
import type { Address } from '../services/topology.js';
import { LabTopology } from './lab-topology.js';
import { outcome } from './teach.js';

export type { ClusterNode } from '../services/cluster-nodes.js';

/**
 * A Redis Cluster of three primaries with one replica each, for one test file. Files of a
 * run share one unless they ask for `{ exclusive: true }`, which they must to stop, kill
 * or restart nodes or to move slots; an exclusive course-started cluster is the file's own
 * and is reset (restarted, flushed, whole) when the file ends.
 *
 *   const cluster = useCluster('12', { exclusive: true });
 *   it('12.4 a killed primary's replica takes over', async () => {
 *     const redis = cluster.client();
 *     await redis.set(cluster.key('{user:1}:name'), 'Ada', 'EX', 60);
 *     const old = await cluster.primaryOf(cluster.key('{user:1}:name'));
 *     await cluster.kill(old);
 *     const promoted = await cluster.waitForNewPrimary(old);
 *   });
 */
export function useCluster(area: string, options: { exclusive?: boolean } = {}): LabCluster {
  return LabTopology.hooks((broker, prefix) => new LabCluster(broker, 'cluster', prefix, options), area);
}

export class LabCluster extends LabTopology<'cluster'> {
  /** An ioredis Cluster client, as the application would hold one; closed with the file. */
  client(options: ClusterOptions = {}): Cluster {
    return this.track(new Cluster(this.topology.nodes, options));
  }

  /** A plain connection to one node, for CLUSTER commands (SETSLOT, MIGRATE, COUNTKEYSINSLOT...). */
  node(node: Address, options: RedisOptions = {}): Redis {
    return this.track(new Redis({ host: node.host, port: node.port, ...options }));
  }

  /**
   * Every node with its role, slots and flags, as a node that answers sees them now. All
   * nodes are asked at once and the first answer in address order is used, so a dead node
   * costs one refused connection, not a turn of its own.
   */
  async nodes(): Promise<ClusterNode[]> {
    const answers = await this.askEveryNode('CLUSTER', 'NODES');
    const index = answers.findIndex((answer) => 'value' in answer);
    if (index < 0) throw new Error(`no cluster node answers: ${answers.map((answer) => ('error' in answer ? answer.error : '')).join('; ')}`);
    const address = this.topology.nodes[index]!;
    return parseClusterNodes((answers[index] as { value: string }).value).map((node) => ({ ...node, host: node.host || address.host }));
  }

  /** The slot a key hashes to (CLUSTER KEYSLOT, asked of the cluster itself). */
  async slotOf(key: string): Promise<number> {
    const answering = (await this.nodes()).find((node) => !isFailing(node))!;
    return (await this.inspector.call(answering, 'CLUSTER', 'KEYSLOT', key)) as number;
  }

  /** The primary serving a key (or a slot number) now. */
  async primaryOf(keyOrSlot: string | number): Promise<ClusterNode> {
    const slot = typeof keyOrSlot === 'number' ? keyOrSlot : await this.slotOf(keyOrSlot);
    const owner = (await this.nodes()).find((node) => node.role === 'primary' && servesSlot(node, slot));
    if (!owner) throw new Error(`no primary serves slot ${slot}`);
    return owner;
  }

  /** The replicas of a primary now. */
  async replicasOf(primary: { id: string }): Promise<ClusterNode[]> {
    return (await this.nodes()).filter((node) => node.primaryId === primary.id);
  }

  /** Waits (bounded) until every node that answers reports cluster_state:ok. */
  async waitForOk(timeoutMs = 15_000): Promise<void> {
    await pollUntil(
      'cluster_state:ok on every node that answers',
      async () => {
        const answers = await this.askEveryNode('CLUSTER', 'INFO');
        const states = answers.flatMap((answer, i) => ('value' in answer ? [{ port: this.topology.nodes[i]!.port, state: infoField(answer.value, 'cluster_state') }] : []));
        const notOk = states.find(({ state }) => state !== 'ok');
        if (notOk) return { not: `node ${notOk.port} reports cluster_state:${notOk.state}` };
        return states.length > 0 ? true : { not: 'no node answers' };
      },
      { timeoutMs },
    );
  }

  /** One command to every node at once; each one's answer or error, in the order of the nodes. */
  private askEveryNode(...command: [string, ...string[]]) {
    return Promise.all(this.topology.nodes.map((address) => outcome(this.inspector.call(address, ...command) as Promise<string>)));
  }

  /**
   * Waits (bounded) until the slots `former` served belong to another primary that is not
   * failing, and every node that answers reports cluster_state:ok. Returns that primary.
   */
  async waitForNewPrimary(former: ClusterNode, timeoutMs = 20_000): Promise<ClusterNode> {
    const slot = former.slots[0]?.[0];
    if (slot === undefined) throw new Error(`node ${former.port} served no slots`);
    const promoted = await pollUntil(
      `another node to take over slot ${slot} from ${former.port}`,
      async () => {
        const owner = (await this.nodes()).find((node) => node.role === 'primary' && servesSlot(node, slot) && !isFailing(node));
        return owner && owner.id !== former.id ? owner : { not: owner ? `${owner.port} still serves it` : 'no live primary serves it' };
      },
      { timeoutMs },
    );
    await this.waitForOk(timeoutMs);
    return promoted;
  }

  /**
   * Promotes a dead primary's replica now (CLUSTER FAILOVER TAKEOVER, what an operator does
   * to cut a failover short) instead of waiting for the cluster to notice the death:
   * cluster-node-timeout, gossip and an election take two to four seconds. The code under
   * test sees the same failover either way: a dead node, then its slots on a new primary.
   */
  async takeOver(former: ClusterNode, timeoutMs = 20_000): Promise<ClusterNode> {
    const [replica] = await this.replicasOf(former);
    if (!replica) throw new Error(`primary ${former.port} has no replica to take over`);
    await this.inspector.call(replica, 'CLUSTER', 'FAILOVER', 'TAKEOVER');
    return this.waitForNewPrimary(former, timeoutMs);
  }

  protected async primaries(): Promise<Address[]> {
    return (await this.nodes()).filter((node) => node.role === 'primary' && !isFailing(node) && node.slots.length > 0);
  }
}
