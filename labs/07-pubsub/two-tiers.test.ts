// Lab 07 checks, part 1: the two tiers and the bounds of L1. Run: npm test labs/07-pubsub
// Part 2 (pubsub.test.ts) is invalidation across instances, part 3 (ordering.test.ts) races
// and faults, part 4 (reconnect.test.ts) reconnects and close. Every instance here is loaded
// the way a separate process would load it: its own module state, its own connections.
import { describe, expect, it } from 'vitest';
import { holdReply } from '../../harness/lab/hold.js';
import { expectEveryKeyHasTtl, expectQueries, expectSettlesWithin, expectTtlsWithin, leastTtlLeft, outcome } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  DEFAULT_MAX_L1_AGE_MS,
  DEFAULT_MAX_L1_ENTRIES,
  PROFILE_TTL_SECONDS,
  profileKey,
  type Profile,
} from './src/contract.js';
import { appInstances, BOUND_MS, LESSON, sentDuring } from './instances.support.js';

const lab = useLab('07');
const { instance, instances } = appInstances(lab);
const profiles = { table: 'profiles', kind: 'select' } as const;

/** The row as the suite reads it, bypassing the code under test (not counted). */
async function row(userId: number): Promise<Profile> {
  const [r] = await lab.db.sql<{ user_id: number; display_name: string; bio: string; updated_at: Date }>('SELECT * FROM profiles WHERE user_id = $1', [userId]);
  return { userId: r!.user_id, displayName: r!.display_name, bio: r!.bio, updatedAt: r!.updated_at.toISOString() };
}

