// Lab 02 checks, part 3: what keys are called, and what comes back from them.
// Run: npm test labs/02-ttl-and-keys
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectQueries } from '../../harness/lab/teach.js';
import { createShopCache } from './src/shop-cache.js';
import { LEADERBOARD_ID, LEADERBOARD_SIZE, SHAPE_VERSION, type Entity, type ShopCache, type ShopCacheOptions } from './src/contract.js';

const lab = useLab('02');
const LESSON = 'Lesson 02, TTLs and keys';

/** A bound on each Redis call far above what a healthy one takes: these checks are not about a slow Redis. */
const PATIENT = { redisTimeoutMs: 10_000 };

function cacheWith(overrides: Partial<ShopCacheOptions> = {}): ShopCache {
  return createShopCache({ db: lab.db.pool, keyPrefix: lab.redis.prefix, ...PATIENT, ...overrides, redis: overrides.redis ?? lab.redis.client() });
}

const keyNames = async () => (await lab.redis.keys()).map((k) => k.key);

/** What Postgres holds, read by the suite (not counted): what every read must return. */
const truth = {
  product: async (id: number) =>
    (await lab.db.sql('SELECT id, sku, name, category, price_cents AS "priceCents" FROM products WHERE id = $1', [id]))[0],
  inventory: async (id: number) =>
    (await lab.db.sql('SELECT product_id AS "productId", quantity FROM inventory WHERE product_id = $1', [id]))[0],
  profile: async (id: number) =>
    (await lab.db.sql('SELECT user_id AS "userId", display_name AS "displayName", bio FROM profiles WHERE user_id = $1', [id]))[0],
  leaderboard: async () =>
    lab.db.sql(
      `SELECT v.product_id AS "productId", p.name, v.views::integer AS views FROM product_views v
         JOIN products p ON p.id = v.product_id ORDER BY v.views DESC, v.product_id LIMIT $1`,
      [LEADERBOARD_SIZE],
    ),
};

