// The course's own checks on useDedicatedRedis() and useAuthRedis(): a small Redis really
// evicts under its maxmemory, and a wrong password is a clear error, not a hang.
import { expect, it } from 'vitest';
import { useAuthRedis, useDedicatedRedis } from './use-dedicated-redis.js';

const small = useDedicatedRedis('selftest', { maxmemory: '2mb' });
const secured = useAuthRedis('selftest');

it('the small Redis evicts under its maxmemory once a policy allows it', { timeout: 20_000 }, async () => {
  expect(small.maxmemoryBytes).toBe(2 * 1024 * 1024);
  const redis = small.client();
  await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
  const value = 'x'.repeat(10_000);
  const pipeline = redis.pipeline();
  for (let i = 0; i < 400; i += 1) pipeline.set(small.key(`k${i}`), value, 'EX', 60); // ~4 MB into 2 MB
  await pipeline.exec();
  expect(Number(await small.info('stats', 'evicted_keys'))).toBeGreaterThan(0);
  expect((await small.keys()).length).toBeLessThan(400);
});

it('a wrong password, or none, is refused at once with WRONGPASS or NOAUTH; the right one works', { timeout: 10_000 }, async () => {
  const [admin, app] = secured.users;
  const started = Date.now();
  await expect(secured.client({ username: 'default', password: 'wrong' }).ping()).rejects.toThrow(/WRONGPASS/);
  await expect(secured.client(null).ping()).rejects.toThrow(/NOAUTH/);
  expect(Date.now() - started, 'a liveness bound: an error, not a hang').toBeLessThan(5_000);
  expect(await secured.client(admin).ping()).toBe('PONG');
  const limited = secured.client(app);
  await limited.set(secured.key('ok'), '1', 'EX', 60);
  await expect(limited.set('outside-course', '1')).rejects.toThrow(/NOPERM/);
});