describe('two tiers: L1 in memory over a shared L2', () => {
  it('07.1 the first read loads the profile from Postgres and leaves it in Redis for 300 s; a missing one is null and not kept, and a failing query rejects', async () => {
    await lab.db.sql(`UPDATE profiles SET updated_at = '2026-03-01 10:00:00.123+00' WHERE user_id = 1`); // milliseconds must survive
    const a = await instance();
    const began = performance.now();
    const profile = await a.cache.getProfile(1);
    expect(profile, 'getProfile(1) should return the row of user 1, updatedAt as ISO text with its milliseconds').toEqual(await row(1));
    expectQueries(lab.db, profiles, 1, `A miss in both tiers reads Postgres once (${LESSON}, "Two tiers").`);
    const idea = `L2 is the shared copy in Redis: one SET ... EX with PROFILE_TTL_SECONDS, exactly (no jitter: the README promises 300 s) (${LESSON}, "Two tiers").`;
    const keys = await expectEveryKeyHasTtl(lab.redis, idea);
    // All the TTL can have lost is the time since the read began.
    await expectTtlsWithin(lab.redis, keys, { minMs: leastTtlLeft(PROFILE_TTL_SECONDS * 1000, began), maxMs: PROFILE_TTL_SECONDS * 1000 }, idea);

    expect(await a.cache.getProfile(404), 'getProfile(404): no row has that id, so the answer is null').toBeNull();
    await lab.db.sql(`INSERT INTO users (id, email) VALUES (404, 'late@example.test')`);
    await lab.db.sql(`INSERT INTO profiles (user_id, display_name) VALUES (404, 'Signed up late')`);
    const late = await a.cache.getProfile(404);
    expect(
      late?.displayName,
      `User 404 was created after a read found nothing, and getProfile(404) still answered ${JSON.stringify(late)}. "No such user" is not kept in either tier: nothing would ever remove it (${LESSON}, "Two tiers").`,
    ).toBe('Signed up late');

    const down = lab.db.failQueries(/SELECT \* FROM profiles/i); // Postgres fails the read: it does not say "no such user"
    const failed = await outcome(a.cache.getProfile(8));
    down();
    expect(
      failed,
      `With Postgres failing the SELECT, getProfile(8) gave ${JSON.stringify(failed)}. null means "no such user"; a database error is not an answer: let it reject, so the caller can tell the two apart (${LESSON}, "Two tiers").`,
    ).toHaveProperty('error');
    expect(await lab.redis.admin.exists(profileKey(lab.redis.prefix, 8)), 'a read that failed in Postgres should leave nothing in Redis').toBe(0);
    expect((await a.cache.getProfile(8))?.displayName, 'once Postgres answers again, getProfile(8) should return the row: the failure is kept in neither tier').toBe('User 8');

    const refused = lab.db.failQueries(/UPDATE profiles/i); // Postgres fails the write too
    const write = await outcome(a.cache.updateProfile(8, { displayName: 'Never committed' }));
    refused();
    expect(
      write,
      `With Postgres failing the UPDATE, updateProfile(8) gave ${JSON.stringify(write)}. null means "no such user", and a value means the change is in Postgres: neither is true. Let the database error reach the caller, who may retry or report it; only Redis errors are the cache's to absorb (${LESSON}, "Two tiers").`,
    ).toHaveProperty('error');
  });

  it('07.2 a repeated read on the same instance is served from L1: no Redis command, no query, and no caller can edit the cached copy', async () => {
    const [a, b] = await instances(2);
    const first = await a.cache.getProfile(2); // from Postgres
    let hit: Profile | null = null;
    const sent = await sentDuring(lab, async () => void (hit = await a.cache.getProfile(2)));
    expect(sent, `The second getProfile(2) sent ${sent.join(', ')} to Redis; an L1 hit sends nothing (${LESSON}, "Two tiers").`).toEqual([]);
    expectQueries(lab.db, profiles, 1, `The second read comes from memory (${LESSON}, "Two tiers").`);
    const fromRedis = await b.cache.getProfile(2); // B's L1 is filled from L2, not from Postgres
    const hitOnB = await b.cache.getProfile(2);
    for (const [who, got, edited] of [['A', 'Postgres', first], ['A', 'an L1 hit', hit], ['B', 'Redis', fromRedis], ['B', 'an L1 hit', hitOnB]] as const) {
      try {
        (edited as { displayName: string } | null)!.displayName = 'Edited by one caller';
      } catch {
        // a frozen profile refuses the edit: that is the point
      }
      const again = await (who === 'A' ? a : b).cache.getProfile(2);
      expect(
        again?.displayName,
        `On ${who}, a caller changed the displayName of the profile it got from ${got}, and the next caller read "${again?.displayName}". L1 hands out references: freeze what you keep (or hand out copies), whichever tier it came from, and on every hit (${LESSON}, "Two tiers").`,
      ).toBe('User 2');
    }
  });

  it("07.3 a second instance finds the first one's copies in Redis: one query per profile for both instances, and a read leaves the copy's TTL alone", async () => {
    const [a, b] = await instances(2);
    const ids = [3, 6, 7];
    const onA = await Promise.all(ids.map((id) => a.cache.getProfile(id))); // several profiles at once
    // As if A had stored them long ago: half the TTL left, a fifth, and a few seconds (where a refresh-ahead would step in).
    const shortened = [150_000, 60_000, 5_000].map((ms) => ms - Math.floor(Math.random() * 500));
    await Promise.all(ids.map((id, i) => lab.redis.admin.pexpire(profileKey(lab.redis.prefix, id), shortened[i]!)));
    const onB = await Promise.all(ids.map((id) => b.cache.getProfile(id)));
    await b.redis.ping(); // whatever B sent on its way out has run,
    await b.redis.ping(); // and whatever it sent once that was answered (a PTTL, then an EXPIRE)
    for (const [i, id] of ids.entries()) {
      const ttl = await lab.redis.admin.pttl(profileKey(lab.redis.prefix, id));
      expect(
        ttl,
        `Profile ${id} had ${shortened[i]} ms left in Redis; after B read it from there, its TTL was ${ttl} ms. A read does not renew the L2 copy, not even one about to expire (a refresh-ahead): the TTL counts from the load, so a copy whose invalidation was lost is served 300 s at most (${LESSON}, "Two tiers").`,
      ).toBeLessThanOrEqual(shortened[i]!);
    }
    expect(onA.map((p) => p?.userId), 'concurrent reads of profiles 3, 6 and 7 should each return their own profile').toEqual(ids);
    expect(onB, 'instance B should read from Redis exactly what A read from Postgres (a JSON round trip changes nothing)').toEqual(onA);
    expectQueries(lab.db, profiles, ids.length, `B misses its own L1 but hits the shared L2 (${LESSON}, "Two tiers").`);
  });
});

