// Run: npx tsx examples/cluster/demo.ts
// Slots are computed locally, so this part works on a standalone Redis. With
// REDIS_CLUSTER_URL set (e.g. redis://127.0.0.1:7000, a one-node cluster is enough), it
// also shows which multi-key commands the cluster refuses.
import { isMain, runExample } from '../lib/example-redis.js';
import { createClusterClient } from './cluster-client.js';
import { cartKeys, mgetAcrossSlots } from './cluster-keys.js';
import { hashedPart, keySlot } from './key-slot.js';

async function tryIt(label: string, run: () => Promise<unknown>): Promise<void> {
  try {
    console.log(`${label.padEnd(27)} ->`, JSON.stringify(await run()));
  } catch (err) {
    console.log(`${label.padEnd(27)} -> ${(err as Error).message}`);
  }
}

async function onCluster(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const cluster = createClusterClient([{ host: hostname, port: Number(port) }]);
  const p = `examples:cluster:${process.pid}:`;
  const a = `${p}product:1`;
  const b = `${p}product:3`;
  const cart = cartKeys(`${process.pid}`);
  try {
    await cluster.set(a, 'one', 'EX', 60);
    await cluster.set(b, 'three', 'EX', 60);
    await tryIt('MGET across slots', () => cluster.mget(a, b));
    await tryIt('MGET grouped by slot', () => mgetAcrossSlots(cluster, [a, b]));
    await tryIt('MULTI across slots', () => cluster.multi().get(a).get(b).exec());
    await tryIt('Lua with keys in two slots', () =>
      cluster.eval("return redis.call('GET', KEYS[2])", 2, a, b),
    );
    await tryIt('MULTI on one hash tag', () =>
      cluster.multi().hset(cart.items, 'sku-1', '2').hset(cart.meta, 'currency', 'EUR')
        .expire(cart.items, 60).expire(cart.meta, 60).exec());
  } finally {
    await cluster.del(a).catch(() => 0);
    await cluster.del(b).catch(() => 0);
    await cluster.del(cart.items, cart.meta).catch(() => 0); // same slot: one DEL is fine
    await cluster.quit();
  }
}

if (isMain(import.meta.url)) {
  const samples = [
    'user:42',
    'cart:{user:123}:items',
    'cart:{user:123}:meta',
    'cart:{user:124}:items',
    'foo{}{bar}',
    'foo{bar}{zap}',
  ];
  for (const key of samples) {
    console.log(`${key.padEnd(24)} hashes "${hashedPart(key)}" -> slot ${keySlot(key)}`);
  }

  await runExample('cluster', async (redis, prefix) => {
    const keys = ['product:1', 'product:2', 'product:3'].map((k) => `${prefix}${k}`);
    await redis.set(keys[0]!, 'one', 'EX', 60);
    await redis.set(keys[2]!, 'three', 'EX', 60);
    const values = await mgetAcrossSlots(redis, keys);
    console.log('standalone, slots:', keys.map(keySlot), '->', values);
  });

  const clusterUrl = process.env.REDIS_CLUSTER_URL;
  if (clusterUrl) await onCluster(clusterUrl);
  else console.log('Set REDIS_CLUSTER_URL to see CROSSSLOT errors from a real cluster.');
}
