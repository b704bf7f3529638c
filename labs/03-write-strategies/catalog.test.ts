// Lab 03 checks, part 1: the catalog's reads, writes and TTLs. Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
// Failures and the scope of a write are in catalog-faults.test.ts; races in catalog-races.test.ts
// and catalog-interleavings.test.ts.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { between, expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import { PRODUCT_TTL_SECONDS, type Catalog } from './src/contract.js';
import { CATALOGS, LESSON, catalogHelpers, gatedClient, productSelects, type Gate } from './write-strategies.support.js';

const lab = useLab('03');
const { processWith, committed, copiesOf } = catalogHelpers(lab);
const HOUR_MS = PRODUCT_TTL_SECONDS * 1000;

/** How long one write per catalog has its cache step held: past lab 01's 250 ms default bound. */
const PATIENT_MS = 400;

/**
 * Runs updatePrice with every Redis command it sends after its UPDATE held back, and fails
 * if it resolves while one is still held: its cache step was not done when it returned.
 */
async function updateWaitingForItsCacheStep(catalog: Catalog, gate: Gate, id: number, price: number, patienceMs = 20) {
  const update = lab.db.holdQueries(/UPDATE\s+products/i);
  let resolved = false;
  const write = catalog.updatePrice(id, price).finally(() => (resolved = true));
  write.catch(() => {}); // awaited below
  try {
    await expectSettlesWithin(update.reached, 2000, `updatePrice(${id}, ${price}) reaching its UPDATE`, 'updatePrice must change the row with an UPDATE on products.');
    gate.hold();
  } finally {
    update.release();
  }
  await Promise.race([write.catch(() => {}), gate.firstHeld()]);
  // Time for a call that does not wait to resolve; a longer patience also outlasts a cache
  // step given up on after a bound of the code's own (lab 01's redisTimeoutMs is 250 ms).
  await new Promise((resolve) => setTimeout(resolve, patienceMs));
  const early = resolved ? gate.held() : [];
  gate.release();
  expect(
    early,
    `updatePrice(${id}, ${price}) resolved while its command to Redis after the UPDATE had not even been sent (the suite held it ${patienceMs} ms: ${early.join('; ')}). ` +
      `A reader right after the write then still gets the old price. Await the cache step before resolving, with no time limit of your own: a slow Redis delays the write, it does not skip its cache step; settled() is only for work deliberately put off, such as a second delete (${LESSON}, "Invalidate on write").`,
  ).toEqual([]);
  return write;
}

