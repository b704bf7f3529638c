// The course's own checks on how it finds servers: a wrong or dead address must produce
// one readable line quickly, never a hang or a stack trace.
import { describe, expect, inject, it } from 'vitest';
import { CourseError } from './errors.js';
import { findPostgres } from './find-postgres.js';
import { findRedis } from './find-redis.js';
import { canConnect, parseServiceUrl } from './probe.js';
import { resolveServices } from './resolve.js';
import type {} from '../vitest/provided-context.js';

async function failure(search: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = Date.now();
  const error = await search.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe('finding Redis and Postgres', () => {
  it('a server that accepted while this process stalled past the probe\'s timeout is found, not taken for dead', async () => {
    const { host, port } = parseServiceUrl('REDIS_URL', inject('services').redisUrl, ['redis:', 'rediss:']);
    const probe = canConnect(host, port, 50);
    const until = Date.now() + 300;
    while (Date.now() < until); // a busy machine, or vitest loading beside the probe
    expect(await probe).toBe(true);
  });

  it('a REDIS_URL where nothing listens fails within a second, naming the variable', async () => {
    const { error, ms } = await failure(findRedis({ REDIS_URL: 'redis://127.0.0.1:1' }));
    expect(error).toBeInstanceOf(CourseError);
    expect((error as Error).message).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:1 is set, but nothing answers at 127\.0\.0\.1:1/);
    expect(ms).toBeLessThan(1000);
  });

  it('a malformed URL is one line saying what a URL looks like', async () => {
    const { error } = await failure(findPostgres({ DATABASE_URL: 'localhost:5432' }));
    expect(error).toBeInstanceOf(CourseError);
    expect((error as Error).message).toMatch(/DATABASE_URL=localhost:5432 should start with postgres:\/\/ or postgresql:\/\//);
  });

  it('with no server, no Docker and no redis-server, one error lists what was tried and every way out, naming the port probed', async () => {
    const { error, ms } = await failure(findRedis({ REDIS_PORT: '1', PATH: '/nonexistent' }));
    expect(error).toBeInstanceOf(CourseError);
    const message = (error as Error).message;
    expect(message).toContain('nothing listening on 127.0.0.1:1 (REDIS_PORT)');
    expect(message).toContain('Start Redis on 127.0.0.1:1 (REDIS_PORT)');
    expect(message).toContain('docker compose up -d');
    expect(message).toContain('REDIS_URL=');
    expect(message.split('\n')).toHaveLength(1);
    expect(ms).toBeLessThan(2000);
  });

  it('two dead URLs are reported together, one line each, without starting anything', async () => {
    const { error, ms } = await failure(resolveServices({ REDIS_URL: 'redis://127.0.0.1:1', DATABASE_URL: 'postgres://u@127.0.0.1:2/db' }));
    expect(error).toBeInstanceOf(CourseError);
    expect((error as Error).message.split('\n')).toEqual([
      expect.stringMatching(/^REDIS_URL=.* nothing answers at 127\.0\.0\.1:1/),
      expect.stringMatching(/^DATABASE_URL=.* nothing answers at 127\.0\.0\.2|^DATABASE_URL=.* nothing answers at 127\.0\.0\.1:2/),
    ]);
    expect(ms).toBeLessThan(2000);
  });
});
