import { Redis } from 'ioredis';
import type { FoundService } from './found-service.js';
import { findService, type ServiceSearch } from './find-service.js';
import { onPath, startGuarded } from './guarded-process.js';
import { freePort, waitForPort } from './ports.js';

/** Finds a Redis: REDIS_URL, then REDIS_HOST:REDIS_PORT (default 127.0.0.1:6379), Docker, redis-server. */
export function findRedis(env: NodeJS.ProcessEnv = process.env): Promise<FoundService> {
  return findService(redisSearch(env), env.REDIS_URL, env);
}

export function redisSearch(env: NodeJS.ProcessEnv): ServiceSearch {
  const host = env.REDIS_HOST ?? '127.0.0.1';
  const port = Number(env.REDIS_PORT ?? 6379);
  const setBy = [env.REDIS_HOST && 'REDIS_HOST', env.REDIS_PORT && 'REDIS_PORT'].filter(Boolean).join(', ');
  return {
      name: 'Redis',
      variable: 'REDIS_URL',
      protocols: ['redis:', 'rediss:'],
      local: { host, port, url: `redis://${host}:${port}`, ...(setBy ? { setBy } : {}) },
      check: ping,
      docker: async () => {
        const { RedisContainer } = await import('@testcontainers/redis');
        const container = await new RedisContainer('redis:7-alpine').start();
        return {
          url: container.getConnectionUrl(),
          source: 'Redis started in Docker (testcontainers)',
          stop: async () => void (await container.stop()),
        };
      },
      embedded: () => startRedisServer(env),
      embeddedLabel: 'redis-server on PATH',
      embeddedAvailable: () => onPath('redis-server', env),
      remedies: (where) => [
        env.REDIS_PORT || env.REDIS_HOST
          ? `Start Redis on ${where}, or unset REDIS_HOST/REDIS_PORT and run \`docker compose up -d\` in the course folder (it serves 127.0.0.1:6379).`
          : 'Run `docker compose up -d` in the course folder (then `npm test` finds it on 127.0.0.1:6379).',
        'install Redis 7 (`brew install redis`, `sudo apt-get install redis-server`) so `redis-server` is on your PATH.',
        'set REDIS_URL=redis://host:port to a Redis you already have.',
      ],
  };
}

async function ping(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on('error', () => {}); // the rejected promise carries the error
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Starts the redis-server on the PATH on a free port, keeping nothing on disk; it dies with this process. */
async function startRedisServer(env: NodeJS.ProcessEnv): Promise<FoundService> {
  const port = await freePort();
  const server = startGuarded('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], env);
  await waitForPort(port, 3000, server.failed);
  return {
    url: `redis://127.0.0.1:${port}`,
    source: `redis-server started by the course on 127.0.0.1:${port}`,
    stop: () => server.stop(),
  };
}
