// The course's own checks on useCluster(): a whole cluster of three primaries and three
// replicas, served through ioredis's Cluster client, whose killed primary is replaced.
import { expect, it } from 'vitest';
import { useCluster } from './use-cluster.js';

const cluster = useCluster('selftest', { exclusive: true });

it('the cluster has 3 primaries each with 1 replica, every node reports cluster_state:ok, and serves keys through ioredis Cluster', { timeout: 20_000 }, async () => {
  const nodes = await cluster.nodes();
  const primaries = nodes.filter((node) => node.role === 'primary');
  expect(primaries).toHaveLength(3);
  for (const primary of primaries) expect(await cluster.replicasOf(primary)).toHaveLength(1);
  await cluster.waitForOk();

  const redis = cluster.client();
  const keys = ['{user:1}:name', '{user:2}:name', '{user:3}:name', 'a', 'b', 'c'].map((name) => cluster.key(name));
  for (const key of keys) await redis.set(key, key, 'EX', 60);
  expect(await Promise.all(keys.map((key) => redis.get(key)))).toEqual(keys);
  const served = new Set(await Promise.all(keys.map(async (key) => (await cluster.primaryOf(key)).port)));
  expect(served.size, 'keys spread over more than one primary').toBeGreaterThan(1);
  expect((await cluster.keys()).map((k) => k.key).sort()).toEqual([...keys].sort());
});

it('killing a primary promotes its replica, which serves the same keys', { timeout: 40_000 }, async () => {
  const key = cluster.key('{order:7}:total');
  const former = await cluster.primaryOf(key);
  const [replica] = await cluster.replicasOf(former);
  const direct = cluster.node(former);
  await direct.set(key, '42', 'EX', 60);
  expect(await direct.wait(1, 2_000), 'the replica has the write before its primary dies').toBe(1);
  await cluster.kill(former);
  const promoted = await cluster.waitForNewPrimary(former);
  expect(promoted.id).toBe(replica!.id);
  expect(await cluster.client().get(key)).toBe('42');
});

it('after a disturbed test the cluster is whole again, and the file\'s keys are gone', { timeout: 20_000 }, async () => {
  const nodes = await cluster.nodes();
  expect(nodes.filter((node) => node.role === 'primary')).toHaveLength(3);
  expect(nodes.filter((node) => node.role === 'replica')).toHaveLength(3);
  expect(await cluster.keys()).toEqual([]);
});
