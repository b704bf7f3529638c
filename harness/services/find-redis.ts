import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { canConnect, parseServiceUrl } from './probe.js';
import { ServiceNotFoundError, ServiceUnreachableError } from './errors.js';
import { firstLine, nothingToStop, type FoundService } from './found-service.js';
import { freePort, waitForPort } from './ports.js';

const REMEDIES = [
  'Run `docker compose up -d` in the course folder (then `npm test` finds it on 127.0.0.1:6379).',
  'install Redis 7 (`brew install redis`, `sudo apt-get install redis-server`) so `redis-server` is on your PATH.',
  'set REDIS_URL=redis://host:port to a Redis you already have.',
];

/** Finds a Redis: REDIS_URL, the local default port, Docker, then a redis-server binary. */
export async function findRedis(env: NodeJS.ProcessEnv = process.env): Promise<FoundService> {
  if (env.REDIS_URL) {
    const url = env.REDIS_URL;
    const { host, port } = parseServiceUrl('REDIS_URL', url, ['redis:', 'rediss:']);
    if (!(await canConnect(host, port))) throw new ServiceUnreachableError('REDIS_URL', url, 'nothing answers there');
    await ping(url).catch((error: unknown) => {
      throw new ServiceUnreachableError('REDIS_URL', url, `it did not answer PING (${firstLine(error)})`);
    });
    return { url, source: 'Redis from REDIS_URL', stop: nothingToStop };
  }

  const tried: string[] = [];
  const host = env.REDIS_HOST ?? '127.0.0.1';
  const port = Number(env.REDIS_PORT ?? 6379);
  if (await canConnect(host, port)) {
    const url = `redis://${host}:${port}`;
    const answered = await ping(url).then(
      () => true,
      (error: unknown) => (tried.push(`${host}:${port} did not answer PING: ${firstLine(error)}`), false),
    );
    if (answered) return { url, source: `Redis already running on ${host}:${port}`, stop: nothingToStop };
  } else {
    tried.push(`nothing listening on ${host}:${port}`);
  }

  try {
    const { RedisContainer } = await import('@testcontainers/redis');
    const container = await new RedisContainer('redis:7-alpine').start();
    return {
      url: container.getConnectionUrl(),
      source: 'Redis started in Docker (testcontainers)',
      stop: async () => void (await container.stop()),
    };
  } catch (error) {
    tried.push(`Docker: ${firstLine(error)}`);
  }

  const started = await startRedisServer().catch((error: unknown) => {
    tried.push(`redis-server: ${firstLine(error)}`);
    return undefined;
  });
  if (started) return started;

  throw new ServiceNotFoundError('Redis', tried, REMEDIES);
}

async function ping(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // the rejected promise below carries the error
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Starts the redis-server on the PATH on a free port, keeping nothing on disk. */
async function startRedisServer(): Promise<FoundService> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const spawnFailed = new Promise<never>((_, reject) => child.once('error', reject));
  await Promise.race([waitForPort(port, 3000), spawnFailed]);
  return {
    url: `redis://127.0.0.1:${port}`,
    source: `redis-server started by the course on 127.0.0.1:${port}`,
    stop: async () => void child.kill(),
  };
}
