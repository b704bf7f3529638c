import { CourseError } from './errors.js';
import {
  describeAuthRedis,
  describeCluster,
  describeSentinels,
  describeSmallRedis,
  found,
  parseAddresses,
} from './external-topology.js';
import { firstLine } from './found-service.js';
import { onPath } from './guarded-process.js';
import { canConnect } from './probe.js';
import { startAuthRedis, startSmallRedis } from './start-dedicated.js';
import { SENTINEL_MASTER_NAME, startSentinelSet } from './start-sentinel.js';
import { startCluster } from './start-cluster.js';
import type { TopologyKind } from './topology.js';
import type { TopologyInstance } from './topology-instance.js';
import { describeCompose, COMPOSE } from './compose-topology.js';

/** Where a topology comes from: one found running (used as is), or a way to start one. */
export type TopologySource = { found: TopologyInstance } | { start: (root: string) => Promise<TopologyInstance> };

const NAMES: Record<TopologyKind, string> = {
  cluster: 'Redis Cluster',
  sentinel: 'Redis Sentinel set',
  'small-redis': 'small Redis (for eviction)',
  'auth-redis': 'Redis with a password',
};

const STARTERS: Record<TopologyKind, (root: string) => Promise<TopologyInstance>> = {
  cluster: startCluster,
  sentinel: startSentinelSet,
  'small-redis': startSmallRedis,
  'auth-redis': startAuthRedis,
};

/**
 * Finds a topology the way the course finds Redis and Postgres:
 * 1. named in the environment (it must answer):
 *      cluster      REDIS_CLUSTER_URL    one or more node addresses, comma-separated
 *      sentinel     REDIS_SENTINELS      Sentinel addresses, with REDIS_SENTINEL_MASTER (default course-primary)
 *      small-redis  REDIS_EVICTION_URL   a Redis of its own already started with a small maxmemory
 *      auth-redis   REDIS_AUTH_URL       redis://user:password@host:port of a Redis that requires it
 * 2. cluster and sentinel only: the services of the course's docker-compose.yml, recognised
 *    by their ports and by how they name themselves (never any server that happens to listen);
 * 3. redis-server on the PATH, started by the course on free ports;
 * 4. otherwise one line naming each way to get one.
 * Only a topology of the 3rd kind can be stopped, killed, flushed or reconfigured by the course.
 */
export async function findTopology(kind: TopologyKind, env: NodeJS.ProcessEnv, sharedRedisUrl?: string): Promise<TopologySource> {
  const tried: string[] = [];
  const fromEnv = await fromEnvironment(kind, env, sharedRedisUrl);
  if (fromEnv) return { found: found(fromEnv) };
  tried.push(`${VARIABLES[kind]} not set`);

  const compose = COMPOSE[kind];
  if (compose) {
    const [first] = compose.ports;
    if (await canConnect('127.0.0.1', first!)) {
      const described = await describeCompose(kind).catch((error: unknown) => (tried.push(`127.0.0.1:${first}: ${firstLine(error)}`), undefined));
      if (described) return { found: found(described) };
    } else {
      tried.push(`no docker compose service on 127.0.0.1:${first}`);
    }
  }

  if (onPath('redis-server', env)) return { start: STARTERS[kind] };
  tried.push('redis-server not on PATH');
  throw new CourseError('E_TOPOLOGY_NOT_FOUND', `No ${NAMES[kind]} for this lab (tried: ${tried.join('; ')}). ${remedies(kind).join(' Or ')}`);
}

const VARIABLES: Record<TopologyKind, string> = {
  cluster: 'REDIS_CLUSTER_URL',
  sentinel: 'REDIS_SENTINELS',
  'small-redis': 'REDIS_EVICTION_URL',
  'auth-redis': 'REDIS_AUTH_URL',
};

async function fromEnvironment(kind: TopologyKind, env: NodeJS.ProcessEnv, shared: string | undefined) {
  const variable = VARIABLES[kind];
  const value = env[variable];
  if (!value) return undefined;
  switch (kind) {
    case 'cluster':
      return describeCluster(variable, value, parseAddresses(variable, value), `Redis Cluster from ${variable} (${value})`);
    case 'sentinel': {
      const master = env.REDIS_SENTINEL_MASTER || SENTINEL_MASTER_NAME;
      return describeSentinels(variable, value, parseAddresses(variable, value), master, `Sentinels from ${variable} (${value}, primary "${master}")`, shared);
    }
    case 'small-redis':
      return describeSmallRedis(variable, value, shared);
    case 'auth-redis':
      return describeAuthRedis(variable, value, shared);
  }
}

function remedies(kind: TopologyKind): string[] {
  const install = 'install Redis 7 (`brew install redis`, `sudo apt-get install redis-server`) so `redis-server` is on your PATH and the course starts what it needs.';
  switch (kind) {
    case 'cluster':
      return [install, 'run `docker compose up -d` in the course folder (service redis-cluster, 127.0.0.1:7101-7106).', 'set REDIS_CLUSTER_URL=redis://host:port to a node of a cluster you already have.'];
    case 'sentinel':
      return [install, 'run `docker compose up -d` in the course folder (service redis-sentinel, Sentinels on 127.0.0.1:26401-26403).', 'set REDIS_SENTINELS=host:port,host:port,host:port and REDIS_SENTINEL_MASTER=name.'];
    case 'small-redis':
      return [install, 'run `docker compose up -d redis-eviction` and set REDIS_EVICTION_URL=redis://127.0.0.1:6390.'];
    case 'auth-redis':
      return [install, 'run `docker compose up -d redis-auth` and set REDIS_AUTH_URL=redis://default:course-secret@127.0.0.1:6391.'];
  }
}
