import { Redis } from 'ioredis';
import { BadInputError, ServiceUnreachableError } from './errors.js';
import { parseClusterNodes } from './cluster-nodes.js';
import { infoField } from './poll.js';
import { canConnect } from './probe.js';
import type { Address, AuthRedisTopology, ClusterTopology, SentinelTopology, SmallRedisTopology, Topology } from './topology.js';
import type { TopologyInstance } from './topology-instance.js';

/**
 * Topologies the course did not start (named in the environment, or from docker compose):
 * described after read-only checks (CLUSTER INFO/NODES, SENTINEL queries, CONFIG GET,
 * PING), never flushed, reconfigured or stopped by the course.
 */
export function found<T extends Topology>(topology: T): TopologyInstance<T> {
  return { topology, pids: () => [], stop: async () => {} };
}

/** "redis://h:p,h:p" or "h:p h:p" as addresses, or one line saying what is wrong. */
export function parseAddresses(variable: string, value: string, shown = value): Address[] {
  const words = value.split(/[\s,]+/).filter(Boolean);
  const addresses = words.map((word) => {
    const match = /^(?:redis:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+):(\d+)\/?$/.exec(word);
    if (!match) throw new BadInputError(`${variable}=${shown} is not host:port (e.g. 127.0.0.1:7101 or redis://127.0.0.1:7101)`);
    return { host: match[1]!.replace(/^\[|\]$/g, ''), port: Number(match[2]) };
  });
  if (addresses.length === 0) throw new BadInputError(`${variable} is set but empty; expected host:port[,host:port...]`);
  return addresses;
}

/** The course's shared Redis must never be steered by a topology: refuse it by name. */
export function refuseShared(variable: string, value: string, address: Address, sharedRedisUrl: string | undefined): void {
  const norm = (host: string) => (host === 'localhost' || host === '::1' ? '127.0.0.1' : host);
  const shared = sharedRedisUrl ? new URL(sharedRedisUrl) : undefined;
  const isShared =
    (norm(address.host) === '127.0.0.1' && address.port === 6379) ||
    (shared !== undefined && norm(shared.hostname) === norm(address.host) && Number(shared.port || 6379) === address.port);
  if (isShared) {
    throw new BadInputError(`${variable}=${value} names the shared Redis the other labs use; give it a server of its own (see docker-compose.yml).`);
  }
}

/** Runs one read-only command on a server, failing within about a second if it does not answer. */
export async function ask(address: Address, args: (string | number)[], auth: { username?: string; password?: string } = {}): Promise<unknown> {
  const client = new Redis({ ...address, ...auth, lazyConnect: true, connectTimeout: 1_000, commandTimeout: 2_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return await client.call(String(args[0]), ...args.slice(1));
  } finally {
    client.disconnect();
  }
}

async function reachable(variable: string, value: string, address: Address): Promise<void> {
  if (!(await canConnect(address.host, address.port))) {
    throw new ServiceUnreachableError(variable, value, `nothing answers at ${address.host}:${address.port}`);
  }
}

/** A cluster whose nodes answer and report cluster_state:ok; its nodes are listed from CLUSTER NODES. */
export async function describeCluster(variable: string, value: string, startup: Address[], source: string): Promise<ClusterTopology> {
  const first = startup[0]!;
  await reachable(variable, value, first);
  const info = String(await ask(first, ['CLUSTER', 'INFO']).catch((e: Error) => e.message));
  if (infoField(info, 'cluster_state') !== 'ok') {
    throw new ServiceUnreachableError(variable, value, `${first.host}:${first.port} is not a healthy cluster node (${info.split('\n')[0]})`);
  }
  const nodes = parseClusterNodes(String(await ask(first, ['CLUSTER', 'NODES']))).map(({ host, port }) => ({ host: host || first.host, port }));
  return { kind: 'cluster', owned: false, source, nodes };
}

/** Sentinels that know `masterName`; its primary and replicas become the servers. */
export async function describeSentinels(
  variable: string,
  value: string,
  sentinels: Address[],
  masterName: string,
  source: string,
  sharedRedisUrl: string | undefined,
): Promise<SentinelTopology> {
  for (const sentinel of sentinels) await reachable(variable, value, sentinel);
  const primary = (await ask(sentinels[0]!, ['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', masterName])) as [string, string] | null;
  if (!primary) throw new ServiceUnreachableError(variable, value, `the Sentinels know no primary named "${masterName}" (set REDIS_SENTINEL_MASTER)`);
  const primaryAddress = { host: primary[0], port: Number(primary[1]) };
  refuseShared(variable, value, primaryAddress, sharedRedisUrl);
  const replicas = (await ask(sentinels[0]!, ['SENTINEL', 'REPLICAS', masterName])) as string[][];
  const replicaAddresses = replicas.map((flat) => {
    const field = (name: string) => flat[flat.indexOf(name) + 1]!;
    return { host: field('ip'), port: Number(field('port')) };
  });
  return { kind: 'sentinel', owned: false, source, masterName, sentinels, servers: [primaryAddress, ...replicaAddresses] };
}

/** A server that already has a small maxmemory (at most 64 MB): the course never sets it on a server it did not start. */
export async function describeSmallRedis(variable: string, value: string, sharedRedisUrl: string | undefined): Promise<SmallRedisTopology> {
  const [server] = parseAddresses(variable, value) as [Address];
  refuseShared(variable, value, server, sharedRedisUrl);
  await reachable(variable, value, server);
  const maxmemoryBytes = Number(((await ask(server, ['CONFIG', 'GET', 'maxmemory'])) as string[])[1]);
  if (!(maxmemoryBytes > 0 && maxmemoryBytes <= 64 * 1024 * 1024)) {
    throw new ServiceUnreachableError(variable, value, `its maxmemory is ${maxmemoryBytes ? `${maxmemoryBytes} bytes` : 'unlimited'}, not a few MB; start it with --maxmemory 4mb (docker-compose.yml: redis-eviction)`);
  }
  return { kind: 'small-redis', owned: false, source: `Redis from ${variable} (${server.host}:${server.port})`, server, maxmemoryBytes };
}

/** A server that refuses a client without credentials and accepts the ones in the URL. */
export async function describeAuthRedis(variable: string, value: string, sharedRedisUrl: string | undefined): Promise<AuthRedisTopology> {
  const shown = value.replace(/:[^:@/]*@/, ':***@'); // never print the password
  const [server] = parseAddresses(variable, value, shown) as [Address];
  refuseShared(variable, shown, server, sharedRedisUrl);
  const url = new URL(value);
  const username = decodeURIComponent(url.username) || 'default';
  const password = decodeURIComponent(url.password);
  if (!password) throw new BadInputError(`${variable}=${shown} has no password; expected redis://user:password@host:port`);
  await reachable(variable, shown, server);
  const anonymous = await ask(server, ['PING']).then(() => 'answered', (e: Error) => e.message);
  if (anonymous === 'answered') throw new ServiceUnreachableError(variable, shown, 'it answers without a password, so it cannot show an authentication failure');
  await ask(server, ['PING'], { username, password }).catch((error: Error) => {
    throw new ServiceUnreachableError(variable, shown, `the credentials in it were refused (${error.message.split('\n')[0]})`);
  });
  return { kind: 'auth-redis', owned: false, source: `Redis from ${variable} (${server.host}:${server.port})`, server, users: [{ username, password, rules: 'as configured on that server' }] };
}
