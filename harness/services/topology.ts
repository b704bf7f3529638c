/**
 * The Redis topologies a lab can ask the server broker for (server-broker.ts), as the
 * broker describes them to a test file: plain JSON, addresses and credentials only.
 *
 *   cluster      three primaries, each with one replica (Redis Cluster)
 *   sentinel     a primary, a replica and three Sentinels watching them
 *   small-redis  a Redis of the file's own with a small maxmemory, for eviction
 *   auth-redis   a Redis that requires a password, with ACL users
 */
export type TopologyKind = 'cluster' | 'sentinel' | 'small-redis' | 'auth-redis';

export const TOPOLOGY_KINDS: readonly TopologyKind[] = ['cluster', 'sentinel', 'small-redis', 'auth-redis'];

/** A topology the run's test files will ask for, and how: the broker starts it ahead. */
export interface TopologyNeed {
  kind: TopologyKind;
  exclusive: boolean;
}

export interface Address {
  host: string;
  port: number;
}

interface Described {
  /**
   * True when the course started these servers in this run: only then may a suite stop,
   * kill or restart them, and only then does the broker flush and reset them.
   */
  owned: boolean;
  /** One phrase for the "using ..." line, e.g. "6 redis-server processes started by the course". */
  source: string;
}

export interface ClusterTopology extends Described {
  kind: 'cluster';
  /** Every node's client address; any of them works as a startup node. */
  nodes: Address[];
}

export interface SentinelTopology extends Described {
  kind: 'sentinel';
  /** The name the Sentinels know the primary by (SENTINEL GET-MASTER-ADDR-BY-NAME). */
  masterName: string;
  sentinels: Address[];
  /** The data servers (primary and replica, in no particular role order). */
  servers: Address[];
}

export interface SmallRedisTopology extends Described {
  kind: 'small-redis';
  server: Address;
  /** The server's maxmemory in bytes, as it was when the file got it. */
  maxmemoryBytes: number;
}

export interface RedisUser {
  username: string;
  password: string;
  /** The user's ACL rules, as ACL SETUSER takes them, e.g. "~course:* +@read". */
  rules: string;
}

export interface AuthRedisTopology extends Described {
  kind: 'auth-redis';
  server: Address;
  /** Users that can log in; the first has every permission. */
  users: RedisUser[];
}

export type Topology = ClusterTopology | SentinelTopology | SmallRedisTopology | AuthRedisTopology;

export type TopologyOf<K extends TopologyKind> = Extract<Topology, { kind: K }>;

/** What a file may ask for besides the kind. */
export interface AcquireOptions {
  /**
   * The file gets the topology to itself: no other file uses it until this one releases
   * it. Required to stop, kill or restart a server or to move slots; a course-started
   * topology is then one of its own, reset (flushed, restarted) when released.
   */
  exclusive?: boolean;
  /** small-redis only: the maxmemory to apply, e.g. "4mb" (default 4mb). */
  maxmemory?: string;
}

/** What a file can do to one server of an exclusive, course-started topology. */
export type ControlAction = 'stop' | 'kill' | 'restart' | 'heal';
