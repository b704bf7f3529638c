// The course's own checks on useSentinel(): three Sentinels fail a stopped primary over to
// its replica, and a client that asks the Sentinels follows.
import { expect, it } from 'vitest';
import { useSentinel } from './use-sentinel.js';

const sentinel = useSentinel('selftest', { exclusive: true });

it('after the primary is stopped the Sentinels report its replica as the new primary, and a Sentinel client follows', { timeout: 50_000 }, async () => {
  const redis = sentinel.client();
  const key = sentinel.key('greeting');
  await redis.set(key, 'hello', 'EX', 60);
  const before = await sentinel.primary();
  expect((await sentinel.servers()).map((s) => s.role).sort()).toEqual(['primary', 'replica']);
  await redis.wait(1, 2_000);

  await sentinel.stop(before);
  // A failover usually takes 2 to 4 s; an election the Sentinels split retries after twice
  // the failover-timeout, and verify runs this on two busy cores: one run took over 20 s.
  const after = await sentinel.waitForNewPrimary(before, 40_000);
  expect(after.port).not.toBe(before.port);
  expect(await redis.get(key)).toBe('hello');
  expect(await sentinel.servers()).toContainEqual({ ...before, role: 'down' });
});

it('after a disturbed test the old primary is back, as a replica of the new one', { timeout: 20_000 }, async () => {
  const servers = await sentinel.servers();
  expect(servers.map((s) => s.role).sort()).toEqual(['primary', 'replica']);
  expect(servers.find((s) => s.role === 'primary')).toMatchObject(await sentinel.primary());
});
