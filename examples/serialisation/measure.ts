// Measures what serialisation costs for one large payload, and what a key costs in
// memory.
// Run: npx tsx examples/serialisation/measure.ts
import { serialize } from 'node:v8';
import type { Redis } from 'ioredis';
import { isMain, runExample } from '../lib/example-redis.js';
import { jsonRoundTrip, lossyExample, pack, taggedJson, unpack } from './codecs.js';

function catalog(items: number) {
  return Array.from({ length: items }, (_, i) => ({
    id: i,
    sku: `SKU-${String(i).padStart(6, '0')}`,
    name: `Product number ${i}`,
    category: ['kitchen', 'garden', 'office'][i % 3],
    priceCents: 1000 + (i % 97) * 13,
    inStock: i % 7 !== 0,
    updatedAt: new Date(Date.UTC(2025, 0, 1 + (i % 28))),
  }));
}

function timed<T>(label: string, fn: () => T): T {
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`${label.padEnd(28)} ${ms.toFixed(2)} ms`);
  return result;
}

// #region memory-usage
/** MEMORY USAGE counts the key's name, the value and Redis's own bookkeeping. */
export async function keyCost(redis: Redis, key: string): Promise<number> {
  return Number(await redis.call('MEMORY', 'USAGE', key));
}
// #endregion memory-usage

if (isMain(import.meta.url)) {
  const { totalCents, ...withoutBigInt } = lossyExample;
  console.log('plain JSON round trip:', jsonRoundTrip(withoutBigInt));
  try {
    JSON.stringify(lossyExample);
  } catch (err) {
    console.log('plain JSON with a BigInt:', (err as Error).message);
  }
  const back = taggedJson.decode<typeof lossyExample>(taggedJson.encode(lossyExample));
  console.log(
    'tagged JSON round trip:',
    back,
    back.createdAt instanceof Date,
    typeof back.totalCents,
    totalCents,
  );

  const big = catalog(20_000);
  const json = timed('JSON.stringify (20k items)', () => JSON.stringify(big));
  timed('JSON.parse', () => JSON.parse(json));
  const v8 = timed('v8.serialize', () => serialize(big));
  const packStart = process.hrtime.bigint();
  const packed = await pack(json);
  const packMs = Number(process.hrtime.bigint() - packStart) / 1e6;
  console.log(`${'brotli (quality 4)'.padEnd(28)} ${packMs.toFixed(2)} ms`);
  console.log(
    `sizes: JSON ${json.length} B, v8 ${v8.length} B, brotli(JSON) ${packed.length} B`,
  );
  console.log('brotli round trip intact:', (await unpack(packed)) === json);

  await runExample('serialisation', async (redis, p) => {
    await redis.set(`${p}c:1`, 'x', 'EX', 60);
    const longKey = `${p}${'catalog:product:details:by-identifier:'.repeat(5)}1`;
    await redis.set(longKey, 'x', 'EX', 60);
    await redis.set(`${p}catalog:json`, json, 'EX', 60);
    await redis.set(`${p}catalog:brotli`, packed, 'EX', 60);
    console.log('short key, 1-byte value:', await keyCost(redis, `${p}c:1`), 'B');
    console.log('long key, same value:   ', await keyCost(redis, longKey), 'B');
    const jsonCost = await keyCost(redis, `${p}catalog:json`);
    console.log('catalog as JSON:        ', jsonCost, 'B');
    const brotliCost = await keyCost(redis, `${p}catalog:brotli`);
    console.log('catalog brotli-packed:  ', brotliCost, 'B');
    const raw = await redis.getBuffer(`${p}catalog:brotli`);
    const intact = raw !== null && (await unpack(raw)).length === json.length;
    console.log('read back and unpacked:', intact);
  });
}
