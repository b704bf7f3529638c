import { randomBytes } from 'node:crypto';
import { localhost, NodeClients } from './node-clients.js';
import { RedisProcess } from './redis-process.js';
import type { Address, AuthRedisTopology, ControlAction, RedisUser, SmallRedisTopology } from './topology.js';
import { processOn, type TopologyInstance } from './topology-instance.js';

export const DEFAULT_SMALL_MAXMEMORY = '4mb';
const CACHE_CONFIG = ['save ""', 'appendonly no'];

/**
 * A Redis with a small maxmemory, for one file at a time: the file (its code under test)
 * may CONFIG SET its eviction policy, fill it and watch it evict. Released, it is flushed
 * and every setting the file changed is put back, so the next file finds it as new.
 */
export async function startSmallRedis(root: string): Promise<TopologyInstance<SmallRedisTopology>> {
  const started = Date.now();
  const server = await RedisProcess.start(root, {
    name: 'small-redis',
    config: () => [...CACHE_CONFIG, `maxmemory ${DEFAULT_SMALL_MAXMEMORY}`, 'maxmemory-policy noeviction'],
  });
  const address = localhost(server.port);
  const clients = new NodeClients();
  const original = await configSnapshot(clients, address);
  const describe = async (): Promise<SmallRedisTopology> => ({
    kind: 'small-redis',
    owned: true,
    source: `a small redis-server (maxmemory ${DEFAULT_SMALL_MAXMEMORY}) started by the course on 127.0.0.1:${server.port} (${Date.now() - started} ms)`,
    server: address,
    maxmemoryBytes: Number((await clients.call(address, 'CONFIG', 'GET', 'maxmemory') as string[])[1]),
  });
  return {
    topology: await describe(),
    pids: () => (server.pid ? [server.pid] : []),
    control: (action, port) => controlOne(server, action, port),
    prepare: async ({ maxmemory = DEFAULT_SMALL_MAXMEMORY }) => {
      await clients.call(address, 'CONFIG', 'SET', 'maxmemory', maxmemory);
      return describe();
    },
    reset: async () => {
      await server.launch();
      await clients.call(address, 'FLUSHALL');
      await restoreConfig(clients, address, original);
      await clients.call(address, 'CONFIG', 'RESETSTAT');
    },
    stop: async () => {
      clients.closeAll();
      await server.retire();
    },
  };
}

/**
 * A Redis that requires a password (requirepass for the default user) and has an ACL
 * user limited to keys under `course:` and to reading and writing data. Shared by every
 * file that asks; the passwords are new each run.
 */
export async function startAuthRedis(root: string): Promise<TopologyInstance<AuthRedisTopology>> {
  const started = Date.now();
  const password = () => randomBytes(12).toString('hex');
  const users: RedisUser[] = [
    { username: 'default', password: password(), rules: '~* &* +@all' },
    { username: 'app', password: password(), rules: '~course:* resetchannels -@all +@read +@write +@connection -@dangerous +info' },
  ];
  const [admin, app] = users as [RedisUser, RedisUser];
  const server = await RedisProcess.start(root, {
    name: 'auth-redis',
    config: () => [...CACHE_CONFIG, `requirepass ${admin.password}`, `user ${app.username} on >${app.password} ${app.rules}`],
  }).catch((error: unknown) => {
    throw new Error(String((error as Error).message).split(admin.password).join('***'));
  });
  const clients = new NodeClients({ password: admin.password });
  return {
    topology: {
      kind: 'auth-redis',
      owned: true,
      source: `a redis-server requiring a password (and ACL user "app") started by the course on 127.0.0.1:${server.port} (${Date.now() - started} ms)`,
      server: localhost(server.port),
      users,
    },
    pids: () => (server.pid ? [server.pid] : []),
    control: (action, port) => controlOne(server, action, port),
    // Kept between runs (kept-servers.ts), it is flushed when no run is left.
    reset: async () => {
      await server.launch();
      await clients.call(localhost(server.port), 'FLUSHALL');
    },
    stop: async () => {
      clients.closeAll();
      await server.retire();
    },
  };
}

/** Stops, kills or restarts the one server ('heal' restarts it if it is down). */
async function controlOne(server: RedisProcess, action: ControlAction, port: number): Promise<void> {
  if (action === 'heal') return server.launch();
  processOn([server], port);
  await (action === 'stop' ? server.stop() : action === 'kill' ? server.kill() : server.launch());
}

/** Every setting of the server, to put back what a file changed. */
export async function configSnapshot(clients: NodeClients, address: Address): Promise<Map<string, string>> {
  const flat = (await clients.call(address, 'CONFIG', 'GET', '*')) as string[];
  const settings = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) settings.set(flat[i]!, flat[i + 1]!);
  return settings;
}

async function restoreConfig(clients: NodeClients, address: Address, original: Map<string, string>): Promise<void> {
  const now = await configSnapshot(clients, address);
  for (const [name, value] of original) {
    if (now.get(name) !== value) await clients.call(address, 'CONFIG', 'SET', name, value).catch(() => {});
  }
}
