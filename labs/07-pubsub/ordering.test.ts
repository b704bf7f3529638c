// Lab 07 checks, part 3: races against the database and faults in Redis. Run: npm test labs/07-pubsub
// Every race here is opened on purpose, never by luck: the suite holds the UPDATE in
// Postgres, or holds one instance's Redis commands or replies, and acts in the gap.
import type { Command } from 'ioredis';
import { describe, expect, it, onTestFinished } from 'vitest';
import { expectEventWithin } from '../../harness/lab/expect-event.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { holdCommands, holdReply } from '../../harness/lab/hold.js';
import { expectSettlesWithin, outcome } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { appInstances, BOUND_MS, handled, LESSON } from './instances.support.js';
import { profileKey, PROFILE_TTL_SECONDS } from './src/contract.js';

const lab = useLab('07');
const { instance, instances } = appInstances(lab);
const key = (userId: number) => profileKey(lab.redis.prefix, userId);

const displayName = async (userId: number) => (await lab.db.sql<{ display_name: string }>('SELECT display_name FROM profiles WHERE user_id = $1', [userId]))[0]!.display_name;

describe('order against the database commit', () => {
  it('07.14 readers during the UPDATE cannot leave the old profile cached: invalidation comes after the commit', async () => {
    const [a, b, c] = await instances(3);
    await a.cache.getProfile(1);
    await b.cache.getProfile(1);
    let phase = 'while the UPDATE ran';
    const heardOnB: string[] = [];
    b.cache.on('invalidated', (keys) => keys.includes(key(1)) && heardOnB.push(phase));
    const held = lab.db.holdQueries(/UPDATE profiles/i); // the UPDATE is in flight, not committed
    onTestFinished(held.release);
    a.subscriber.stream.pause(); // A's own message is slow to come back to it: only A's write itself may drop A's copy
    onTestFinished(() => void a.subscriber.stream.resume());
    const write = a.cache.updateProfile(1, { displayName: 'Committed name' });
    await expectSettlesWithin(held.reached, BOUND_MS, 'the UPDATE of profile 1', 'updateProfile should run updateProfileRow from the contract.');
    await handled([a.redis], [b, c]); // whatever A announced before its UPDATE has arrived
    await a.cache.getProfile(1); // the writer serves requests during its own UPDATE too
    await b.cache.getProfile(1); // requests keep coming while the UPDATE runs
    await c.cache.getProfile(1); // C has nothing in L1: it reads L2, or Postgres, which still has the old row
    held.release();
    await expectSettlesWithin(write, BOUND_MS, 'updateProfile(1) once the UPDATE was released', 'It should finish once Postgres answers.');
    phase = 'after the commit';
    const own = await a.cache.getProfile(1);
    expect(
      own?.displayName,
      `A read profile 1 during its own UPDATE; once updateProfile resolved (its own message not back yet), A read "${own?.displayName}". A copy the writer drops before the commit is refilled by a read in the gap, from L2 or from the old row, and nothing drops it again: drop your own copy after the commit, with the DEL (UPDATE, DEL, drop, PUBLISH) (${LESSON}, "Telling the other instances").`,
    ).toBe('Committed name');
    a.subscriber.stream.resume();
    await handled([a.redis], [b, c]);
    const told = heardOnB.length === 0 ? 'B never heard an invalidation for profile 1 (see 07.6).' : `B heard the invalidation ${heardOnB.join(', then ')}.`;
    const d = await instance(); // arrives after the write: empty L1, reads L2
    for (const [who, inst] of [['B', b], ['C', c], ['D, started after the write,', d]] as const) {
      const seen = await inst.cache.getProfile(1);
      expect(
        seen?.displayName,
        `After the write committed, ${who} read "${seen?.displayName}". ${told} If the invalidation runs before the commit, a reader that finds the old profile gone (L2 deleted, or L1 dropped by an early message) reads the old row again and caches it, and nothing removes it afterwards. Invalidate after the commit: UPDATE, then DEL, then PUBLISH (${LESSON}, "Telling the other instances").`,
      ).toBe('Committed name');
    }

    // A read on the writer that begins during its UPDATE and gets Redis's answer only after
    // the write resolved: the writer's own drop came after the read began, so it must not keep what it read.
    await lab.redis.admin.set(key(2), JSON.stringify(await c.cache.getProfile(2)), 'EX', PROFILE_TTL_SECONDS); // in L2, not in A's L1
    a.subscriber.stream.pause();
    const heldAgain = lab.db.holdQueries(/UPDATE profiles/i);
    onTestFinished(heldAgain.release);
    const write2 = a.cache.updateProfile(2, { displayName: 'Committed while A read' });
    await expectSettlesWithin(heldAgain.reached, BOUND_MS, 'the UPDATE of profile 2', 'updateProfile should run updateProfileRow from the contract.');
    const slowRead = holdReply(a.redis, key(2));
    const reading = a.cache.getProfile(2);
    await expectSettlesWithin(slowRead.fetched, BOUND_MS, "A's read of profile 2 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
    heldAgain.release();
    await expectSettlesWithin(write2, BOUND_MS, 'updateProfile(2) once the UPDATE was released', 'It should finish once Postgres answers.');
    slowRead.release();
    await reading; // this caller may get the old profile: it asked before the commit
    const after2 = await a.cache.getProfile(2);
    expect(
      after2?.displayName,
      `A read of profile 2 on A began during A's own UPDATE and got the old copy from Redis after the write had resolved; the next read on A served "${after2?.displayName}". Count the writer's drop as an invalidation when it happens, after the commit (bump the counter there, not before the UPDATE): a read that began before the drop must not keep what it fetched (${LESSON}, "Two tiers").`,
    ).toBe('Committed while A read');
  });
});

describe('two operations racing on one profile', () => {
  it('07.15 a read that fetched the old value just before an invalidation does not keep it in L1', async () => {
    const [a, b] = await instances(2);
    await a.cache.getProfile(2); // the old profile is in L2
    const slow = holdReply(b.redis, key(2)); // B's read gets its answer only after the invalidation
    const read = b.cache.getProfile(2);
    await expectSettlesWithin(slow.fetched, BOUND_MS, "B's read of profile 2 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
    const heard = expectEventWithin<[string[]]>(b.cache, 'invalidated', { what: `'invalidated' naming ${key(2)} on B`, idea: `B must hear A's write (${LESSON}, "Telling the other instances").`, boundMs: BOUND_MS, accept: (keys) => keys.includes(key(2)) });
    await a.cache.updateProfile(2, { displayName: 'Renamed during the read' });
    await heard;
    slow.release();
    await read; // this caller may get the old value: it asked before the write
    const next = await b.cache.getProfile(2);
    expect(
      next?.displayName,
      `B's read fetched profile 2 from Redis, then the invalidation arrived, then the read put what it had fetched into L1: the next read served "${next?.displayName}". Note a counter that every invalidation and flush bumps before the fetch, and keep the value in L1 only if it has not moved (${LESSON}, "Two tiers").`,
    ).toBe('Renamed during the read');

    // The same race when the read misses Redis too: it loads the old row from Postgres and fills
    // L2 (the SET lands before A's DEL), and its reply comes back only after the invalidation.
    const miss = holdReply(b.redis, key(7)); // the read that finds nothing in Redis
    const load = b.cache.getProfile(7);
    await expectSettlesWithin(miss.fetched, BOUND_MS, "B's read of profile 7 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
    const filling = holdReply(b.redis, key(7)); // the next command naming the key: the fill of L2
    miss.release();
    await expectSettlesWithin(filling.fetched, BOUND_MS, "B's fill of Redis with profile 7 from Postgres", 'On a miss in both tiers getProfile should load Postgres and SET the copy in Redis (07.1).');
    const heard7 = expectEventWithin<[string[]]>(b.cache, 'invalidated', { what: `'invalidated' naming ${key(7)} on B`, idea: `B must hear A's write (${LESSON}, "Telling the other instances").`, boundMs: BOUND_MS, accept: (keys) => keys.includes(key(7)) });
    await a.cache.updateProfile(7, { displayName: 'Renamed during the load' });
    await heard7;
    filling.release();
    await load;
    const seven = await b.cache.getProfile(7);
    expect(
      seven?.displayName,
      `B's read loaded profile 7 from Postgres and filled Redis, then the invalidation arrived, then the read put the row it had loaded into L1: the next read served "${seven?.displayName}". A row from the database is only as fresh as the moment it was read: check the counter before filling L1 whichever tier answered (${LESSON}, "Two tiers").`,
    ).toBe('Renamed during the load');

    // Two requests for profile 8 on B at once: both fetched the old copy from Redis before the invalidation.
    await a.cache.getProfile(8);
    const fetchOf8 = (nth: number) => {
      let seen = 0;
      return (command: Command) => command.args.some((arg) => String(arg) === key(8)) && ++seen === nth;
    };
    const firstRead = holdReply(b.redis, fetchOf8(1));
    const secondRead = holdReply(b.redis, fetchOf8(2));
    let fetchedTwice = false;
    void secondRead.fetched.then(() => (fetchedTwice = true));
    const reads = [b.cache.getProfile(8), b.cache.getProfile(8)];
    await expectSettlesWithin(firstRead.fetched, BOUND_MS, "B's reads of profile 8 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
    await b.redis.ping(); // the second read's fetch, if it sent one, has been answered by now (a cache that shares one fetch between them sends none)
    const heard8 = expectEventWithin<[string[]]>(b.cache, 'invalidated', { what: `'invalidated' naming ${key(8)} on B`, idea: `B must hear A's write (${LESSON}, "Telling the other instances").`, boundMs: BOUND_MS, accept: (keys) => keys.includes(key(8)) });
    await a.cache.updateProfile(8, { displayName: 'Renamed during two reads' });
    await heard8;
    firstRead.release();
    await reads[0];
    secondRead.release();
    await Promise.all(reads);
    const eight = await b.cache.getProfile(8);
    expect(
      eight?.displayName,
      `Two reads of profile 8 on B ${fetchedTwice ? 'each fetched' : 'fetched'} the old copy, then the invalidation arrived, then the reads finished one after the other: the next read served "${eight?.displayName}". A mark that the first read to finish uses up leaves the second one free to keep the old value; a counter that every invalidation bumps, compared by each read with the value it noted when it began, stops them all (${LESSON}, "Two tiers").`,
    ).toBe('Renamed during two reads');

    // A read that begins after the invalidation, while a fetch begun before it is still out.
    await a.cache.getProfile(10);
    const early = holdReply(b.redis, key(10));
    const before = b.cache.getProfile(10);
    await expectSettlesWithin(early.fetched, BOUND_MS, "B's read of profile 10 reaching Redis", 'getProfile should look in Redis on an L1 miss.');
    const heard10 = expectEventWithin<[string[]]>(b.cache, 'invalidated', { what: `'invalidated' naming ${key(10)} on B`, idea: `B must hear A's write (${LESSON}, "Telling the other instances").`, boundMs: BOUND_MS, accept: (keys) => keys.includes(key(10)) });
    await a.cache.updateProfile(10, { displayName: 'Renamed before the second read' });
    await heard10;
    const after = b.cache.getProfile(10); // asked after B heard of the write
    await b.redis.ping(); // its own fetch, if it sent one, has been answered by now
    early.release();
    const [, late] = await Promise.all([before, after]);
    const ten = await b.cache.getProfile(10);
    expect(
      [late?.displayName, ten?.displayName],
      `A read of profile 10 on B was waiting for Redis when B heard of A's write; a second read, begun after that, answered "${late?.displayName}", and the next one "${ten?.displayName}". Only a read that fetched before the invalidation may answer with what it fetched: one begun after it must not join that fetch (a single-flight map shared across an invalidation hands it the old value, and lets it keep it). Key the shared fetch by the counter too, or drop it when the counter moves (${LESSON}, "Two tiers").`,
    ).toEqual(['Renamed before the second read', 'Renamed before the second read']);
  });

  it('07.16 two writers racing on one profile: afterwards every instance reads the row Postgres holds', async () => {
    const [a1, a2] = await instances(2);
    await a1.cache.getProfile(3);
    await a2.cache.getProfile(3); // both writers hold the old profile, in L1 and in L2
    const stalled = holdCommands(a1.redis); // A1 commits, then stalls before it touches Redis (a GC pause, a slow network)
    const first = a1.cache.updateProfile(3, { displayName: 'First writer' });
    await expectSettlesWithin(stalled.reached, BOUND_MS, "A1's first Redis command in updateProfile", 'updateProfile should invalidate in Redis.');
    await a2.cache.updateProfile(3, { displayName: 'Second writer' });
    await a1.subscriber.ping(); // A2's message has reached A1 (only A1's command connection stalls)
    a1.subscriber.stream.pause(); // A1's own message is slow to come back to it
    onTestFinished(() => void a1.subscriber.stream.resume());
    stalled.release();
    await expectSettlesWithin(first, BOUND_MS, "A1's updateProfile once released", 'It should finish once Redis answers.');
    const truth = await displayName(3);
    const own = await a1.cache.getProfile(3);
    expect(
      own?.displayName,
      `Two writers changed profile 3; Postgres holds "${truth}", and A1, whose older write finished last, read "${own?.displayName}" before its own message came back. A writer that stores its own profile in L1 instead of dropping the copy keeps the older value when another write committed after its own; drop the copy, and the next read loads whatever committed last (${LESSON}, "Telling the other instances").`,
    ).toBe(truth);
    a1.subscriber.stream.resume();
    await handled([a1.redis, a2.redis], [a1, a2]);
    const d = await instance();
    for (const [who, inst] of [['D, started afterwards,', d], ['A1', a1], ['A2', a2]] as const) {
      const seen = await inst.cache.getProfile(3);
      expect(
        seen?.displayName,
        `Two writers changed profile 3; Postgres holds "${truth}" and ${who} read "${seen?.displayName}". A write that puts its own value into Redis can land after a newer one and leave the older profile for the full TTL; delete the L2 key instead, and the next read loads whatever committed last (${LESSON}, "Telling the other instances").`,
      ).toBe(truth);
    }
  });
});

describe('when Redis fails', () => {
  it('07.18 Redis failing never fails a request: reads fall back to Postgres, a write stands, and the writer drops its own copy', async () => {
    let nowMs = 2_000_000;
    const maxL1AgeMs = 1_000 + Math.floor(Math.random() * 900); // not a round number, new every run
    const a = await instance({ maxL1AgeMs, now: () => nowMs });
    await a.cache.getProfile(4);
    await a.cache.getProfile(9); // in L1 from before Redis fails
    // How many more commands Redis answers before it fails them all (Infinity: it is up)
    let answered = Infinity;
    wrapCommands(a.redis, (command, send) => {
      if (answered-- > 0) return send(command);
      command.reject(new Error('Connection is closed.')); // what ioredis says when Redis goes away
      return command.promise;
    });
    onTestFinished(() => void (answered = Infinity));
    const idea = `A cache failure must not fail the request. Redis errors cost a database read; a write that committed stands, and its invalidation does what it can: the L2 TTL and the L1 age bound how long others may see the old value (${LESSON}, "Two tiers").`;

    answered = 1; // Redis answers the read's first command (profile 6 is in neither tier), then goes away
    const filled = await expectSettlesWithin(outcome(a.cache.getProfile(6)), BOUND_MS, 'getProfile(6) with Redis failing after its first answer', idea);
    expect(filled, `Redis answered getProfile(6)'s first command, then failed; the read gave ${JSON.stringify(filled)}. It had the profile from Postgres already: a failed fill of L2 costs nothing but the copy.\n${idea}`).toMatchObject({ value: { userId: 6, displayName: 'User 6' } });
    answered = 0; // from now on Redis fails every command

    const read = await expectSettlesWithin(outcome(a.cache.getProfile(5)), BOUND_MS, 'getProfile(5) with Redis failing', idea);
    expect(read, `With Redis failing, getProfile(5) gave ${JSON.stringify(read)}; it should read Postgres and return the profile.\n${idea}`).toMatchObject({ value: { userId: 5, displayName: 'User 5' } });
    try {
      (read as { value: { displayName: string } }).value.displayName = 'Edited by one caller';
    } catch {
      // a frozen profile refuses the edit: that is the point
    }
    const reread = await a.cache.getProfile(5);
    expect(
      reread?.displayName,
      `With Redis failing, a caller changed the displayName of the profile getProfile(5) gave it from Postgres, and the next caller read "${reread?.displayName}". Freeze what L1 keeps on every path, the one taken when Redis fails included (${LESSON}, "Two tiers").`,
    ).toBe('User 5');

    // Postgres fails too: a read has no answer to give, which is neither "no such user" nor a copy of any age.
    const dbDown = lab.db.failQueries(/SELECT \* FROM profiles/i);
    const nothing = await expectSettlesWithin(outcome(a.cache.getProfile(7)), BOUND_MS, 'getProfile(7) with Redis and Postgres failing', idea);
    nowMs += maxL1AgeMs + 1; // and A's copy of profile 9 is past its age bound
    const stale = await expectSettlesWithin(outcome(a.cache.getProfile(9)), BOUND_MS, 'getProfile(9) with Redis and Postgres failing', idea);
    dbDown();
    expect(nothing, `With Redis and Postgres both failing, getProfile(7) gave ${JSON.stringify(nothing)}; expected it to reject. null says "no such user": a Redis failure sends the read to Postgres, and a Postgres error there rejects as it does with Redis up.\n${idea}`).toHaveProperty('error');
    expect(stale, `With Redis and Postgres both failing, getProfile(9), whose L1 copy was past maxL1AgeMs, gave ${JSON.stringify(stale)}; expected it to reject. An entry past the age bound is never served, not even as a last resort when both stores fail: nothing then bounds how old it is.\n${idea}`).toHaveProperty('error');
    nowMs -= maxL1AgeMs + 1;

    const write = await expectSettlesWithin(outcome(a.cache.updateProfile(4, { displayName: 'Renamed while Redis failed' })), BOUND_MS, 'updateProfile(4) with Redis failing', idea);
    expect(write, `With Redis failing, updateProfile(4) gave ${JSON.stringify(write)}, although Postgres committed the change; it should resolve with the new profile.\n${idea}`).toMatchObject({ value: { displayName: 'Renamed while Redis failed' } });
    expect(await displayName(4), 'the change should be in Postgres').toBe('Renamed while Redis failed');

    const own = await expectSettlesWithin(outcome(a.cache.getProfile(4)), BOUND_MS, 'getProfile(4) with Redis failing', idea);
    expect(
      own,
      `After its own write, with Redis failing, A read ${JSON.stringify(own)}; expected the new profile. Drop your own L1 copy whatever Redis answers (the DEL failed), and read Postgres when Redis cannot answer.\n${idea}`,
    ).toMatchObject({ value: { displayName: 'Renamed while Redis failed' } });

    // Another instance changes profile 9 meanwhile: its commit stands, its DEL and PUBLISH fail, and A's copy grows old.
    await lab.db.sql(`UPDATE profiles SET display_name = 'Renamed elsewhere while Redis failed', updated_at = now() WHERE user_id = 9`);
    nowMs += maxL1AgeMs + 1;
    const aged = await expectSettlesWithin(outcome(a.cache.getProfile(9)), BOUND_MS, 'getProfile(9) with Redis failing', idea);
    expect(
      aged,
      `A's L1 copy of profile 9 was ${maxL1AgeMs + 1} ms old (maxL1AgeMs ${maxL1AgeMs}) and Redis was failing; A read ${JSON.stringify(aged)}, while Postgres holds "Renamed elsewhere while Redis failed". With Redis down no invalidation arrives, so the age bound is all that limits how long a copy is served: an entry past it is never served, not even when Redis fails; read Postgres.\n${idea}`,
    ).toMatchObject({ value: { displayName: 'Renamed elsewhere while Redis failed' } });
    answered = Infinity;
  });
});
