import { randomBytes } from 'node:crypto';
import { localhost, NodeClients } from './node-clients.js';
import { infoField, pollUntil } from './poll.js';
import { freePorts, RedisProcess } from './redis-process.js';
import type { Address, ControlAction, SentinelTopology } from './topology.js';
import { processOn, type TopologyInstance } from './topology-instance.js';

export const SENTINEL_MASTER_NAME = 'course-primary';
/** How long the primary may stay silent before a Sentinel calls it down. */
export const SENTINEL_DOWN_AFTER_MS = 1_000;

const DATA_CONFIG = ['save ""', 'appendonly no', 'shutdown-timeout 0', 'repl-diskless-sync-delay 0', 'enable-debug-command local'];

/**
 * Starts a primary, a replica and three Sentinels, all on free ports of 127.0.0.1 and
 * all watching only these two servers. Each Sentinel's config names the others and the
 * replica (with ids chosen here), so none waits for the others' hello messages; it then
 * waits (bounded) until every Sentinel sees the primary up, its replica synced and two
 * other Sentinels.
 */
export async function startSentinelSet(root: string): Promise<TopologyInstance<SentinelTopology>> {
  const started = Date.now();
  let processes: RedisProcess[] = [];
  // Ports are chosen before anything starts (the configs name each other); if one was
  // taken in the meantime, the whole set is tried once more with new ones.
  for (let attempt = 0; processes.length === 0; attempt += 1) {
    const [primary, replica, ...sentinels] = (await freePorts(5)) as [number, number, number, number, number];
    const ids = sentinels.map(() => randomBytes(20).toString('hex'));
    const sentinelConfig = (i: number) => [
      `sentinel myid ${ids[i]}`,
      `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${primary} 2`,
      `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} ${SENTINEL_DOWN_AFTER_MS}`,
      `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 2000`,
      `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
      `sentinel known-replica ${SENTINEL_MASTER_NAME} 127.0.0.1 ${replica}`,
      ...sentinels.flatMap((port, j) => (j === i ? [] : [`sentinel known-sentinel ${SENTINEL_MASTER_NAME} 127.0.0.1 ${port} ${ids[j]}`])),
    ];
    const starts = [
      RedisProcess.start(root, { name: 'primary', fixedPorts: [primary], config: () => DATA_CONFIG }),
      RedisProcess.start(root, { name: 'replica', fixedPorts: [replica], config: () => [...DATA_CONFIG, `replicaof 127.0.0.1 ${primary}`] }),
      ...sentinels.map((port, i) => RedisProcess.start(root, { name: `sentinel-${i + 1}`, sentinel: true, fixedPorts: [port], config: () => sentinelConfig(i) })),
    ];
    const outcomes = await Promise.allSettled(starts);
    const up = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    if (up.length === starts.length) processes = up;
    else {
      await Promise.all(up.map((p) => p.retire()));
      if (attempt === 1) throw (outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult).reason;
    }
  }

  const [primary, replica, ...sentinels] = processes as [RedisProcess, RedisProcess, ...RedisProcess[]];
  const servers = [primary, replica].map((p) => localhost(p.port));
  const sentinelAddresses = sentinels.map((p) => localhost(p.port));
  const clients = new NodeClients();
  const stop = async () => {
    clients.closeAll();
    await Promise.all(processes.map((p) => p.retire()));
  };
  const set = { servers, sentinels: sentinelAddresses, clients };
  try {
    await waitUntilWatched(set, { timeoutMs: 20_000 });
  } catch (error) {
    await stop();
    throw error;
  }

  /** Points a data server that is not the primary the Sentinels name at that primary, at once. */
  const follow = async () => {
    // A failover may be under way: wait (bounded) until the Sentinels agree again.
    const current = await pollUntil('the Sentinels to agree on the primary', () => primaryBySentinels(set));
    for (const server of servers) {
      if (server.port === current.port) continue;
      const replication = (await clients.call(server, 'INFO', 'replication')) as string;
      if (infoField(replication, 'role') === 'master' || infoField(replication, 'master_port') !== String(current.port)) {
        await clients.call(server, 'REPLICAOF', current.host, current.port);
        await clients.call(server, 'CONFIG', 'REWRITE'); // so a later restart keeps the role
      }
    }
  };
  const heal = async () => {
    await Promise.all(processes.map((p) => p.launch()));
    await follow();
    await waitUntilWatched(set);
  };
  return {
    topology: {
      kind: 'sentinel',
      owned: true,
      source: `a primary, a replica and 3 Sentinels started by the course on 127.0.0.1:${processes.map((p) => p.port).join(',')} (${Date.now() - started} ms)`,
      masterName: SENTINEL_MASTER_NAME,
      sentinels: sentinelAddresses,
      servers,
    },
    pids: () => processes.map((p) => p.pid).filter(Boolean),
    control: async (action: ControlAction, port: number) => {
      if (action === 'heal') return heal();
      const target = processOn(processes, port);
      if (action === 'stop') return target.stop();
      if (action === 'kill') return target.kill();
      await target.launch();
      // A former primary comes back believing it still is one; Sentinel would take ~10 s to convert it.
      if (servers.some((s) => s.port === port)) await follow();
    },
    reset: async () => {
      await heal();
      await clients.call(await primaryBySentinels(set), 'FLUSHALL');
    },
    stop,
  };
}

interface SentinelSet {
  servers: Address[];
  sentinels: Address[];
  clients: NodeClients;
}

/** The primary's address as the Sentinels report it; they must all agree. */
async function primaryBySentinels({ sentinels, clients }: SentinelSet): Promise<Address> {
  const answers = (await Promise.all(
    sentinels.map((s) => clients.call(s, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME)),
  )) as [string, string][];
  const distinct = new Set(answers.map(([host, port]) => `${host}:${port}`));
  if (distinct.size !== 1) throw new Error(`the Sentinels disagree on the primary: ${[...distinct].join(' vs ')}`);
  return { host: answers[0]![0], port: Number(answers[0]![1]) };
}

/**
 * Waits until the set is ready for a failover: every Sentinel agrees on the primary, sees
 * it and the other data server up, and knows the two other Sentinels; the other server
 * says itself that it is a synced replica of that primary. (What a Sentinel reports of a
 * replica's link is refreshed only every 10 s, and every second once the primary is down,
 * which is when it matters: so it is asked of the replica.)
 */
async function waitUntilWatched(set: SentinelSet, { timeoutMs = 15_000 } = {}): Promise<void> {
  const { sentinels, servers, clients } = set;
  await pollUntil(
    'every Sentinel to see the primary, its synced replica and the two other Sentinels',
    async () => {
      const primary = await primaryBySentinels(set);
      const replica = servers.find((s) => s.port !== primary.port)!;
      const replication = (await clients.call(replica, 'INFO', 'replication')) as string;
      if (infoField(replication, 'master_port') !== String(primary.port) || infoField(replication, 'master_link_status') !== 'up') {
        return { not: `${replica.port} is not yet a synced replica of ${primary.port}` };
      }
      for (const sentinel of sentinels) {
        const master = fields((await clients.call(sentinel, 'SENTINEL', 'MASTER', SENTINEL_MASTER_NAME)) as string[]);
        if (master.flags !== 'master') return { not: `Sentinel ${sentinel.port} flags the primary ${master.flags}` };
        if (master['num-other-sentinels'] !== '2') return { not: `Sentinel ${sentinel.port} knows ${master['num-other-sentinels']} other Sentinels` };
        const replicas = ((await clients.call(sentinel, 'SENTINEL', 'REPLICAS', SENTINEL_MASTER_NAME)) as string[][]).map(fields);
        const seen = replicas.find((r) => r.port === String(replica.port));
        if (seen?.flags !== 'slave') return { not: `Sentinel ${sentinel.port} flags replica ${replica.port} ${seen?.flags ?? 'unknown'}` };
      }
      return true;
    },
    { timeoutMs },
  );
}

/** A Sentinel reply of alternating names and values, as a record. */
function fields(flat: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}
