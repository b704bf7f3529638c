// Lab 08 checks, part 2: round trips, atomic steps and the shape of what is stored.
// Run: npm test labs/08-redis-as-a-cache
// Round trips are counted by the server (INFO total_reads_processed: the small Redis is
// this file's alone), and the steps the code ran are read with MONITOR.
import { beforeEach, describe, expect, it } from 'vitest';
import { useDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { connections, expectProductTtl, LESSON, product, products, roundTripsDuring, shown, stepsDuring } from './cache.support.js';
import { categoryKey, MAX_VALUE_BYTES, productKey, type Product } from './src/contract.js';
import { cacheCategory, updateProduct } from './src/categories.js';
import { readProducts, writeProducts } from './src/products.js';
import { SCRIPT_CALLS } from '../../harness/lab/monitor.js';

const small = useDedicatedRedis('08', { maxmemory: '4mb' });
const BATCH = 200;
const MAX_ROUND_TRIPS = 3;
const ROUND_TRIP_IDEA = `Each command sent on its own costs a network round trip; a batch goes in one: MGET for reads, a pipeline (or MULTI) for writes (${LESSON}, "Fewer round trips, atomic steps").`;
const HASH_IDEA = `Keep a collection as a hash, one field per member: one member changes with one HSET, no value grows with the collection, and nothing else is read or sent again (${LESSON}, "The structures you will use").`;

beforeEach(async () => {
  const { admin } = await connections(small);
  await admin.config('SET', 'maxmemory-policy', 'allkeys-lru'); // these checks never fill it
});

async function categoryHolds(categoryId: number): Promise<Map<number, Product>> {
  const { admin } = await connections(small);
  const key = categoryKey(small.prefix, categoryId);
  const type = await admin.type(key);
  expect(['hash', 'none'], `${key} is a ${type}.\n${HASH_IDEA}`).toContain(type);
  const fields = await admin.hgetall(key);
  return new Map(Object.entries(fields).map(([id, json]) => [Number(id), JSON.parse(json) as Product]));
}

describe('lab 08: batches', () => {
  it('08.5 readProducts returns each id\'s product in order, null for a miss, [] for no ids', async () => {
    const { code } = await connections(small);
    await writeProducts(code, [product(1), product(3), product(5)]);
    const idea = `A batch read answers each id in its place: the N-th answer is the N-th id's product or null (MGET replies in the order of its keys). An empty batch is [] (MGET refuses to run without a key) (${LESSON}, "Fewer round trips, atomic steps").`;
    const ids = [3, 99, 1, 3, 5, 100];
    const expected = [product(3), null, product(1), product(3), product(5), null];
    expect(await readProducts(code, ids), `readProducts([${ids.join(', ')}]) with products 1, 3 and 5 cached.\n${idea}`).toEqual(expected);
    const empty = await readProducts(code, []).catch((error: unknown) => `rejected: ${String(error)}`);
    expect(empty, `readProducts([]) ${JSON.stringify(empty)}.\n${idea}`).toEqual([]);
  });

  it(`08.6 writeProducts caches ${BATCH} products in at most ${MAX_ROUND_TRIPS} round trips`, async () => {
    const { code } = await connections(small);
    const trips = await roundTripsDuring(small, () => writeProducts(code, products(1, BATCH)));
    expect(trips, `The server read ${trips} requests while writeProducts cached ${BATCH} products; expected at most ${MAX_ROUND_TRIPS}.\n${ROUND_TRIP_IDEA}`).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    expect((await small.keys()).length, `writeProducts should cache all ${BATCH} products.`).toBe(BATCH);
  });

  it(`08.7 readProducts reads ${BATCH} products in at most ${MAX_ROUND_TRIPS} round trips`, async () => {
    const { code, admin } = await connections(small);
    const cached = products(1, BATCH);
    const pipeline = admin.pipeline();
    for (const p of cached) pipeline.set(productKey(small.prefix, p.id), JSON.stringify(p), 'EX', 600);
    await pipeline.exec();
    let read: (Product | null)[] = [];
    const trips = await roundTripsDuring(small, async () => (read = await readProducts(code, cached.map((p) => p.id))));
    expect(trips, `The server read ${trips} requests while readProducts fetched ${BATCH} products; expected at most ${MAX_ROUND_TRIPS}.\n${ROUND_TRIP_IDEA}`).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
    expect(read, `readProducts should return all ${BATCH} cached products, in order.`).toEqual(cached);
  });
});

describe('lab 08: collections', () => {
  it('08.8 cacheCategory stores a hash, one field per product, no value above MAX_VALUE_BYTES, with its TTL in the same step', async () => {
    const { code } = await connections(small);
    const members = products(1, 40);
    const steps = await stepsDuring(small, () => cacheCategory(code, 7, members));
    const held = await categoryHolds(7);
    expect([...held.values()].sort((a, b) => a.id - b.id), `The hash should hold each product under its id, as JSON.\n${HASH_IDEA}`).toEqual(members);
    for (const state of await small.keys()) {
      const { admin } = await connections(small);
      const sizes = (await admin.type(state.key)) === 'hash' ? (await admin.hvals(state.key)).map((v) => Buffer.byteLength(v)) : [await admin.strlen(state.key)];
      const largest = Math.max(...sizes);
      expect(largest, `${state.key} holds a value of ${largest} bytes; expected none above MAX_VALUE_BYTES (${MAX_VALUE_BYTES}).\n${HASH_IDEA}`).toBeLessThanOrEqual(MAX_VALUE_BYTES);
      expectProductTtl(state.key, state.pttlMs, `A cached category lives PRODUCT_TTL_SECONDS, like its products.`);
    }
    const key = categoryKey(small.prefix, 7);
    for (const step of steps.filter((s) => s.commands.some((c) => /^HM?SET$/.test(c.name) && c.args[0] === key))) {
      const expires = step.atomic && step.commands.some((c) => /^P?EXPIRE(AT)?$/.test(c.name) && c.args[0] === key);
      expect(expires, `The server ran ${step.commands.map(shown).join('; ')}: the hash was written with no expiry in the same step. HSET cannot take a TTL; put HSET and EXPIRE in one MULTI (or one script), or a failure in between leaves a category that never expires (${LESSON}, "Fewer round trips, atomic steps").`).toBe(true);
    }
  });

  it('08.9 updateProduct changes the product and its one field in the category, and sends nothing else of the category', async () => {
    const { code } = await connections(small);
    const members = products(1, 40);
    await cacheCategory(code, 7, members);
    const renamed = { ...product(5), name: 'Renamed lamp', priceCents: 4321 };
    const steps = await stepsDuring(small, () => updateProduct(code, 7, renamed));
    const held = await categoryHolds(7);
    const expected = new Map(members.map((p) => [p.id, p.id === 5 ? renamed : p]));
    expect(held, `After updateProduct(7, product 5), the category should hold product 5's new version and the other 39 as they were.\n${HASH_IDEA}`).toEqual(expected);
    const { admin } = await connections(small);
    const stored = await admin.get(productKey(small.prefix, 5));
    expect(stored && JSON.parse(stored), 'updateProduct should cache the new version under productKey too.').toEqual(renamed);
    for (const { key, pttlMs } of await small.keys()) expectProductTtl(key, pttlMs, 'A product key written by updateProduct carries PRODUCT_TTL_SECONDS; the category keeps its TTL.');
    const sent = steps.flatMap((s) => s.commands).filter((c) => c.source !== 'lua');
    const bytes = sent.reduce((sum, c) => sum + (SCRIPT_CALLS.has(c.name) ? c.args.slice(1) : c.args).reduce((n, a) => n + Buffer.byteLength(a), 0), 0);
    expect(bytes, `To change one product the server was sent ${bytes} bytes of arguments (${sent.map(shown).join('; ')}); expected at most MAX_VALUE_BYTES (${MAX_VALUE_BYTES}), script sources aside: rewriting the category sends all of its members.\n${HASH_IDEA}`).toBeLessThanOrEqual(MAX_VALUE_BYTES);
  });

  it('08.10 updateProduct writes both copies in one atomic step (MULTI or a script), as the server ran it', async () => {
    const { code } = await connections(small);
    await cacheCategory(code, 7, products(1, 10));
    const steps = await stepsDuring(small, () => updateProduct(code, 7, { ...product(5), name: 'Renamed lamp' }));
    const writing = steps.filter((s) => s.commands.some((c) => /^(SET|SETEX|HM?SET|MSET|EVAL|EVALSHA|FCALL)$/.test(c.name)));
    const idea = `A reader between the two writes would find the product's new version in one key and its old one in the category. Run them as one step: MULTI/EXEC, or a script, which the server runs with nothing in between (${LESSON}, "Fewer round trips, atomic steps").`;
    expect(writing.length === 1 && writing[0]!.atomic, `The server ran the update as ${writing.length} step(s): ${writing.map((s) => s.commands.map(shown).join('; ')).join(' | ')}.\n${idea}`).toBe(true);
  });

  it('08.11 updateProduct on a category that is not cached caches the product and leaves the category absent', async () => {
    const { code, admin } = await connections(small);
    await updateProduct(code, 8, product(5));
    const type = await admin.type(categoryKey(small.prefix, 8));
    expect(type, `After updateProduct(8, ...) with category 8 not cached, ${categoryKey(small.prefix, 8)} is a ${type}; expected no key. A category holding one product would be served as the whole category until it expires. Write the field only if the hash exists, in the same atomic step (${LESSON}, "Fewer round trips, atomic steps").`).toBe('none');
    expect(await admin.get(productKey(small.prefix, 5)), 'The product key should still be cached.').toBe(JSON.stringify(product(5)));
  });

  it('08.12 cacheCategory replaces the whole category: members left out are gone; an empty one is not cached', async () => {
    const { code } = await connections(small);
    await cacheCategory(code, 7, products(1, 5));
    const now = [1, 2, 3].map((id) => product(id, 120, `New ${id}`));
    await cacheCategory(code, 7, now);
    const held = await categoryHolds(7);
    expect(held, `After cacheCategory(7, [1, 2, 3]) over [1..5], the hash holds ids ${[...held.keys()].join(', ')}. Delete the old hash in the same MULTI, or members removed from the category stay cached (${LESSON}, "The structures you will use").`).toEqual(new Map(now.map((p) => [p.id, p])));
    const error = await cacheCategory(code, 7, []).then(() => undefined, (e: unknown) => e);
    expect(error, `cacheCategory(7, []) rejected with ${String(error)}: HSET needs a field; an empty category is simply not cached.`).toBeUndefined();
    expect((await categoryHolds(7)).size, 'After cacheCategory(7, []), the old members should be gone.').toBe(0);
  });
});