describe('keys follow one documented template', () => {
  it('02.5 every key is <prefix><entity>:<id>:v<version>, for every entity and id, under the prefix it is handed', async () => {
    const tenants = [`${lab.redis.prefix}prod:`, `${lab.redis.prefix}staging:acme:`];
    await Promise.all(
      tenants.map(async (keyPrefix) => {
        const cache = cacheWith({ keyPrefix });
        await Promise.all([
          ...[3, 7, 12].map((id) => cache.getProduct(id)),
          ...[3, 7].map((id) => cache.getInventory(id)),
          ...[3, 9].map((id) => cache.getProfile(id)),
          cache.getLeaderboard(),
          cache.startSession('s-7f3a', { userId: 3 }),
          cache.startSession('s-01', { userId: 9 }),
        ]);
      }),
    );
    const v = SHAPE_VERSION;
    const expected = tenants
      .flatMap((p) => [
        ...[3, 7, 12].map((id) => `${p}product:${id}:v${v.product}`),
        ...[3, 7].map((id) => `${p}inventory:${id}:v${v.inventory}`),
        ...[3, 9].map((id) => `${p}profile:${id}:v${v.profile}`),
        `${p}leaderboard:${LEADERBOARD_ID}:v${v.leaderboard}`,
        ...['s-7f3a', 's-01'].map((id) => `${p}session:${id}:v${v.session}`),
      ])
      .sort();
    const actual = (await keyNames()).sort();
    expect(
      actual,
      `Redis holds:\n  ${actual.join('\n  ') || '(no keys)'}\nExpected exactly:\n  ${expected.join('\n  ')}\n` +
        `One key builder, one template: the keyPrefix handed in (environment and tenant, such as prod: or staging:acme:, ` +
        `already ending in ':'), then entity, id and the shape version from SHAPE_VERSION, joined by single colons (${LESSON}, "Naming keys").`,
    ).toEqual(expected);
  });

  it('02.6 different entities with the same id never share a key, for several ids at once, nor do ids that differ only in case or spacing', async () => {
    const idea = `Product 3, the stock of product 3 and user 3's profile are three different things; their keys must differ in the entity part, and each id must have its own key, or one read returns another's value (${LESSON}, "Naming keys").`;
    const ids = [1, 2, 3, 4, 5];
    const reads = (cache: ShopCache) => Promise.all(ids.flatMap((id) => [cache.getProduct(id), cache.getInventory(id), cache.getProfile(id)]));
    const expected: unknown[] = [];
    for (const id of ids) expected.push(await truth.product(id), await truth.inventory(id), await truth.profile(id));
    const first = await reads(cacheWith());
    const again = await reads(cacheWith()); // another instance, served from Redis
    for (const [i, value] of expected.entries()) {
      const call = `${['getProduct', 'getInventory', 'getProfile'][i % 3]}(${ids[Math.floor(i / 3)]})`;
      expect(first[i], `${call} returned ${JSON.stringify(first[i])}. ${idea}`).toEqual(value);
      expect(again[i], `${call}, read again once cached, returned ${JSON.stringify(again[i])}. ${idea}`).toEqual(value);
    }
    // Ids are the caller's, byte for byte: ones that differ only in case or in surrounding
    // spaces name different sessions, and a key builder that "normalises" them merges them.
    const sessions: [string, { userId: number }][] = [['s-Ab3', { userId: 1 }], ['s-ab3', { userId: 2 }], ['S-AB3', { userId: 3 }], [' s-ab3 ', { userId: 4 }]];
    const starter = cacheWith();
    for (const [id, data] of sessions) await starter.startSession(id, data);
    const reader = cacheWith(); // another instance, reading what the first stored
    const sameIdea = `Ids are the caller's, byte for byte: ${sessions.map(([id]) => JSON.stringify(id)).join(', ')} are four different sessions. A key builder that lowercases or trims the id gives them one key, and one user reads another's session (${LESSON}, "Naming keys").`;
    for (const [id, data] of sessions) {
      const got = await reader.getSession(id);
      expect(got, `getSession(${JSON.stringify(id)}) returned ${JSON.stringify(got)} after the four sessions were started; expected ${JSON.stringify(data)}, what was started under exactly that id. ${sameIdea}`).toEqual(data);
    }
    const keys = await keyNames();
    expect(keys.length, `Three entities of five ids read and four sessions started, so 19 keys expected; Redis holds ${keys.length}: ${keys.map((k) => JSON.stringify(k)).join(', ')}. ${idea} ${sameIdea}`).toBe(19);
  });

  it('02.7 after the shape version changes, a value cached in an old shape is never returned, for any entity', async () => {
    // Left behind by earlier releases: profiles in version 1's shape { userId, name }, and
    // every class under the keys of the release before keys carried a version at all.
    const oldProfile = JSON.stringify({ userId: 3, name: 'Old name' });
    const leftovers: [string, string][] = [
      ['profile:3:v1', oldProfile],
      ['profile:3', oldProfile],
      ['product:3', JSON.stringify({ id: 3, title: 'Old title', price: 1.25 })],
      ['inventory:3', JSON.stringify({ productId: 3, stock: 999 })],
      [`leaderboard:${LEADERBOARD_ID}`, JSON.stringify([{ id: 1, title: 'Old title', count: 1 }])],
    ];
    for (const [name, value] of leftovers) await lab.redis.admin.set(lab.redis.key(name), value, 'PX', 60_000);

    const cache = cacheWith();
    const idea = `Redis still holds values in older shapes under ${leftovers.map(([name]) => name).join(', ')} (under the prefix). Code at SHAPE_VERSION must read keys that only values of that version were ever written to, so old entries are never looked at and age out by TTL; and it must not "upgrade" an old entry on a miss, which serves what the old release cached (${LESSON}, "Versioned keys").`;
    const got = { profile: await cache.getProfile(3), product: await cache.getProduct(3), inventory: await cache.getInventory(3), leaderboard: await cache.getLeaderboard() };
    const expected = { profile: await truth.profile(3), product: await truth.product(3), inventory: await truth.inventory(3), leaderboard: await truth.leaderboard() };
    for (const entity of Object.keys(expected) as (keyof typeof expected)[]) {
      expect(got[entity], `The ${entity} read returned ${JSON.stringify(got[entity])}; Postgres holds ${JSON.stringify(expected[entity])}. ${idea}`).toEqual(expected[entity]);
    }
    expectQueries(lab.db, { kind: 'select' }, 4, `The new version's first read of each entity is a miss. ${idea}`);

    // The next release changes every shape. It runs as a module instance of its own (the
    // other checks keep theirs), whose SHAPE_VERSION is raised before the code is loaded;
    // the keys of today's versions now hold the previous release's values, in its shape.
    const today = { ...SHAPE_VERSION };
    const [next] = await separateProcesses(1, async () => {
      const contract = await import('./src/contract.js');
      if (contract.SHAPE_VERSION === SHAPE_VERSION || Object.isFrozen(contract.SHAPE_VERSION)) {
        throw new Error('02.7 needs a module instance of its own with a SHAPE_VERSION it can raise (harness/lab/processes.ts).');
      }
      const versions = contract.SHAPE_VERSION as Record<Entity, number>;
      for (const entity of Object.keys(versions) as Entity[]) versions[entity] += 1 + Math.floor(Math.random() * 90);
      return { versions: { ...versions }, ...(await import('./src/shop-cache.js')) };
    });
    const raised = next!.versions;
    const previous: [string, string][] = [
      [`profile:3:v${today.profile}`, JSON.stringify({ userId: 3, displayName: 'Previous name', bio: 'previous shape' })],
      [`product:3:v${today.product}`, JSON.stringify({ id: 3, sku: 'OLD', name: 'Previous title', priceCents: 125 })],
      [`inventory:3:v${today.inventory}`, JSON.stringify({ productId: 3, quantity: 999 })],
      [`leaderboard:${LEADERBOARD_ID}:v${today.leaderboard}`, JSON.stringify([{ productId: 1, name: 'Previous title', views: 1 }])],
    ];
    for (const [name, value] of previous) await lab.redis.admin.set(lab.redis.key(name), value, 'PX', 60_000);
    const before = new Set(await keyNames());
    lab.db.queries.reset();

    const upgraded = next!.createShopCache({ db: lab.db.pool, keyPrefix: lab.redis.prefix, ...PATIENT, redis: lab.redis.client() });
    const gotNext = {
      profile: await upgraded.getProfile(3),
      product: await upgraded.getProduct(3),
      inventory: await upgraded.getInventory(3),
      leaderboard: await upgraded.getLeaderboard(),
    };
    await upgraded.startSession('s-next', { userId: 3 });
    const p = lab.redis.prefix;
    const expectedKeys = [
      `${p}profile:3:v${raised.profile}`,
      `${p}product:3:v${raised.product}`,
      `${p}inventory:3:v${raised.inventory}`,
      `${p}leaderboard:${LEADERBOARD_ID}:v${raised.leaderboard}`,
      `${p}session:s-next:v${raised.session}`,
    ].sort();
    const written = (await keyNames()).filter((k) => !before.has(k)).sort();
    const versionsText = (v: Record<Entity, number>) => (Object.keys(v) as Entity[]).map((e) => `${e}: ${v[e]}`).join(', ');
    const nextIdea = `The version in every key is read from SHAPE_VERSION in contract.ts when the key is built, so the release that raises it (from { ${versionsText(today)} } to { ${versionsText(raised)} } here) moves every key at once, and the keys of today's versions, now holding the previous release's shapes, are never read. Numbers copied into the key builder match today's table and miss the next bump (${LESSON}, "Versioned keys").`;
    expect(
      written,
      `With SHAPE_VERSION raised, reading profile 3, product 3, its stock and the leaderboard and starting session s-next created these keys:\n  ${written.join('\n  ') || '(no new keys)'}\nExpected:\n  ${expectedKeys.join('\n  ')}\n${nextIdea}`,
    ).toEqual(expectedKeys);
    for (const entity of Object.keys(expected) as (keyof typeof expected)[]) {
      expect(gotNext[entity], `With SHAPE_VERSION raised, the ${entity} read returned ${JSON.stringify(gotNext[entity])}; Postgres holds ${JSON.stringify(expected[entity])}. ${nextIdea}`).toEqual(expected[entity]);
    }
    expectQueries(lab.db, { kind: 'select' }, 4, `With SHAPE_VERSION raised, the first read of each entity is a miss. ${nextIdea}`);
  });
});

