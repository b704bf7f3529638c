// The course's own checks on the server broker: it starts a topology only when asked, once
// for every file that shares it, gives exclusive users their own, never steers what it did
// not start, and leaves no process and no file behind, even when the run is killed.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../labs.js';
import { BrokerClient } from './broker-client.js';
import { CourseError } from './errors.js';
import { findTopology } from './find-topology.js';
import { pollUntil } from './poll.js';
import { isAlive } from './redis-process.js';
import { ServerBroker } from './server-broker.js';
import type { Address } from './topology.js';

const everythingGone = (status: { pids: number[]; dir: string | undefined }) =>
  pollUntil('every started server and its folder to be gone', async () => {
    const alive = status.pids.filter(isAlive);
    if (alive.length > 0) return { not: `pids ${alive.join(', ')} still running` };
    return status.dir && existsSync(status.dir) ? { not: `${status.dir} still exists` } : true;
  }, { timeoutMs: 10_000 });

/** Ends a broker's run and waits until everything it started is gone. */
async function stopAndExpectGone(broker: ServerBroker, client: BrokerClient): Promise<void> {
  const status = await client.status();
  await broker.stop();
  await everythingGone(status);
}

async function ask(server: Address, options: { password?: string } = {}, ...command: string[]): Promise<unknown> {
  const client = new Redis({ ...server, ...options, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    return await client.call(command[0]!, ...command.slice(1));
  } finally {
    client.disconnect();
  }
}

describe('the server broker', () => {
  it('starts nothing until asked, one shared server for concurrent requests, an own one per exclusive user, and removes all at teardown', { timeout: 40_000 }, async () => {
    const announced: string[] = [];
    const broker = await ServerBroker.start({ announce: (line) => announced.push(line) });
    const client = new BrokerClient(broker.url);
    try {
      expect(await client.status()).toEqual({ started: { cluster: 0, sentinel: 0, 'small-redis': 0, 'auth-redis': 0 }, pids: [], runs: 0 });

      const [a, b] = await Promise.all([client.acquire('auth-redis'), client.acquire('auth-redis')]);
      expect(b.topology.server).toEqual(a.topology.server);
      expect((await client.status()).started).toEqual({ cluster: 0, sentinel: 0, 'small-redis': 0, 'auth-redis': 1 });
      await expect(client.control(a.lease, 'kill', a.topology.server)).rejects.toThrow(/shared topology.*exclusive: true/);

      const [s1, s2] = await Promise.all([client.acquire('small-redis'), client.acquire('small-redis')]);
      expect(s1.topology.server.port).not.toBe(s2.topology.server.port);
      await ask(s1.topology.server, {}, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
      await ask(s1.topology.server, {}, 'SET', 'course:left-behind', 'x');
      await client.release(s1.lease);
      const s3 = await client.acquire('small-redis', { maxmemory: '2mb' });
      expect(s3.topology.server, 'a released small Redis is reused, not started again').toEqual(s1.topology.server);
      expect(s3.topology.maxmemoryBytes).toBe(2 * 1024 * 1024);
      expect(await ask(s3.topology.server, {}, 'DBSIZE'), 'flushed when released').toBe(0);
      expect(await ask(s3.topology.server, {}, 'CONFIG', 'GET', 'maxmemory-policy'), 'settings put back').toEqual(['maxmemory-policy', 'noeviction']);
      expect((await client.status()).started['small-redis']).toBe(2);
      expect(announced).toHaveLength(2);
    } finally {
      await stopAndExpectGone(broker, client);
    }
  });

  it('starts what the run will ask for ahead of the ask: the shared one once, an exclusive one handed to the first exclusive request', { timeout: 30_000 }, async () => {
    const broker = await ServerBroker.start({ announce: () => {} });
    const client = new BrokerClient(broker.url);
    try {
      broker.prewarm([{ kind: 'auth-redis', exclusive: false }, { kind: 'small-redis', exclusive: true }]);
      await pollUntil('the prewarmed servers to start', async () => {
        const { started } = await client.status();
        return started['auth-redis'] === 1 && started['small-redis'] === 1 ? true : { not: JSON.stringify(started) };
      });
      const [shared, own] = await Promise.all([client.acquire('auth-redis'), client.acquire('small-redis')]);
      expect(await ask(own.topology.server, {}, 'PING')).toBe('PONG');
      expect(await ask(shared.topology.server, { password: shared.topology.users[0]!.password }, 'PING')).toBe('PONG');
      expect((await client.status()).started, 'the prewarmed servers were used, none started again').toMatchObject({ 'auth-redis': 1, 'small-redis': 1 });
    } finally {
      await stopAndExpectGone(broker, client);
    }
  });

  it('uses a server named in the environment as is: never stops it, never refuses the shared Redis quietly', { timeout: 30_000 }, async () => {
    const owner = await ServerBroker.start({ announce: () => {} });
    const { topology } = await new BrokerClient(owner.url).acquire('auth-redis');
    const [user] = topology.users;
    const { port } = topology.server;
    const named = await ServerBroker.start({ announce: () => {}, env: { ...process.env, REDIS_AUTH_URL: `redis://default:${user!.password}@127.0.0.1:${port}`, REDIS_EVICTION_URL: 'redis://127.0.0.1:6379' } });
    try {
      const client = new BrokerClient(named.url);
      const found = await client.acquire('auth-redis', { exclusive: true });
      expect(found.topology).toMatchObject({ owned: false, server: { port }, source: expect.stringContaining('REDIS_AUTH_URL') });
      await expect(client.control(found.lease, 'kill', found.topology.server)).rejects.toThrow(/only stops and restarts servers it started/);
      expect(await ask(topology.server, { password: user!.password }, 'PING')).toBe('PONG');
      await expect(client.acquire('small-redis')).rejects.toThrow(/REDIS_EVICTION_URL=redis:\/\/127\.0\.0\.1:6379 names the shared Redis/);
      await named.stop();
      expect(await ask(topology.server, { password: user!.password }, 'PING'), 'still running after the other broker ended').toBe('PONG');
    } finally {
      await named.stop().catch(() => {});
      await owner.stop();
    }
  });

  it('with no redis-server, nothing named and no compose service, says in one line how to get one', async () => {
    const error = await findTopology('cluster', { PATH: '/nonexistent' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CourseError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    for (const way of ['REDIS_CLUSTER_URL', 'docker compose up -d', 'redis-server']) expect(message).toContain(way);
  });

  it('a run killed with SIGKILL leaves no server and no folder behind', { timeout: 40_000 }, async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'harness/services/fixtures/server-until-killed.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the fixture exited (${code}) before starting its server`)));
    });
    const status = JSON.parse(line) as { pids: number[]; dir: string };
    expect(status.pids).toHaveLength(1);
    expect(existsSync(status.dir)).toBe(true);
    child.kill('SIGKILL');
    await everythingGone(status);
  });
});
