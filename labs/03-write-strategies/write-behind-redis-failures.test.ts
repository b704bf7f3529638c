// Lab 03 checks, part 6b: the write-behind counter when Redis fails: a flush that loses Redis
// after its commit, a flusher that dies after any of its Redis steps, a Redis that refuses
// writes or has forgotten the scripts. A file of its own, so it runs beside part 6.
// Run: npm test labs/03-write-strategies
// Nothing lost, nothing applied twice: a failure is injected at a known step (a held
// statement, a Redis connection cut between two commands, a refused command), never left to timing.
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { ForgottenScripts } from '../../harness/lab/forgotten-scripts.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { interleave } from '../../harness/lab/interleave.js';
import { refuseOnServer, wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, outcomeOf, reach, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, footprint, viewsInPostgres, connectionsLeftInATransaction } = viewCounterHelpers(lab);

/**
 * A connection to a Redis that refuses every write, as a full server under noeviction does:
 * each write command (and every script) is answered with an error, and a MULTI holding one is discarded.
 */
async function refusingWrites(): Promise<Redis> {
  const table = (await lab.redis.admin.call('COMMAND')) as [string, number, string[]][];
  const writes = new Set([...table.filter(([, , flags]) => flags.includes('write')).map(([name]) => name), 'eval', 'evalsha', 'fcall']);
  const client = await lab.redis.readyClient();
  wrapCommands(client, (command, send) => {
    if (writes.has(command.name.toLowerCase())) refuseOnServer(command);
    return send(command);
  });
  return client;
}

