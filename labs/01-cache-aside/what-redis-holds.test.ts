// Lab 01 checks, part 1b: what Redis holds: a TTL on every key, exactly the catalog's hour or
// the "not found" minute, never renewed, and values that come back as they were stored.
// (The read path is part 1, cache-aside.test.ts.) Run: npm test labs/01-cache-aside
// After every check, the harness also audits every key your code wrote: one without a TTL
// fails whichever check wrote it (01.3 explains why).
import { describe, expect, it, onTestFinished } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { between, expectEveryKeyHasTtl, expectQueries, expectTtlsWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import { healthyCaches, LESSON, PRODUCT_SELECTS as products, sleep } from './cache-aside.support.js';
import { MISSING_TTL_SECONDS, PRODUCT_TTL_SECONDS } from './src/contract.js';

const lab = useLab('01');
const cacheWith = healthyCaches(lab);

describe('what Redis holds', () => {
  it("01.3 every key written has a TTL: the catalog's hour (3600 s), exactly", async () => {
    const ids = [3, 4, 5, 6, 7];
    const started = Date.now();
    await Promise.all(ids.map((id) => cacheWith().getProduct(id)));
    const idea = `Every cache write carries a TTL, set in the same command (SET ... EX); catalog data may be an hour old, PRODUCT_TTL_SECONDS exactly: a TTL trimmed or jittered below it expires entries the lesson's staleness budget still allows, and is not the documented contract (${LESSON}, "TTL on every write").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    const hourMs = PRODUCT_TTL_SECONDS * 1000;
    // Read right after the writes: only the time since the reads started (and 100 ms of clock slack) may be gone.
    const elapsedMs = Date.now() - started;
    await expectTtlsWithin(lab.redis, keys, { minMs: hourMs - elapsedMs - 100, maxMs: hourMs }, `Products ${ids.join(', ')} were read ${elapsedMs} ms ago. ${idea}`);
  });

  it('01.4 a cached product comes back with its types: updatedAt is a Date', async () => {
    const cache = cacheWith();
    const fromDb = await cache.getProduct(4);
    const fromCache = await cache.getProduct(4);
    const updatedAt: unknown = fromCache?.updatedAt;
    expect(
      updatedAt instanceof Date,
      `A hit returned updatedAt as ${typeof updatedAt} ${JSON.stringify(updatedAt)}; a miss returned a Date. ` +
        `JSON has no Date type: decode what you read so a hit looks exactly like a miss (${LESSON}, "Serialising values").`,
    ).toBe(true);
    expect(fromCache, 'the hit should equal what the miss returned').toEqual(fromDb);
  });

  it('01.11 a cached product equals the row exactly: updatedAt to the millisecond, text as stored (quotes, |, tabs, newlines), even text that looks like a date', async () => {
    const stamp = '2026-03-14T15:09:26.535Z';
    // Separators a hand-made format might split on; spaces around it; "Cafe\u0301" is NFD (e +
    // a combining accent) and "crème" NFC: trimming or normalising (NFC or NFD) changes it.
    const name = '  Tasse «Cafe\u0301 crème» "N°1" \\ ☕ | 2 cl;\tsoucoupe, 1:1\nfin \n';
    const category = '2025-11-28T00:00:00.000Z'; // a launch named by its date: text that looks like a timestamp
    await lab.db.sql('UPDATE products SET name = $2, updated_at = $3, category = $4 WHERE id = $1', [10, name, stamp, category]);
    const cache = cacheWith();
    const fromDb = await cache.getProduct(10);
    const fromCache = await cache.getProduct(10);
    const idea = `A hit must give back exactly what the miss gave: every field, a Date with its milliseconds, any character (a field may hold the | , ; tab or newline a hand-made format splits on), and text that merely looks like a date still as text. Encode losslessly (JSON keeps a Date as an ISO string with milliseconds) and decode next to it, updatedAt by its name, not every string by its shape (${LESSON}, "Serialising values").`;
    expect(fromDb, `The miss should return the row as Postgres holds it. ${idea}`).toMatchObject({ id: 10, name, category });
    expect(fromDb?.updatedAt.toISOString(), `The miss should return updatedAt ${stamp}. ${idea}`).toBe(stamp);
    const seen = fromCache?.updatedAt instanceof Date ? fromCache.updatedAt.toISOString() : JSON.stringify(fromCache?.updatedAt);
    expect(seen, `The row was updated at ${stamp}; a hit returned updatedAt ${seen}. ${idea}`).toBe(stamp);
    const shown = (value: unknown) => (value instanceof Date ? `a Date (${value.toISOString()})` : JSON.stringify(value));
    expect(shown(fromCache?.category), `The category is the text ${JSON.stringify(category)}; a hit returned ${shown(fromCache?.category)}. ${idea}`).toBe(JSON.stringify(category));
    const codePoints = (text: unknown) => (typeof text === 'string' ? `${JSON.stringify(text)} (${[...text].length} code points)` : JSON.stringify(text));
    expect(
      fromCache?.name,
      `The name is ${codePoints(name)}: two spaces before it, a space and a newline after it, an é written as e + U+0301 (not NFC) beside an NFC è; a hit returned ${codePoints(fromCache?.name)}. Text goes into Redis and comes back as it is: trimming or normalising it on the way makes a hit differ from the row (an exact comparison, a checksum or a search fails on one invisible character). ${idea}`,
    ).toBe(name);
    expect(fromCache, `The hit differs from the miss. ${idea}`).toEqual(fromDb);
  });

  it('01.5 a missing product is cached as "not found" for 60 s, and found once that entry has expired', async () => {
    const cache = cacheWith();
    const asked = performance.now();
    expect(await cache.getProduct(999), 'product 999 does not exist: getProduct should return null').toBeNull();
    expect(await cache.getProduct(999), 'the second lookup should still return null').toBeNull();
    const idea = `Negative caching: remember "not found" for MISSING_TTL_SECONDS (60 s), so a burst of lookups for a missing id costs one query, and a product created later shows up within a minute. Much shorter and the marker protects nothing; much longer and new products stay invisible (${LESSON}, "Caching not found").`;
    expectQueries(lab.db, products, 1, idea);
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    const minuteMs = MISSING_TTL_SECONDS * 1000;
    // Exactly the minute, less only the time since the lookup.
    await expectTtlsWithin(lab.redis, keys, { minMs: leastTtlLeft(minuteMs, asked), maxMs: minuteMs }, idea);
    // 55 s later another id misses: its entry gets a minute of its own, not what is left of 999's.
    for (const { key } of keys) await lab.redis.admin.pexpire(key, 5_000);
    const askedLater = performance.now();
    expect(await cache.getProduct(998), 'product 998 does not exist: getProduct should return null').toBeNull();
    const longest = Math.max(...(await lab.redis.keys()).map((k) => k.pttlMs));
    expect(
      longest,
      `Product 999's "not found" was aged to 5 s left (as if 55 s had passed), then product 998 missed; the longest TTL under the prefix is now ${longest} ms, so nothing holds 998's "not found" for a minute from its own miss (at least ${leastTtlLeft(minuteMs, askedLater)} ms). Each id has an entry of its own, with its own minute: one key (a set, a hash) for every missing id expires all of them with the first, or keeps them all alive with the last. ${idea}`,
    ).toBeGreaterThanOrEqual(leastTtlLeft(minuteMs, askedLater));

    // Product 999 is created; then its "not found" entry ends, as its TTL would after a minute.
    onTestFinished(() => lab.db.sql('DELETE FROM products WHERE id = 999').then(() => {}));
    await lab.db.sql(
      "INSERT INTO products (id, sku, name, category, price_cents, updated_at) VALUES (999, 'SKU-0999', 'Late arrival', 'new', 999, now())",
    );
    await lab.redis.deleteAll();
    const late = await cache.getProduct(999);
    expect(
      late?.id ?? null,
      `Product 999 was created after its lookup cached "not found", and that entry then expired (the suite deleted it from Redis, as its TTL ending would); getProduct(999) still returned ${JSON.stringify(late)}. ` +
        `The TTL in Redis is what ends "not found": a copy kept anywhere else (a Set or Map in the process) never expires, so a product created later stays invisible until a restart. ${idea}`,
    ).toBe(999);
  });

  it('01.12 a TTL is not renewed by hits, early or late in its life, nor by later misses: a product is at most an hour old, a "not found" at most a minute', async () => {
    const cache = cacheWith();
    const idea = `A TTL counts from the write of that entry. Renewing it on a hit (GETEX ... EX, EXPIRE on read), even only once it is past half its life, keeps a popular product cached for ever, so a missed invalidation is never repaired and the TTL no longer bounds staleness. One key holding every missing id does the same: each new miss renews it, and an id created since stays "not found" as long as misses keep coming. Each id has its own entry (${LESSON}, "TTL on every write").`;
    await cache.getProduct(19); // written now, for an hour
    await cache.getProduct(994); // "not found", written now, for a minute
    const written = await expectEveryKeyHasTtl(lab.redis, idea);
    // A key left alone has lost at least the pause; a renewed one lost only the moments
    // since its renewal. Half the pause between the two, so a busy machine cannot blur them.
    const PAUSE_MS = 300;
    await sleep(PAUSE_MS);
    for (const id of [19, 19, 994, 994]) await cache.getProduct(id); // hits
    await cache.getProduct(995); // another id's miss, written now
    const later = new Map((await lab.redis.keys()).map((k) => [k.key, k.pttlMs]));
    const renewed = written.filter((k) => !((later.get(k.key) ?? Infinity) <= k.pttlMs - PAUSE_MS / 2));
    const after = (key: string) => (later.has(key) ? `${later.get(key)} ms` : 'gone');
    const shown = renewed.map((k) => `${k.key}: PTTL ${k.pttlMs} ms, then ${after(k.key)} ${PAUSE_MS} ms later`).join('; ');
    expect(
      shown,
      `Product 19 and missing 994 were cached, then ${PAUSE_MS} ms later read twice each, and missing 995 was looked up. Keys written at the start should have ${PAUSE_MS} ms less to live; ${shown}. ${idea}`,
    ).toBe('');

    // Then each entry is aged to 3 to 5 s of life left (as if written 59 minutes and some,
    // or 55 seconds and some, ago) and hit: renewing an entry once it is past half its life,
    // or once it has less than a minute (refresh-ahead by hand), keeps it for ever just the
    // same. Seconds, not less: the hits must find it there on a busy machine.
    const aged = await Promise.all(
      written.map(async (k) => {
        const lifeMs = (k.pttlMs > MISSING_TTL_SECONDS * 1000 ? PRODUCT_TTL_SECONDS : MISSING_TTL_SECONDS) * 1000;
        const leftMs = between(3_007, 5_007); // never round
        await lab.redis.admin.pexpire(k.key, leftMs);
        return { key: k.key, leftMs, lifeMs };
      }),
    );
    for (const id of [19, 994, 19, 994]) await cache.getProduct(id); // hits
    const end = new Map((await lab.redis.keys()).map((k) => [k.key, k.pttlMs]));
    const risen = aged.filter((a) => (end.get(a.key) ?? -2) > a.leftMs);
    const rises = risen.map((a) => `${a.key}: aged to PTTL ${a.leftMs} ms (${((100 * a.leftMs) / a.lifeMs).toFixed(1)} % of its ${a.lifeMs} ms), then ${end.get(a.key)} ms after two hits`).join('; ');
    expect(
      rises,
      `Product 19 and missing 994 were aged to a few seconds of their life left, then read twice each; their TTL should only have gone down; ${rises}. ${idea}`,
    ).toBe('');
  });
});
