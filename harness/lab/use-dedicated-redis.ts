import { Redis, type RedisOptions } from 'ioredis';
import type { Address, RedisUser } from '../services/topology.js';
import { LabTopology } from './lab-topology.js';

/**
 * A Redis of the file's own with a small maxmemory (default 4mb), so eviction is real: the
 * code under test may CONFIG SET its maxmemory-policy there (never on the shared Redis).
 * No other file uses it while this one holds it; released, it is flushed and every
 * setting put back. `maxmemoryBytes` is what the server really has (a server named by
 * REDIS_EVICTION_URL keeps its own).
 *
 *   const small = useDedicatedRedis('08', { maxmemory: '4mb' });
 *   it('08.3 allkeys-lru evicts the coldest keys', async () => {
 *     const redis = small.client();
 *     await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
 *     for (let i = 0; i < 2000; i++) await redis.set(small.key(`k${i}`), 'x'.repeat(4096), 'EX', 60);
 *     expect(Number(await small.info('stats', 'evicted_keys'))).toBeGreaterThan(0);
 *   });
 */
export function useDedicatedRedis(area: string, options: { maxmemory?: string } = {}): LabDedicatedRedis {
  return LabTopology.hooks((broker, prefix) => new LabDedicatedRedis(broker, 'small-redis', prefix, options), area);
}

export class LabDedicatedRedis extends LabTopology<'small-redis'> {
  get server(): Address {
    return this.topology.server;
  }

  get maxmemoryBytes(): number {
    return this.topology.maxmemoryBytes;
  }

  /** A fresh connection, as a process of the application would hold one. */
  client(options: RedisOptions = {}): Redis {
    return this.track(new Redis({ ...this.server, ...options }));
  }

  /** One field of INFO (e.g. info('stats', 'evicted_keys')), or the whole section. */
  async info(section: string, field?: string): Promise<string | undefined> {
    const text = (await this.inspector.call(this.server, 'INFO', section)) as string;
    return field === undefined ? text : new RegExp(`^${field}:(.*)$`, 'm').exec(text)?.[1]?.trim();
  }

  protected async primaries(): Promise<Address[]> {
    return [this.server];
  }
}

/**
 * A Redis that requires a password, shared by the files that ask: `users[0]` is the
 * default user (requirepass, every permission); on a course-started server `users[1]` is
 * "app", an ACL user limited to keys under `course:` and to reading and writing data.
 *
 *   const secured = useAuthRedis('13');
 *   it('13.6 a wrong password fails fast and says so', async () => {
 *     const redis = secured.client({ username: 'default', password: 'wrong' });
 *     await expect(redis.ping()).rejects.toThrow(/WRONGPASS/);
 *   });
 */
export function useAuthRedis(area: string): LabAuthRedis {
  return LabTopology.hooks((broker, prefix) => new LabAuthRedis(broker, 'auth-redis', prefix, {}), area);
}

export class LabAuthRedis extends LabTopology<'auth-redis'> {
  get server(): Address {
    return this.topology.server;
  }

  get users(): RedisUser[] {
    return this.topology.users;
  }

  /** A connection logging in as `user` (default: the first user); `null` logs in as nobody. */
  client(user: Pick<RedisUser, 'username' | 'password'> | null = this.users[0]!, options: RedisOptions = {}): Redis {
    const credentials = user ? { username: user.username, password: user.password } : {};
    return this.track(new Redis({ ...this.server, ...credentials, ...options }));
  }

  protected override inspectorOptions(): { username?: string; password?: string } {
    const [admin] = this.users;
    return admin ? { username: admin.username, password: admin.password } : {};
  }

  protected async primaries(): Promise<Address[]> {
    return [this.server];
  }
}
