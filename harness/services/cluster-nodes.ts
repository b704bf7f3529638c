/** One line of CLUSTER NODES, as a record. */
export interface ClusterNode {
  id: string;
  host: string;
  port: number;
  /** The node's announced hostname (cluster-announce-hostname), if any. */
  hostname: string;
  role: 'primary' | 'replica';
  /** For a replica, the id of its primary. */
  primaryId: string | undefined;
  /** Raw flags: myself, master, slave, fail?, fail, handshake, noaddr, nofailover. */
  flags: string[];
  /** The node asked says its link to this node is up. */
  connected: boolean;
  /** Slot ranges served, inclusive: [[0, 5460]]. */
  slots: [number, number][];
  /** Slots this node is moving out or in (CLUSTER SETSLOT MIGRATING / IMPORTING). */
  movingSlots: number[];
}

/** Parses a CLUSTER NODES reply. */
export function parseClusterNodes(text: string): ClusterNode[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [id = '', address = '', flagText = '', primary = '-', , , , link = '', ...slotWords] = line.split(' ');
      const [endpoint = '', hostname = ''] = address.split(',');
      const at = endpoint.indexOf('@');
      const hostPort = at === -1 ? endpoint : endpoint.slice(0, at);
      const colon = hostPort.lastIndexOf(':');
      const flags = flagText.split(',');
      const slots: [number, number][] = [];
      const movingSlots: number[] = [];
      for (const word of slotWords) {
        if (word.startsWith('[')) {
          movingSlots.push(Number.parseInt(word.slice(1), 10));
        } else {
          const [from, to = from] = word.split('-').map(Number) as [number, number?];
          slots.push([from, to ?? from]);
        }
      }
      return {
        id,
        host: hostPort.slice(0, colon),
        port: Number(hostPort.slice(colon + 1)),
        hostname,
        role: flags.includes('slave') ? 'replica' : 'primary',
        primaryId: primary === '-' ? undefined : primary,
        flags,
        connected: link === 'connected',
        slots,
        movingSlots,
      } satisfies ClusterNode;
    });
}

/** Whether `node` serves `slot`. */
export function servesSlot(node: ClusterNode, slot: number): boolean {
  return node.slots.some(([from, to]) => slot >= from && slot <= to);
}

/** A node is failing when the asker flags it fail or fail? (PFAIL). */
export function isFailing(node: ClusterNode): boolean {
  return node.flags.includes('fail') || node.flags.includes('fail?');
}

/**
 * Why a cluster of `expected` nodes (half primaries, half replicas) is not healthy as
 * seen from one node's CLUSTER NODES and CLUSTER INFO, or undefined when it is: every node
 * known and connected, none failing, every slot served, nothing half-migrated, each
 * primary with one replica.
 */
export function clusterProblem(nodes: ClusterNode[], clusterInfo: string, expected: number): string | undefined {
  if (!/cluster_state:ok/.test(clusterInfo)) return 'cluster_state is not ok';
  if (nodes.length !== expected) return `${nodes.length} of ${expected} nodes known`;
  const unwell = nodes.find((node) => !node.flags.includes('myself') && (!node.connected || isFailing(node) || node.flags.includes('handshake')));
  if (unwell) return `node ${unwell.port} is ${unwell.connected ? unwell.flags.join(',') : 'disconnected'}`;
  const primaries = nodes.filter((node) => node.role === 'primary');
  if (primaries.length !== expected / 2) return `${primaries.length} primaries`;
  const covered = primaries.reduce((sum, node) => sum + node.slots.reduce((n, [from, to]) => n + to - from + 1, 0), 0);
  if (covered !== 16384) return `${covered} of 16384 slots served`;
  if (nodes.some((node) => node.movingSlots.length > 0)) return 'a slot is being migrated';
  const lonely = primaries.find((primary) => !nodes.some((node) => node.primaryId === primary.id));
  if (lonely) return `primary ${lonely.port} has no replica`;
  return undefined;
}