describe('reads and writes', () => {
  it('03.1 a read is served from Redis after the first: one SELECT per product across two processes, the same product back', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/invalidate-on-write.js'));
    const [one, two] = [processWith(a!.createInvalidatingCatalog), processWith(b!.createInvalidatingCatalog)];
    const ids = [1, 2, 3];
    const misses = await Promise.all(ids.map((id) => one.getProduct(id)));
    const hits = await Promise.all(ids.map((id) => two.getProduct(id)));
    for (const [i, id] of ids.entries()) {
      const row = await committed(id);
      expect(misses[i], `getProduct(${id}) on a miss returned ${JSON.stringify(misses[i])}; expected the row Postgres holds.`).toEqual(row);
      expect(
        hits[i],
        `getProduct(${id}) in another process returned ${JSON.stringify(hits[i])}; expected ${JSON.stringify(row)}, the same product with the same types as a miss returns. ` +
          `Each product has a key of its own, and what goes in through JSON.stringify comes back through JSON.parse (${LESSON}, "Cache-aside, the baseline").`,
      ).toEqual(row);
    }
    expect(await two.getProduct(997), 'no product has id 997: getProduct(997) should resolve null').toBeNull();
    expectQueries(lab.db, productSelects, ids.length + 1, `Cache-aside: the first miss of each product loads and fills; every later read, in any process, is a hit (${LESSON}, "Cache-aside, the baseline").`);
    await lab.db.sql(`INSERT INTO products (id, sku, name, category, price_cents) VALUES (997, 'SKU-0997', 'Cupping spoon #997', 'tools', 450)`);
    const created = await one.getProduct(997);
    expect(
      created,
      `Product 997 did not exist, was read (null), then created in Postgres; the next read returned ${JSON.stringify(created)}. A product that does not exist is not cached: "not found" kept for the catalog's hour hides a new product for that hour.`,
    ).toEqual(await committed(997));
  });

  it('03.2 after updatePrice returns, every process reads the new price', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/invalidate-on-write.js'));
    const gate = await gatedClient(lab);
    const [writer, other] = [processWith(a!.createInvalidatingCatalog, { redis: gate.client }), processWith(b!.createInvalidatingCatalog)];
    for (const price of [2201, 2202]) {
      await writer.getProduct(2);
      await other.getProduct(2); // both processes have the old price cached
      const returned = await updateWaitingForItsCacheStep(writer, gate, 2, price, price === 2202 ? PATIENT_MS : undefined);
      expect(returned, `updatePrice(2, ${price}) resolved with ${JSON.stringify(returned)}; expected the row Postgres committed.`).toEqual(await committed(2));
      const reads = async () => {
        for (const [who, catalog] of [['another process', other], ['the writer', writer], ['another process, again', other]] as const) {
          const seen = (await catalog.getProduct(2))?.priceCents;
          expect(
            seen,
            `After updatePrice(2, ${price}) returned (write ${price - 2200} of 2), ${who} read ${seen}. Postgres holds ${price}; Redis still held the old row. ` +
              `After the UPDATE commits, delete the cached copy, every time, so the next read loads the committed row (${LESSON}, "Invalidate on write").`,
          ).toBe(price);
        }
      };
      await reads(); // at once: not after settled(), which is only for work put off on purpose
      await writer.settled();
      lab.db.queries.reset();
      await reads();
      const selects = lab.db.queries.count(productSelects);
      expect(
        selects,
        `After a write (and settled()), three reads cost ${selects} SELECTs; expected at most one. A read after a write misses once and fills the cache again; a fill that is refused for ever after a write costs a SELECT on every read (${LESSON}, "Closing the race with a fence").`,
      ).toBeLessThanOrEqual(1);
    }
    expect(await writer.updatePrice(999, 1), 'no product has id 999: updatePrice(999, 1) should resolve null').toBeNull();
  });

  it('03.6 write-through: after each write Redis already holds what Postgres committed, so the next read is a hit', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/write-through.js'));
    const gate = await gatedClient(lab);
    const [writer, reader] = [processWith(a!.createWriteThroughCatalog, { redis: gate.client }), processWith(b!.createWriteThroughCatalog)];
    await reader.getProduct(7);
    // Another service renames the product; the cached copy keeps the old name until something replaces it.
    await lab.db.sql(`UPDATE products SET name = name || ' (renamed)' WHERE id = 7`);
    for (const price of [7001, 7002, 7003]) {
      const returned = await updateWaitingForItsCacheStep(writer, gate, 7, price);
      const row = await committed(7);
      expect(returned, `updatePrice(7, ${price}) resolved with ${JSON.stringify(returned)}; expected the row Postgres committed.`).toEqual(row);
      lab.db.queries.reset();
      const seen = await reader.getProduct(7);
      expect(
        seen,
        `After updatePrice(7, ${price}), another process read ${JSON.stringify(seen)} while Postgres holds ${JSON.stringify(row)}. ` +
          `Cache the row Postgres returned (UPDATE ... RETURNING), not the cached row with the caller's price: the committed row may differ in other columns (${LESSON}, "Write-through").`,
      ).toEqual(row);
      expectQueries(lab.db, productSelects, 0, `Write-through: the write puts the committed row into Redis itself, so the read after it is a hit and costs no SELECT (${LESSON}, "Write-through").`);
    }
    // A product nobody has read yet: the write leaves its row in Redis all the same.
    await updateWaitingForItsCacheStep(writer, gate, 11, 1101, PATIENT_MS);
    lab.db.queries.reset();
    const cold = await reader.getProduct(11);
    expectQueries(
      lab.db,
      productSelects,
      0,
      `updatePrice(11, 1101) on a product no process had read, then a read: write-through caches the committed row whether a copy was there or not (SET, not SET ... XX), so the read after any write is a hit (${LESSON}, "Write-through").`,
    );
    expect(cold, `After updatePrice(11, 1101) on a product no process had read, another process read ${JSON.stringify(cold)}.`).toEqual(await committed(11));
    expect(await writer.updatePrice(998, 1), 'no product has id 998: updatePrice(998, 1) should resolve null').toBeNull();
    await lab.db.sql(`INSERT INTO products (id, sku, name, category, price_cents) VALUES (998, 'SKU-0998', 'Dosing cup #998', 'tools', 650)`);
    const created = await reader.getProduct(998);
    expect(
      created,
      `updatePrice(998, 1) found no product; then product 998 was created in Postgres, and a read returned ${JSON.stringify(created)}. A write to a missing product caches nothing: there is no committed row to write through.`,
    ).toEqual(await committed(998));
  });
});

