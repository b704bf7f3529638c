// Lab 12: the loader lock of lab 04 on a cluster, for keys on every primary.
// (One render per page across processes: page-lock.test.ts, which runs beside this file.)
import { expect, it } from 'vitest';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectSettlesWithin, leastTtlLeft, LIVENESS_MS } from '../../harness/lab/teach.js';
import { tokenBits } from '../../harness/lab/token-bits.js';
import { useCluster } from '../../harness/lab/use-cluster.js';
import { acquireLock, extendLock, releaseLock } from './src/lock.js';
import { LESSON, expectNoStepRefused, interceptSteps, placesOf, recordSteps, suiteClient, watchKeysWithoutTtl } from './shop.support.js';

const cluster = useCluster('12');

it('12.9 the lock takes, refuses, extends and releases for keys on every primary, and only for its holder', { timeout: 15_000 }, async () => {
  const redis = cluster.client();
  const steps = recordSteps(redis);
  const withoutTtl = watchKeysWithoutTtl(cluster, redis);
  const keys = Array.from({ length: 9 }, (_, i) => cluster.key(`lock-${i}`));
  const { slotOf, primaryOf } = await placesOf(cluster, keys);
  const owners = new Set(keys.map((key) => primaryOf(slotOf.get(key)!).port));
  expect(owners.size, 'the suite\'s lock keys cover all three primaries').toBe(3);
  const idea = `A lock is one key, so its SET NX PX goes where the key lives. Its compare-and-delete and compare-and-extend scripts must declare that key in KEYS: a script with no declared key goes to any node, which refuses a key it does not serve (${LESSON}, "What this means for the patterns in the labs"; lab 04).`;
  const tokens = new Set<string>();
  // The time since the call was sent is all a correct TTL can have lost when it is read.
  const expectTtlSince = async (key: string, sentAt: number, ttlMs: number, call: string, expected: string) => {
    const left = await redis.pttl(key);
    const least = leastTtlLeft(ttlMs, sentAt);
    expect(left >= least && left <= ttlMs, `${key} has ${left} ms left after ${call}; expected ${expected}, and at least ${least} ms (${ttlMs} less the time since the call)`).toBe(true);
  };
  // The keys side by side: each waits out a refused acquire of its own.
  await Promise.all(
    keys.map(async (key) => {
      // TTLs that are not whole seconds: a lock's TTL is in milliseconds (PX), not rounded to EX.
      const sent = performance.now();
      const lock = await acquireLock(redis, key, { ttlMs: 2_500, waitMs: 0 });
      expect(lock, `acquireLock(${key}) on a free key`).toMatchObject({ key });
      tokens.add(lock!.token);
      expect(await redis.get(key), `the value of ${key} is the holder's token`).toBe(lock!.token);
      await expectTtlSince(key, sent, 2_500, 'acquireLock with ttlMs 2500', 'that TTL, in milliseconds (PX), set in the same SET');
      // A timer never fires early, so a refusal sooner than waitMs did not wait it out.
      const asked = performance.now();
      const other = await expectSettlesWithin(acquireLock(redis, key, { ttlMs: 2_000, waitMs: 301 }), LIVENESS_MS, 'acquireLock on a held key', idea);
      const refusedAfter = Math.round(performance.now() - asked);
      expect(other, 'a second acquire while the lock is held, after waitMs').toBeNull();
      expect(refusedAfter, `acquireLock(${key}, { waitMs: 301 }) on a held lock returned null after ${refusedAfter} ms; expected it to keep trying for the whole waitMs first, as the lock of lab 04 does.\n${idea}`).toBeGreaterThanOrEqual(299);
      // Tokens that are not the holder's: one with more, one with less at either end.
      for (const token of [`${lock!.token}-not`, lock!.token.slice(1), lock!.token.slice(0, -1)]) {
        const stranger = { key, token };
        expect(await releaseLock(redis, stranger).catch(String), `releaseLock with the token "${token}", on ${key} held by "${lock!.token}"; only the exact token may release`).toBe(false);
        expect(await extendLock(redis, stranger, 9_000).catch(String), `extendLock with the token "${token}", on ${key} held by "${lock!.token}"; only the exact token may extend`).toBe(false);
      }
      // Longer, then shorter: the TTL is set to what is asked, not only lengthened.
      for (const ttlMs of [8_750, 1_234]) {
        const extending = performance.now();
        expect(await extendLock(redis, lock!, ttlMs).catch(String), `extendLock(${ttlMs}) by its holder, on ${key}`).toBe(true);
        await expectTtlSince(key, extending, ttlMs, `extendLock(${ttlMs})`, `${ttlMs} ms, in milliseconds (PEXPIRE): the new TTL, whether longer or shorter`);
      }
      expect(await releaseLock(redis, lock!).catch(String), `releaseLock by its holder, on ${key}`).toBe(true);
      expect(await redis.exists(key), `${key} after its release`).toBe(0);
    }),
  );
  const again = await acquireLock(redis, keys[0]!, { ttlMs: 2_000, waitMs: 0 });
  tokens.add(again!.token);
  await releaseLock(redis, again!);
  expect(tokens.size, `tokens of ${keys.length + 1} acquisitions; expected a new random token each time, so that no holder can pass for another`).toBe(keys.length + 1);
  // Right after the first step of a release or an extend, the lock expires and another holder takes it:
  // a compare and an act sent as two steps then act on the new holder's lock.
  const suite = suiteClient(cluster);
  for (const act of ['releaseLock', 'extendLock'] as const) {
    const client = cluster.client();
    await client.ping();
    const lock = (await acquireLock(client, keys[0]!, { ttlMs: 2_000, waitMs: 0 }))!;
    const successor = `${lock.token}-next-holder`;
    let first = true;
    interceptSteps(client, async (_args, send) => {
      const reply = await send();
      if (first) {
        first = false;
        await suite.set(keys[0]!, successor, 'PX', 2_000);
      }
      return reply;
    });
    await (act === 'releaseLock' ? releaseLock(client, lock) : extendLock(client, lock, 9_000)).catch(String);
    const [value, pttl] = [await suite.get(keys[0]!), await suite.pttl(keys[0]!)];
    expect(
      { value, extended: pttl > 2_000 },
      `The lock expired and passed to another holder right after the first step of ${act}; afterwards the key holds ${value ?? 'nothing'} with ${pttl} ms left. Expected the new holder's lock untouched: compare the token and act in one script, so no other holder can come in between.\n${idea}`,
    ).toEqual({ value: successor, extended: false });
    await suite.del(keys[0]!);
  }
  // Two processes (here with one pid, as every container's first process has) must never draw
  // the same token, and one token must not give away the next: twenty each, on keys of their own.
  const modules = await separateProcesses(2, () => import('./src/lock.js'));
  const drawn = await Promise.all(
    modules.map((module, i) => Promise.all(Array.from({ length: 20 }, (_, n) => module.acquireLock(redis, cluster.key(`token-${i}-${n}`), { ttlMs: 2_000, waitMs: 0 })))),
  );
  const byProcess = drawn.map((locks) => locks.map((lock) => lock!.token));
  expect(
    byProcess[0]![0] === byProcess[1]![0],
    `Two processes' first acquisitions drew the same token, ${byProcess[0]![0]}; expected tokens no other process can draw (randomUUID()): a pid or a counter repeats across hosts and restarts, and a holder whose token another has can release that one's lock.\n${idea}`,
  ).toBe(false);
  const { bits, shortest, symbols } = tokenBits(byProcess);
  expect(
    bits,
    `One process's tokens, such as ${byProcess[0]!.slice(0, 3).join(', ')}, differ from one another in at most ${shortest} characters drawn from ${symbols} symbols: about ${bits} bits. Expected 64 bits or more of each token to be new randomness (randomUUID()): a pid, a clock or a counter beside a random part drawn once lets whoever saw one token work out the next.\n${idea}`,
  ).toBeGreaterThanOrEqual(64);
  await Promise.all(drawn.flat().map((lock) => releaseLock(redis, lock!)));
  expect(withoutTtl.slice(0, 4), `Lock keys without a TTL at the end of a step; expected the TTL in the same SET (NX PX), so a holder that dies right after taking the lock cannot leave it forever.\n${idea}`).toEqual([]);
  await expectNoStepRefused(cluster, steps, idea);
});