describe('L1 is bounded in size and in age', () => {
  const sizeIdea = `An L1 without a size bound grows with every key ever read; keep exactly maxL1Entries and evict the least recently used entry, so the hot ones stay (${LESSON}, "Bounding L1").`;
  const ageIdea = `The age bound caps how long a value whose invalidation was lost can be served. Age counts from when the entry was stored, by options.now; an entry exactly maxL1AgeMs old is still served, one a millisecond older is not (${LESSON}, "Bounding L1").`;

  it('07.4 L1 keeps exactly maxL1Entries, evicting the least recently used entry, where a store counts as a use', async () => {
    const a = await instance({ maxL1Entries: 3 });
    for (const id of [1, 2, 3]) await a.cache.getProfile(id);
    const three = await sentDuring(lab, async () => {
      for (const id of [1, 2, 3]) await a.cache.getProfile(id);
    });
    expect(three, `With maxL1Entries 3, reading profiles 1, 2, 3 again sent ${three.join(', ')} to Redis: three entries should fit.\n${sizeIdea}`).toEqual([]);
    await a.cache.getProfile(1); // 1 is used again just before 4 arrives: 2 is now the least recently used
    await a.cache.getProfile(4);
    const kept = await sentDuring(lab, async () => {
      for (const id of [1, 3, 4]) await a.cache.getProfile(id);
    });
    expect(kept, `After profiles 1, 2, 3, 1, 4, reading 1, 3 and 4 sent ${kept.join(', ')} to Redis: only profile 2, the least recently used, should have left L1.\n${sizeIdea}`).toEqual([]);
    const two = await sentDuring(lab, () => a.cache.getProfile(2));
    expect(two, `Reading profile 2 sent nothing to Redis: with maxL1Entries 3, after profiles 1, 2, 3, 1, 4 it was the least recently used and should have been evicted.\n${sizeIdea}`).toContain('GET');
    // L1 now holds 3, 4, 2. Two requests for profile 5 miss at the same time and both store it:
    // the second store replaces the first, so only one entry (3) has to make room.
    await Promise.all([a.cache.getProfile(5), a.cache.getProfile(5)]);
    const full = await sentDuring(lab, async () => {
      for (const id of [4, 2, 5]) await a.cache.getProfile(id);
    });
    expect(full, `Two reads of profile 5 missed at once and both stored it; reading 4, 2 and 5 then sent ${full.join(', ')} to Redis. Storing a key L1 already holds replaces it and evicts nothing: L1 should still hold 4, 2 and 5.\n${sizeIdea}`).toEqual([]);

    // L1 holds 4, 2, 5. A read of 6 is held in Redis while a second read of 6 stores it (4 leaves), then
    // 2 and 5 are used: L1 holds 6, 2, 5. The held read stores 6 again, which makes 6 the most recently used.
    const held = holdReply(a.redis, profileKey(lab.redis.prefix, 6));
    const late = a.cache.getProfile(6);
    await expectSettlesWithin(held.fetched, BOUND_MS, 'the read of profile 6 reaching Redis', 'getProfile should look in Redis on an L1 miss.');
    await a.cache.getProfile(6);
    for (const id of [2, 5]) await a.cache.getProfile(id);
    held.release();
    await late;
    await a.cache.getProfile(7); // L1 is full: 2 is the least recently used now
    const moved = await sentDuring(lab, async () => {
      for (const id of [5, 6, 7]) await a.cache.getProfile(id);
    });
    expect(moved, `A late read stored profile 6 again after profiles 2 and 5 were used; after profile 7 arrived, reading 5, 6 and 7 sent ${moved.join(', ')} to Redis. Storing a key L1 already holds makes it the most recently used, so profile 2 should have been evicted.\n${sizeIdea}`).toEqual([]);
  });

  it('07.5 an L1 entry older than maxL1AgeMs is read again from Redis (injected clock), counted from when it was stored', async () => {
    let nowMs = 1_000_000;
    const a = await instance({ maxL1AgeMs: 1000, now: () => nowMs });
    for (const round of [1, 2]) {
      await a.cache.getProfile(5); // round 1 fills L1; in round 2 this is the entry refilled at the end of round 1
      nowMs += 600;
      const young = await sentDuring(lab, () => a.cache.getProfile(5)); // a hit must not make the entry young again
      nowMs += 400;
      const edge = await sentDuring(lab, () => a.cache.getProfile(5));
      expect([...young, ...edge], `Round ${round}: read at 600 ms and at exactly 1000 ms old (maxL1AgeMs 1000), the entry went to Redis (${[...young, ...edge].join(', ')}).\n${ageIdea}`).toEqual([]);
      nowMs += 1;
      const old = await sentDuring(lab, () => a.cache.getProfile(5));
      expect(old, `Round ${round}: at 1001 ms after it was stored (read at 600 ms in between), the entry still came from L1.\n${ageIdea}`).toContain('GET');
    }
  });

  it('07.19 by default L1 keeps 1000 profiles and serves each for 5000 ms, measured with Date.now; a bound of 0 is a bound, not a missing option', async () => {
    const ids = Array.from({ length: DEFAULT_MAX_L1_ENTRIES + 1 }, (_, i) => 1001 + i);
    const inRedis = lab.redis.admin.pipeline(); // L2 already holds them, as if other instances had read them
    for (const id of ids) {
      const profile: Profile = { userId: id, displayName: `Reader ${id}`, bio: '', updatedAt: '2026-03-01T10:00:00.123Z' };
      inRedis.set(profileKey(lab.redis.prefix, id), JSON.stringify(profile), 'EX', PROFILE_TTL_SECONDS);
    }
    await inRedis.exec();
    const a = await instance();
    const [oldest, ...rest] = ids as [number, ...number[]];
    await a.cache.getProfile(oldest);
    await Promise.all(rest.map((id) => a.cache.getProfile(id))); // all after the oldest
    const newest = await sentDuring(lab, async () => {
      for (const id of rest) await a.cache.getProfile(id);
    });
    const gets = newest.filter((name) => name === 'GET').length;
    expect(gets, `After ${ids.length} profiles, ${gets} of the ${rest.length} most recent went to Redis again: by default L1 keeps ${DEFAULT_MAX_L1_ENTRIES}.\n${sizeIdea}`).toBe(0);
    const first = await sentDuring(lab, () => a.cache.getProfile(oldest));
    expect(first, `Profile ${oldest}, read first of ${ids.length}, still came from L1: by default L1 keeps ${DEFAULT_MAX_L1_ENTRIES}.\n${sizeIdea}`).toContain('GET');

    let nowMs = 5_000_000;
    const b = await instance({ now: () => nowMs });
    await b.cache.getProfile(1);
    nowMs += DEFAULT_MAX_L1_AGE_MS;
    const edge = await sentDuring(lab, () => b.cache.getProfile(1));
    expect(edge, `At exactly ${DEFAULT_MAX_L1_AGE_MS} ms old (the default maxL1AgeMs) the entry went to Redis.\n${ageIdea}`).toEqual([]);
    nowMs += 1;
    const old = await sentDuring(lab, () => b.cache.getProfile(1));
    expect(old, `At ${DEFAULT_MAX_L1_AGE_MS + 1} ms old the entry still came from L1: the default maxL1AgeMs is ${DEFAULT_MAX_L1_AGE_MS}.\n${ageIdea}`).toContain('GET');

    const c = await instance({ maxL1AgeMs: 1 }); // no clock given: Date.now
    await c.cache.getProfile(2);
    const since = Date.now();
    while (Date.now() - since < 3) await new Promise((resolve) => setTimeout(resolve, 2));
    const expired = await sentDuring(lab, () => c.cache.getProfile(2));
    expect(expired, `With maxL1AgeMs 1 and no clock passed in, an entry 3 ms old by Date.now still came from L1: the default clock is Date.now.\n${ageIdea}`).toContain('GET');

    // 0 is a value the caller chose (L1 off, say, while an incident is investigated): only a missing option takes the default.
    const zeroIdea = `A default stands in for an option that is missing (undefined), not for one that is 0: \`options.maxL1Entries || 1000\` turns "keep nothing" into "keep a thousand". Use ?? (l1Options in contract.ts does).`;
    const none = await instance({ maxL1Entries: 0 });
    await none.cache.getProfile(3);
    const kept = await sentDuring(lab, () => none.cache.getProfile(3));
    expect(kept, `With maxL1Entries 0, a second read of profile 3 came from L1: L1 keeps exactly maxL1Entries profiles, here none.\n${zeroIdea}\n${sizeIdea}`).toContain('GET');
    let zeroMs = 7_000_000;
    const fresh = await instance({ maxL1AgeMs: 0, now: () => zeroMs });
    await fresh.cache.getProfile(4);
    zeroMs += 1;
    const aged = await sentDuring(lab, () => fresh.cache.getProfile(4));
    expect(aged, `With maxL1AgeMs 0, an entry 1 ms old still came from L1: it may be served only while it is exactly 0 ms old.\n${zeroIdea}\n${ageIdea}`).toContain('GET');
  });
});