describe('TTLs', () => {
  it("03.5 every key the catalogs write has a TTL: a cached product lives the catalog's hour from when it was written (a hit does not renew it), no key longer", async () => {
    const idea = `Every key a cache writes, values and bookkeeping (versions, fences, markers) alike, carries a TTL set in the same command or script; a cached product lives PRODUCT_TTL_SECONDS (an hour), and no catalog key longer (${LESSON}, "Closing the race with a fence").`;
    for (const [name, create] of CATALOGS) {
      const id = name === 'write-through' ? 6 : 5;
      const [reader, one, two] = [processWith(create), processWith(create), processWith(create)];
      const settled = () => Promise.all([reader.settled(), one.settled(), two.settled()]);
      const steps: [string, () => Promise<unknown>][] = [
        ['a read filled the cache', async () => {}],
        ['a write, then a read', () => one.updatePrice(id, 5501)],
        ['two writes at once, then a read', () => Promise.all([one.updatePrice(id, 5502), two.updatePrice(id, 5503)])],
      ];
      for (const [step, write] of steps) {
        // As if 59 minutes had passed: a copy this step does not write or remove shows.
        for (const copy of await copiesOf(id)) await lab.redis.admin.pexpire(copy.key, 60_000);
        const began = performance.now();
        await write();
        await settled();
        await reader.getProduct(id);
        const copies = await copiesOf(id);
        // All a fresh hour can have lost is the time since this step began.
        const least = leastTtlLeft(HOUR_MS, began);
        expect(copies.length, `${name}: after ${step}, no key under the prefix holds product ${id}; expected its cached copy.`).toBeGreaterThan(0);
        for (const copy of copies) {
          expect(
            copy.pttlMs,
            `${name}: after ${step}, ${copy.key} holds product ${id} with PTTL ${copy.pttlMs} ms; expected the catalog's hour, between ${least} (the hour less the time since the step began) and ${HOUR_MS} ms: a copy written during this step, for the whole hour (one older than the step means the write neither replaced nor removed it). ` +
              `(Before each step the suite aged the entry to 60 s: a write that stores a row gives it a fresh hour, not the rest of the old one, and one that removes it leaves the read to write a fresh one.) ${idea}`,
          ).toSatisfy((ms: number) => ms >= least && ms <= HOUR_MS);
        }
        // As if all but a few seconds of the hour had passed (a renewal on hits "near expiry"
        // renews there); then a hit, in another process; then the clock is put back.
        const leftMs = between(3_000, 5_000);
        for (const copy of copies) await lab.redis.admin.pexpire(copy.key, leftMs);
        await processWith(create).getProduct(id);
        const afterHit = await copiesOf(id);
        for (const copy of copies) await lab.redis.admin.pexpire(copy.key, copy.pttlMs);
        for (const copy of afterHit) {
          expect(
            copy.pttlMs,
            `${name}: after ${step}, the suite left ${copy.key} ${leftMs} ms to live (as if the rest of its hour had passed); a read (a hit) then left it PTTL ${copy.pttlMs} ms. ` +
              `A hit must not renew the TTL (GETEX, EXPIRE on read): the hour is the longest a copy may go without being reloaded, and a popular product whose invalidation was lost would otherwise be served stale for ever. ${idea}`,
          ).toBeLessThanOrEqual(leftMs);
        }
      }
      await one.updatePrice(996, 1); // no such product: whatever it writes needs a TTL too
      await settled();
    }
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    await expectTtlsWithin(lab.redis, keys, { minMs: 1, maxMs: HOUR_MS }, idea);
  });
});
