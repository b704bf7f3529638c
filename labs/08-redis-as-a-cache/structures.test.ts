// Lab 08 checks, part 2: round trips, atomic steps and the shape of what is stored.
// Run: npm test labs/08-redis-as-a-cache
// Round trips are counted at both ends (the server's INFO total_reads_processed, the small
// Redis being this file's alone, and the writes of the code's connection to its socket),
// and the steps the code ran are read with MONITOR.
import { isDeepStrictEqual } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { interleave } from '../../harness/lab/interleave.js';
import { between } from '../../harness/lab/teach.js';
import { useDedicatedRedis } from '../../harness/lab/use-dedicated-redis.js';
import { closeConnections, connections, expectProductTtl, LESSON, product, products, roundTripsDuring, shown, stepsDuring, type RoundTrips } from './cache.support.js';
import { categoryKey, MAX_VALUE_BYTES, productKey, type Product } from './src/contract.js';
import { cacheCategory, updateProduct } from './src/categories.js';
import { readProducts, writeProducts } from './src/products.js';
import { SCRIPT_CALLS } from '../../harness/lab/monitor.js';

const small = useDedicatedRedis('08', { maxmemory: '4mb' });
const BATCH = 200;
const MAX_ROUND_TRIPS = 3;
const ROUND_TRIP_IDEA = `Each command sent on its own costs a network round trip; a batch goes in one: MGET for reads, a pipeline (or MULTI) for writes (${LESSON}, "Fewer round trips, atomic steps").`;
/** Commands that read every member of a hash. */
const WHOLE_HASH_READS = new Set(['HGETALL', 'HVALS', 'HKEYS', 'HSCAN', 'DUMP']);
const ATOMIC_IDEA = `Redis runs a script or a MULTI/EXEC block with nothing in between; between two round trips anything may happen (${LESSON}, "Fewer round trips, atomic steps").`;
const HASH_IDEA = `Keep a collection as a hash, one field per member: one member changes with one HSET, no value grows with the collection, and nothing else is read or sent again (${LESSON}, "The structures you will use").`;

beforeEach(async () => {
  const { admin } = await connections(small);
  await admin.config('SET', 'maxmemory-policy', 'allkeys-lru'); // these checks never fill it
});
afterEach(closeConnections);

