// Section 7: one Redis against a Redis Cluster of three primaries (lesson 12, lab 12). The
// same workload, GETs and SETs over many keys, runs on a single node and on the cluster
// through ioredis's Cluster client; then every command goes to one hot key, and the bench
// counts how the primaries shared the commands. Both topologies are started for the run on
// this machine, whose cores they share with the bench: see the section's text on the page.
import { Cluster, Redis } from 'ioredis';
import type { Progress } from '../progress.js';
import type { ClusterRow, ClusterSection } from '../results.js';
import { startOwnServers, type OwnServers } from '../own-servers.js';
import type { ClusterSettings } from '../settings.js';
import { repeated, summarise } from '../stats.js';
import { closedLoop, seededRandom } from '../workload.js';

type Client = Redis | Cluster;
type Workload = 'spread' | 'hot key';

interface Topology {
  name: 'one node' | 'cluster, 3 primaries';
  clients: Client[];
  /** Commands each primary has processed so far (INFO stats), to see how the load was shared. */
  commandsPerPrimary(): Promise<number[]>;
}

const PREFIX = 'bench:cluster:';
const VALUE = 'x'.repeat(100);
const key = (i: number) => `${PREFIX}k:${i}`;
const HOT = `${PREFIX}hot`;

const processed = async (node: Redis) => Number(/total_commands_processed:(\d+)/.exec(await node.info('stats'))?.[1] ?? 0);

export async function runCluster(settings: ClusterSettings, progress: Progress): Promise<ClusterSection> {
  progress.step('cluster: starting one redis-server and a cluster of 6 (3 primaries, 3 replicas)');
  const servers = await startOwnServers();
  const opened: Client[] = [];
  try {
    const topologies = await openTopologies(servers, settings.clients, opened);
    progress.step('cluster: writing the keys the workload reads, then an untimed warm-up run');
    for (const topology of topologies) {
      await fill(topology.clients[0]!, settings.keys);
      const random = seededRandom(0);
      await closedLoop(settings.commands, settings.inFlight, (i) => command(topology.clients[i % topology.clients.length]!, 'spread', random, settings));
    }

    const rows: ClusterRow[] = [];
    for (const workload of ['spread', 'hot key'] as Workload[]) {
      const runs = new Map<Topology, Run[]>(topologies.map((topology) => [topology, []]));
      for (let round = 0; round < settings.rounds; round++) {
        // The two topologies take turns, a different one first each round.
        for (let k = 0; k < topologies.length; k++) {
          const topology = topologies[(k + round) % topologies.length]!;
          progress.step(`cluster: ${workload}, ${topology.name}, round ${round + 1}/${settings.rounds}`, settings.commands);
          runs.get(topology)!.push(await runOnce(topology, workload, round, settings, progress));
        }
      }
      for (const [topology, mine] of runs) {
        rows.push({
          topology: topology.name,
          workload,
          commandsPerSecond: repeated(mine.map((run) => run.perSecond)),
          p50Ms: repeated(mine.map((run) => run.p50)),
          p99Ms: repeated(mine.map((run) => run.p99)),
          // One node serves everything by definition; the share says something only on the cluster.
          busiestPrimaryShare: topology.name === 'one node' ? null : repeated(mine.map((run) => run.busiestShare)),
        });
      }
    }
    return {
      commands: settings.commands,
      keys: settings.keys,
      readShare: settings.readShare,
      valueBytes: VALUE.length,
      clients: settings.clients,
      inFlight: settings.inFlight,
      rounds: settings.rounds,
      clusterStartMs: servers.clusterStartMs,
      rows,
    };
  } finally {
    for (const client of opened) client.disconnect();
    await servers.stop();
  }
}

async function openTopologies(servers: OwnServers, count: number, opened: Client[]): Promise<Topology[]> {
  const singles = Array.from({ length: count }, () => new Redis(servers.single));
  const clusters = Array.from({ length: count }, () => new Cluster(servers.clusterNodes));
  opened.push(...singles, ...clusters);
  await Promise.all([...singles, ...clusters].map((client) => client.ping()));
  return [
    { name: 'one node', clients: singles, commandsPerPrimary: async () => [await processed(singles[0]!)] },
    {
      name: 'cluster, 3 primaries',
      clients: clusters,
      commandsPerPrimary: () => Promise.all(clusters[0]!.nodes('master').map(processed)),
    },
  ];
}

interface Run {
  perSecond: number;
  p50: number;
  p99: number;
  /** Share of the run's commands that the busiest primary processed. */
  busiestShare: number;
}

async function runOnce(topology: Topology, workload: Workload, round: number, settings: ClusterSettings, progress: Progress): Promise<Run> {
  const before = await topology.commandsPerPrimary();
  const random = seededRandom(round + 1);
  const loop = await closedLoop(
    settings.commands,
    settings.inFlight,
    (i) => command(topology.clients[i % topology.clients.length]!, workload, random, settings),
    (done) => progress.update(done),
  );
  const after = await topology.commandsPerPrimary();
  const served = after.map((count, i) => count - before[i]!);
  const { p50, p99 } = summarise(loop.samples);
  return {
    perSecond: (settings.commands / loop.wallMs) * 1000,
    p50,
    p99,
    busiestShare: Math.max(...served) / served.reduce((a, b) => a + b, 0),
  };
}

/** Writes every key the reads ask for, in batches, so a GET finds a value. */
async function fill(client: Client, keys: number): Promise<void> {
  const BATCH = 500;
  for (let from = 0; from < keys; from += BATCH) {
    await Promise.all(Array.from({ length: Math.min(BATCH, keys - from) }, (_, i) => client.set(key(from + i), VALUE, 'EX', 600)));
  }
  await client.set(HOT, VALUE, 'EX', 600);
}

/** One command of the workload: a GET or, `1 - readShare` of the time, a SET with a TTL. */
function command(client: Client, workload: Workload, random: () => number, settings: ClusterSettings): Promise<unknown> {
  const target = workload === 'hot key' ? HOT : key(Math.floor(random() * settings.keys));
  return random() < settings.readShare ? client.get(target) : client.set(target, VALUE, 'EX', 600);
}