describe('write-behind: nothing lost, nothing applied twice, when Redis fails', () => {
  it('03.13 a flush that commits and then loses Redis is not applied again by the next flush', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/view-counter.js'));
    await counter({}, b).flush();
    const empty = await footprint(); // what the buffer's keys hold with nothing buffered
    const redis = lab.redis.client();
    const dying = counter({ redis }, a);
    await record(dying, 9, 3);
    const held = lab.db.holdQueries(/product_views/i);
    const flushing = outcomeOf(dying.flush());
    try {
      await reach(held.reached);
      redis.disconnect(); // Postgres will commit; this process will never tell Redis
    } finally {
      held.release();
    }
    await expectSettlesWithin(flushing, 2000, 'a flush whose Redis connection died', 'flush() must settle (reject) when Redis fails, not hang.');
    await counter({}, b).flush();
    expect(
      await viewsInPostgres(),
      `3 views of product 9 were committed by a flush that died before it could remove its batch from Redis; the next flush (another process) left Postgres as shown as received below, expected { 9: 3 }. ` +
        `Retrying a batch is only safe if Postgres can tell it was already applied: record the batch id in the same transaction (markBatchApplied) and skip a batch already recorded (${LESSON}, "Exactly once: the batch id").`,
    ).toEqual({ 9: 3 });
    const open = await connectionsLeftInATransaction();
    expect(
      open,
      `The next flush skipped the batch already applied, but left ${open} connection(s) of the pool inside its transaction: a batch found applied must still end its transaction (ROLLBACK) before the connection goes back to the pool (${LESSON}, "Exactly once: the batch id").`,
    ).toBe(0);
    await counter({}, b).flush();
    const after = await footprint();
    expect(
      after,
      `Once the batch the dying flush committed was found applied, and another flush found nothing, the buffer's keys hold ${after.entries} entries in ${after.keys} keys; with nothing buffered they held ${empty.entries} in ${empty.keys}. ` +
        `A batch found already applied is done: forget it in Redis as after your own commit (${LESSON}, "Exactly once: the batch id"), or every later flush opens a transaction for it again, for ever.`,
    ).toEqual(empty);
  });


  it('03.23 a flusher that dies after any of its Redis steps loses nothing, and another process applies its batch exactly once', async () => {
    const [dead, alive] = await separateProcesses(2, () => import('./src/view-counter.js'));
    const expected: Record<number, number> = { 17: 0, 18: 0 };
    for (let k = 1; k <= 20; k += 1) {
      const redis = await lab.redis.readyClient();
      const dying = counter({ redis }, dead);
      await Promise.all([record(dying, 17, 2), record(dying, 18, 1)]);
      [expected[17], expected[18]] = [expected[17]! + 2, expected[18]! + 1];
      let step = 0;
      const gaps = interleave(redis, async () => {
        step += 1;
        if (step === k) redis.disconnect(); // the process dies here: after its step k, before step k + 1
      });
      const outcome = await expectSettlesWithin(outcomeOf(dying.flush()), 2000, `a flush that died after its Redis step ${k}`, 'flush() must settle (reject) when Redis fails, not hang.');
      gaps.stop();
      const finished = await expectSettlesWithin(outcomeOf(counter({}, alive).flush()), 2000, 'the next flush, in another process', 'A flush must not wait for ever on what a dead flusher left (an open transaction, a lock without a TTL).');
      expect(
        await viewsInPostgres(),
        `A flusher died after its Redis command ${k} (its flush ${outcome}); another process then flushed (${finished}), and Postgres holds what is shown as received below, expected ${JSON.stringify(expected)}. ` +
          `Every step of a flush must leave Redis in a state another process can finish from: claim a batch and list it in ONE step (a Lua script), keep the list in Redis (not in process memory), ` +
          `forget a batch only after its commit, and skip a batch whose id Postgres has already recorded (${LESSON}, "Flushing in batches" and "Exactly once: the batch id").`,
      ).toEqual(expected);
      if (gaps.runs < k) break; // the flush had fewer than k gaps: it has died at every one
    }

    // Last, a flusher that dies after its last Redis step before the commit, while its write is in Postgres's hands.
    const redis = await lab.redis.readyClient();
    const dying = counter({ redis }, dead);
    await Promise.all([record(dying, 17, 2), record(dying, 18, 1)]);
    [expected[17], expected[18]] = [expected[17]! + 2, expected[18]! + 1];
    const held = lab.db.holdQueries(/product_views/i);
    const flushing = outcomeOf(dying.flush());
    try {
      await reach(held.reached);
      redis.disconnect(); // the process dies: its Redis connection closes...
      lab.db.failQueries(/[\s\S]/, new Error('injected: the flushing process died')); // ...and its transaction never commits
    } finally {
      held.release();
    }
    const outcome = await expectSettlesWithin(flushing, 2000, 'a flush that died while Postgres had its write', 'flush() must settle (reject) when Postgres and Redis fail, not hang.');
    lab.db.clearFaults();
    const finished = await outcomeOf(counter({}, alive).flush());
    expect(
      await viewsInPostgres(),
      `A flusher took 2 views of product 17 and 1 of product 18 and died while Postgres had its write (its flush ${outcome}); another process then flushed (${finished}), and Postgres holds what is shown as received below, expected ${JSON.stringify(expected)}. ` +
        `Until its commit a batch must stay in Redis, listed where the next flush finds it: a batch taken out of Redis into process memory (HGETALL and DEL, even in one MULTI) dies with the process (${LESSON}, "Flushing in batches").`,
    ).toEqual(expected);
  });


  it('03.24 when Redis refuses, recordView and flush reject and lose nothing; a Redis that forgot the scripts still flushes', async () => {
    const refusing = counter({ redis: await refusingWrites() });
    const recorded = await outcomeOf(refusing.recordView(19));
    expect(
      recorded,
      `With Redis refusing every write, recordView(19) ${recorded}; expected it to reject. recordView resolves only once the view would survive this process dying: ` +
        `a view kept in memory, or dropped after logging, is a view the caller believes is safe and is not (${LESSON}, "A buffer that survives the process").`,
    ).toMatch(/^rejected/);
    const healthy = counter();
    await record(healthy, 19, 3);
    const refusedFlush = await outcomeOf(refusing.flush());
    const applied = await healthy.flush();
    expect(
      refusedFlush,
      `With Redis refusing every write, flush() ${refusedFlush}; expected it to reject. A flush that claimed nothing has applied nothing: resolving (with 0, or after logging) tells the caller, ` +
        `and close(), that the views are in Postgres while they wait in Redis (${LESSON}, "When a flush fails").`,
    ).toMatch(/^rejected/);
    expect(
      await viewsInPostgres(),
      `3 views of product 19 were recorded; a flush on a Redis refusing writes ${refusedFlush}, then a healthy flush resolved with ${applied}. Postgres holds what is shown as received below, expected { 19: 3 }. ` +
        `A flush that cannot claim or forget a batch must leave the views where they are (${LESSON}, "When a flush fails").`,
    ).toEqual({ 19: 3 });
    // A counter that has run every script it uses once, then the server restarts.
    const server = new ForgottenScripts();
    const forgetful = counter({ redis: server.attach(lab.redis.client()) });
    await record(forgetful, 20, 1);
    await forgetful.flush();
    server.forget();
    await record(forgetful, 20, 2);
    const afterRestart = await outcomeOf(forgetful.flush());
    expect(
      afterRestart,
      `On a Redis that has forgotten its scripts (restarted, or failed over to a replica without the script cache: EVALSHA answers NOSCRIPT), flush() ${afterRestart}; expected it to resolve with 2. ` +
        `Send the script with EVAL when EVALSHA says NOSCRIPT (ioredis's defineCommand does); a script loaded once is gone after the restart (Lesson 08, Redis as a cache, "Fewer round trips, atomic steps").`,
    ).toBe('resolved with 2');
  });
});