function expectFewRoundTrips({ reads, writes }: RoundTrips, what: string): void {
  expect(writes, `The code's connection wrote to its socket ${writes} times while ${what}; expected at most ${MAX_ROUND_TRIPS}. Commands sent one by one, awaited or not (a Promise.all of ${BATCH} commands), are ${BATCH} requests; a pipeline or one command for the batch is one.\n${ROUND_TRIP_IDEA}`).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
  expect(reads, `The server read ${reads} requests while ${what}; expected at most ${MAX_ROUND_TRIPS}.\n${ROUND_TRIP_IDEA}`).toBeLessThanOrEqual(MAX_ROUND_TRIPS);
}

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
    expectFewRoundTrips(await roundTripsDuring(small, code.redis, () => writeProducts(code, products(1, BATCH))), `writeProducts cached ${BATCH} products`);
    expect((await small.keys()).length, `writeProducts should cache all ${BATCH} products.`).toBe(BATCH);
  });

  it(`08.7 readProducts reads ${BATCH} products in at most ${MAX_ROUND_TRIPS} round trips`, async () => {
    const { code, admin } = await connections(small);
    const cached = products(1, BATCH);
    const pipeline = admin.pipeline();
    for (const p of cached) pipeline.set(productKey(small.prefix, p.id), JSON.stringify(p), 'EX', 600);
    await pipeline.exec();
    let read: (Product | null)[] = [];
    expectFewRoundTrips(await roundTripsDuring(small, code.redis, async () => (read = await readProducts(code, cached.map((p) => p.id)))), `readProducts fetched ${BATCH} products`);
    expect(read, `readProducts should return all ${BATCH} cached products, in order.`).toEqual(cached);
  });

  it('08.17 a new version replaces the cached one: writeProducts and updateProduct overwrite a product already cached', async () => {
    const { code, admin } = await connections(small);
    const idea = `A cache holds the latest version it was given: a write replaces what was there (a plain SET ... EX). SET ... NX writes only a missing key, so a changed price would be ignored until the old copy expires (${LESSON}, "The structures you will use").`;
    await writeProducts(code, products(1, 3));
    const repriced = { ...product(2), priceCents: 4321 };
    await writeProducts(code, [repriced]);
    expect(await readProducts(code, [1, 2, 3]), `After writeProducts(product 2 at 4321 cents) over the cached product 2, readProducts([1, 2, 3]) should return the new price.\n${idea}`).toEqual([product(1), repriced, product(3)]);
    await cacheCategory(code, 7, products(1, 3));
    const renamed = { ...product(3), name: 'Renamed lamp' };
    await updateProduct(code, 7, renamed);
    const stored = await admin.get(productKey(small.prefix, 3));
    expect(stored && JSON.parse(stored), `After updateProduct(7, product 3 renamed) with product 3 cached, its product key should hold the new version.\n${idea}`).toEqual(renamed);
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
    const ran = steps.flatMap((s) => s.commands); // sent by the code, and run by its scripts
    const key = categoryKey(small.prefix, 7);
    const readsAll = ran.filter((c) => WHOLE_HASH_READS.has(c.name) && c.args[0] === key);
    expect(readsAll.map(shown), `To change one product the server ran ${readsAll.map(shown).join('; ')}${readsAll.some((c) => c.source === 'lua') ? ' (in a script)' : ''}: the whole category was read, though only one member changed.\n${HASH_IDEA}`).toEqual([]);
    const bytes = ran.reduce((sum, c) => sum + (SCRIPT_CALLS.has(c.name) ? c.args.slice(1) : c.args).reduce((n, a) => n + Buffer.byteLength(a), 0), 0);
    expect(bytes, `To change one product the server ran commands with ${bytes} bytes of arguments in all (${ran.map((c) => (c.source === 'lua' ? `script: ${shown(c)}` : shown(c))).join('; ')}); expected at most MAX_VALUE_BYTES (${MAX_VALUE_BYTES}), script sources aside: rewriting the category sends all of its members, from the code or from a script.\n${HASH_IDEA}`).toBeLessThanOrEqual(MAX_VALUE_BYTES);
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

  it('08.15 updateProduct decides in its atomic step whether the category is cached: one evicted before or during the update stays absent', async () => {
    const { code, admin } = await connections(small);
    const key = categoryKey(small.prefix, 7);
    const members = products(1, 10);
    const renamed = { ...product(5), name: 'Renamed lamp' };
    const idea = `Whether the category is cached must be decided in the step that writes its field: a script (EXISTS, then HSET), or WATCH with a MULTI that fails if the key changed. An EXISTS answered in an earlier round trip, or a list of the categories this process cached, is out of date by the time the HSET runs: the category may be evicted or expire in between, and the HSET then creates a category holding this one product, served as the whole category.\n${ATOMIC_IDEA}`;
    // Evicted after it was cached, before the update: only the server knows it is gone.
    await cacheCategory(code, 7, members);
    await admin.del(key); // as eviction or expiry would
    const seen: string[] = [];
    const reader = interleave(code.redis, async () => {
      const fields = await admin.hkeys(key);
      if (fields.length > 0) seen.push(`a category holding product(s) ${fields.join(', ')}`);
    });
    try {
      await updateProduct(code, 7, renamed);
    } finally {
      reader.stop();
    }
    expect(seen, `Category 7 was cached, then evicted; between the round trips of updateProduct(7, product 5) a reader found ${seen.join(', then ')}. Creating it and deleting it afterwards leaves a moment when it is served.\n${idea}`).toEqual([]);
    const type = await admin.type(key);
    expect(type, `Category 7 was cached, then evicted; after updateProduct(7, product 5) ${key} is a ${type}, expected no key.\n${idea}`).toBe('none');
    // Evicted in the middle of the update: in every gap between the code's round trips.
    await cacheCategory(code, 7, members);
    const evicting = interleave(code.redis, () => admin.del(key));
    try {
      await updateProduct(code, 7, renamed);
    } finally {
      evicting.stop();
    }
    const held = await categoryHolds(7);
    const whole = new Map(members.map((p) => [p.id, p.id === 5 ? renamed : p]));
    expect(held.size === 0 || isDeepStrictEqual(held, whole), `With category 7 evicted (DEL) each time updateProduct(7, product 5) sent a command after a reply (${evicting.runs} time(s)), it ends holding product(s) ${[...held.keys()].join(', ')}; expected no key, or all 10 with the new version if nothing came between the check and the write.\n${idea}`).toBe(true);
  });

  it('08.16 reads and updates never extend a key\'s life: readProducts and updateProduct leave the TTLs they find', async () => {
    const { code, admin } = await connections(small);
    const cached = products(1, 5);
    await writeProducts(code, cached);
    await cacheCategory(code, 7, cached);
    // Seconds left, not round: cached nearly an hour ago, where a renewal "near expiry" would renew.
    const agedMs = between(3_000, 6_000);
    const keys = [...cached.map((p) => productKey(small.prefix, p.id)), categoryKey(small.prefix, 7)];
    await Promise.all(keys.map((key) => admin.pexpire(key, agedMs)));
    await readProducts(code, cached.map((p) => p.id));
    await updateProduct(code, 7, { ...product(3), name: 'Renamed lamp' }); // product 3's own key is written anew
    const idea = `A copy lives PRODUCT_TTL_SECONDS from when it was cached, at most: that bounds how stale it can be. A read that renews the TTL (GETEX ... EX, an EXPIRE after the read) keeps a popular product cached for ever, never refreshed; an update that renews the category's TTL does the same for the members it did not change (${LESSON}, "The structures you will use").`;
    for (const key of keys.filter((k) => k !== productKey(small.prefix, 3))) {
      const pttl = await admin.pttl(key);
      const shownTtl = pttl === -1 ? 'no TTL' : pttl === -2 ? 'no such key' : `${pttl} ms left`;
      expect(pttl > 0 && pttl <= agedMs, `${key} had ${agedMs} ms left before readProducts and updateProduct ran; it now has ${shownTtl}. Expected at most ${agedMs} ms: reading or updating a member does not extend the key's life.\n${idea}`).toBe(true);
    }
  });

  it('08.18 updateProduct adds a product the cached category did not hold yet, beside the others', async () => {
    const { code } = await connections(small);
    const members = products(1, 10);
    await cacheCategory(code, 7, members);
    const arrival = product(42, 120, 'New arrival');
    await updateProduct(code, 7, arrival);
    const held = await categoryHolds(7);
    expect(held, `After updateProduct(7, product 42) on category 7, cached with products 1 to 10, it holds product(s) ${[...held.keys()].join(', ')}. A product that joins a category (new, or moved) belongs in it as much as one that changed: whether to write the field depends on the category being cached, not on the product being in it already, or the category is served without it until it expires.\n${HASH_IDEA}`).toEqual(new Map([...members.map((p) => [p.id, p] as const), [42, arrival]]));
  });

  it('08.19 updateProduct keeps working after the server forgot its scripts (SCRIPT FLUSH, as after a restart or failover)', async () => {
    const { code, admin } = await connections(small);
    await cacheCategory(code, 7, products(1, 5));
    await updateProduct(code, 7, { ...product(5), priceCents: 1111 });
    await admin.script('FLUSH');
    const latest = { ...product(5), priceCents: 2222 };
    const idea = `A server keeps scripts in memory only: a restart, a failover to a replica or SCRIPT FLUSH empties its cache, and EVALSHA of a script it no longer knows fails with NOSCRIPT. Send the source again when that happens: EVAL, or ioredis's defineCommand, which retries with EVAL by itself (${LESSON}, "Fewer round trips, atomic steps").`;
    const error = await updateProduct(code, 7, latest).then(() => undefined, (e: unknown) => e);
    expect(error, `After SCRIPT FLUSH, updateProduct(7, product 5) rejected with ${String(error)}.\n${idea}`).toBeUndefined();
    expect((await categoryHolds(7)).get(5), `After SCRIPT FLUSH, updateProduct(7, product 5) should still write the category's field.\n${idea}`).toEqual(latest);
    const stored = await admin.get(productKey(small.prefix, 5));
    expect(stored && JSON.parse(stored), `After SCRIPT FLUSH, updateProduct(7, product 5) should still write the product key.\n${idea}`).toEqual(latest);
  });
});