describe('what comes back is what was stored', () => {
  it('02.11 a value another instance cached comes back exactly as Postgres gave it, for every class, without a query', async () => {
    await lab.db.sql('UPDATE product_views SET views = product_id * 7 WHERE product_id IN (2, 4, 6, 8, 11)');
    const [a, b] = await separateProcesses(2, () => import('./src/shop-cache.js'));
    const options = { db: lab.db.pool, keyPrefix: lab.redis.prefix, ...PATIENT };
    const instanceA = a!.createShopCache({ ...options, redis: lab.redis.client() });
    const instanceB = b!.createShopCache({ ...options, redis: lab.redis.client() });
    const readAll = (cache: ShopCache) => Promise.all([cache.getProduct(4), cache.getInventory(4), cache.getProfile(4), cache.getLeaderboard()]);

    const idea = `A hit must return the same value, with the same types, as the miss that cached it (numbers stay numbers; JSON round trip), and one instance's write must be another instance's hit (${LESSON}, "Naming keys"; lesson 01, "Serialising values").`;
    const expected = [await truth.product(4), await truth.inventory(4), await truth.profile(4), await truth.leaderboard()];
    const missed = await readAll(instanceA);
    await instanceA.startSession('s-trip', { userId: 4 });
    const queriesBefore = lab.db.queries.count();
    const hit = await readAll(instanceB);
    const session = await instanceB.getSession('s-trip');
    const names = ['getProduct(4)', 'getInventory(4)', 'getProfile(4)', 'getLeaderboard()'];
    for (const [i, name] of names.entries()) {
      expect(missed[i], `Instance A's ${name} (a miss) returned ${JSON.stringify(missed[i])}; Postgres holds ${JSON.stringify(expected[i])}. ${idea}`).toEqual(expected[i]);
      expect(hit[i], `Instance B's ${name}, read after A cached it, returned ${JSON.stringify(hit[i])}; expected ${JSON.stringify(expected[i])}. ${idea}`).toEqual(expected[i]);
    }
    expect(session, `Instance B's getSession('s-trip') returned ${JSON.stringify(session)} for a session A started with { userId: 4 }. ${idea}`).toEqual({ userId: 4 });
    const queries = lab.db.queries.count() - queriesBefore;
    expect(queries, `Instance B's four reads of values A had just cached sent ${queries} queries to Postgres; expected none (each a hit). ${idea}`).toBe(0);
  });

  it('02.17 a row Postgres does not have is not cached: the read says null, and once the row is created the next read returns it', async () => {
    const idea = `This lab's TTL table has no class for "not found", so a miss that finds no row returns null and caches nothing. A null stored under the key (as "null", or a marker) answers every read of that id with "not found" for the whole TTL of its class, and a product, stock row or profile created a moment later stays invisible for up to an hour (${LESSON}, "A TTL per data class"; lesson 01, "Caching \"not found\"").`;
    const cache = cacheWith();
    const id = 901; // beyond the seed's ids
    const calls = [`getProduct(${id})`, `getInventory(${id})`, `getProfile(${id})`];
    const reads = () => Promise.all([cache.getProduct(id), cache.getInventory(id), cache.getProfile(id)]);
    const before = await reads();
    for (const [i, call] of calls.entries()) {
      expect(before[i], `${call} returned ${JSON.stringify(before[i])} while Postgres has no such row; expected null. ${idea}`).toBeNull();
    }
    await lab.db.sql(`INSERT INTO products (id, sku, name, category, price_cents) VALUES ($1, 'SKU-0901', 'Latecomer mug', 'cups', 990)`, [id]);
    await lab.db.sql('INSERT INTO inventory (product_id, quantity) VALUES ($1, 3)', [id]);
    await lab.db.sql(`INSERT INTO users (id, email) VALUES ($1, 'user901@example.test')`, [id]);
    await lab.db.sql(`INSERT INTO profiles (user_id, display_name) VALUES ($1, 'User 901')`, [id]);
    const after = await reads();
    const expected = [await truth.product(id), await truth.inventory(id), await truth.profile(id)];
    for (const [i, call] of calls.entries()) {
      expect(after[i], `${call} returned null, then, once the row was created in Postgres, ${JSON.stringify(after[i])}; expected ${JSON.stringify(expected[i])}. ${idea}`).toEqual(expected[i]);
    }

    // A query that fails is not a row that is missing: the read rejects, and caches nothing.
    const failing = lab.db.failQueries(/\bFROM\s+(products|inventory|profiles)\b/i, new Error('canceling statement due to statement timeout (injected by the check)'));
    const broken = await Promise.all([cache.getProduct(902), cache.getInventory(902), cache.getProfile(902)].map((read) => read.then((value) => `resolved with ${JSON.stringify(value)}`, () => 'rejected')));
    failing();
    const answered = calls.map((call, i) => `${call.replace(String(id), '902')} ${broken[i]}`).filter((line) => !line.endsWith('rejected'));
    expect(answered, `With Postgres failing every query: ${answered.join('; ')}; expected each read to reject. null says "no such row": a database error turned into null shows the user a 404, or signs them up again. Catch only the Redis steps; a database error is the caller's to hear (${LESSON}, "A TTL per data class"; lesson 01, "When Redis is down").`).toEqual([]);
  });
});
