// Lab 03 checks, part 6: the write-behind counter when things fail and flushers race.
// Run: npm test labs/03-write-strategies
// Nothing lost, nothing applied twice: failures are injected at known steps (a held or
// failed statement, a Redis connection cut between two commands), never left to timing.
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { interleave } from '../../harness/lab/interleave.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import type { ViewCounter } from './src/contract.js';
import { LESSON, outcomeOf, record, refuseOnServer, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, viewsInPostgres } = viewCounterHelpers(lab);

/** Failed flushes in a row in 03.12: more batches than a flush that applies "a few at a time" would take. */
const PILED_UP = 40;

const reach = (reached: Promise<void>) =>
  expectSettlesWithin(reached, 2000, 'the flush reaching its write to product_views', 'flush() must add the views to the product_views table.');

/**
 * How many connections of the code's pool sit inside a transaction nobody finished: asks
 * each idle one whether its transaction began before this statement (a leftover BEGIN).
 */
async function connectionsLeftInATransaction(): Promise<number> {
  const pool = lab.db.pool;
  const clients = await Promise.all(Array.from({ length: pool.idleCount }, () => pool.connect()));
  try {
    const answers = await Promise.all(clients.map((c) => c.query<{ open: boolean }>('SELECT transaction_timestamp() <> statement_timestamp() AS open')));
    return answers.filter((answer) => answer.rows[0]?.open).length;
  } finally {
    for (const client of clients) client.release();
  }
}

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

describe('write-behind: nothing lost, nothing applied twice', () => {
  it('03.12 a flush that fails is retried by the next one, however many failed before it: nothing lost or expired, nothing applied twice', async () => {
    const views = counter();
    await Promise.all([record(views, 7, 2), record(views, 8, 3)]);
    const attempts: string[] = [];

    // 1. Postgres refuses the write, through a dozen flushes with a view of product 15 before each.
    lab.db.failQueries(/product_views/i, new Error('injected: product_views unavailable'));
    attempts.push(await outcomeOf(views.flush()));
    for (let i = 0; i < PILED_UP; i += 1) {
      await views.recordView(15);
      await outcomeOf(views.flush());
    }
    lab.db.clearFaults();
    expect(attempts[0], `While Postgres refused writes, flush() ${attempts[0]}; expected it to reject, so the caller (or the timer's log) learns of it.`).toMatch(/^rejected/);
    const expiring = (await lab.redis.keys()).filter((key) => key.pttlMs !== -1);
    expect(
      expiring.map(({ key, pttlMs }) => `${key} (PTTL ${pttlMs} ms)`),
      `After ${PILED_UP + 1} flushes failed, these keys hold the views they had taken, with a TTL. What a failed flush leaves (a claimed batch, the list of batches) is the only copy of those views, as the buffer was: ` +
        `if Postgres stays down for longer than that TTL, they vanish. Claiming a batch must not give it a TTL (${LESSON}, "When a flush fails").`,
    ).toEqual([]);

    // 2. The connection dies right after the write to product_views reached Postgres.
    await record(views, 7, 1);
    const held = lab.db.holdQueries(/product_views/i);
    const dying = outcomeOf(views.flush());
    try {
      await reach(held.reached);
      lab.db.failQueries(/[\s\S]/, new Error('injected: connection lost')); // every later statement fails
    } finally {
      held.release();
    }
    attempts.push(await expectSettlesWithin(dying, 2000, 'a flush whose connection died', 'flush() must settle (reject) when Postgres fails, not hang.'));
    lab.db.clearFaults();

    // 3. The COMMIT fails (a flush without a transaction has none, and simply succeeds here).
    await record(views, 8, 1);
    lab.db.failQueries(/^\s*(COMMIT|END)\b/i, new Error('injected: COMMIT failed'));
    attempts.push(await outcomeOf(views.flush()));
    lab.db.clearFaults();

    // 4. The write fails, and so does the ROLLBACK: the connection is in an unknown state.
    await record(views, 7, 1);
    lab.db.failQueries(/product_views/i, new Error('injected: product_views unavailable'));
    lab.db.failQueries(/^\s*ROLLBACK\b/i, new Error('injected: ROLLBACK failed'));
    attempts.push(await outcomeOf(views.flush()));
    lab.db.clearFaults();

    // 5. Postgres is back, and a new view waits beside the batches the failures left.
    await record(views, 9, 1);
    attempts.push(await outcomeOf(views.flush()));
    const idea =
      `Recorded: product 7 four times, product 8 four times, product 15 ${PILED_UP} times (one view before each of ${PILED_UP} more flushes that failed), between failures of the write, the connection, the COMMIT and the ROLLBACK (flush() ${attempts.join('; ')}), and product 9 once, just before the flush that succeeded. ` +
      `The next flush after a failure applies everything that waits, however many flushes failed before it and whether or not it has new views of its own: not a fixed number of batches. ` +
      `A failed flush must leave its batch in Redis for the next one, and a batch must be added and marked applied in ONE transaction: forget the batch before the commit and it is lost; ` +
      `add it outside a transaction and a retry adds part of it twice; hand back a connection whose ROLLBACK failed (release() without the error) and the next flush runs inside the dead transaction (${LESSON}, "When a flush fails").`;
    const all = { 7: 4, 8: 4, 9: 1, 15: PILED_UP };
    expect(await viewsInPostgres(), `After the failures and one good flush, Postgres holds what is shown as received below, expected ${JSON.stringify(all)}. ${idea}`).toEqual(all);
    await views.flush();
    expect(await viewsInPostgres(), `A further flush changed Postgres to what is shown as received below: something was applied twice. ${idea}`).toEqual(all);
    const open = await connectionsLeftInATransaction();
    expect(open, `${open} connection(s) of the pool are still inside a transaction the flush began and never ended; the next user of that connection runs inside it. ${idea}`).toBe(0);
  });

  it('03.13 a flush that commits and then loses Redis is not applied again by the next flush', async () => {
    const [a, b] = await separateProcesses(2, () => import('./src/view-counter.js'));
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
      await viewsInPostgres(),
      `3 views of product 19 were recorded; a flush on a Redis refusing writes ${refusedFlush}, then a healthy flush resolved with ${applied}. Postgres holds what is shown as received below, expected { 19: 3 }. ` +
        `A flush that cannot claim or forget a batch must leave the views where they are (${LESSON}, "When a flush fails").`,
    ).toEqual({ 19: 3 });
    const forgetful = counter({ redis: lab.redis.refusingClient(['evalsha'], new Error('NOSCRIPT No matching script. Please use EVAL.')) });
    await record(forgetful, 20, 2);
    const afterRestart = await outcomeOf(forgetful.flush());
    expect(
      afterRestart,
      `On a Redis that answers every EVALSHA with NOSCRIPT (restarted, or failed over to a replica without the script cache), flush() ${afterRestart}; expected it to resolve with 2. ` +
        `Send the script with EVAL when EVALSHA says NOSCRIPT (ioredis's defineCommand does) (Lesson 08, Redis as a cache, "Fewer round trips, atomic steps").`,
    ).toBe('resolved with 2');
  });
});

/** Resolves once `client` has had the reply to the next command it sends (or its error). */
function nextReply(client: Redis): Promise<void> {
  let armed = true;
  let signal!: () => void;
  const replied = new Promise<void>((resolve) => (signal = resolve));
  wrapCommands(client, (command, send) => {
    if (armed) {
      armed = false;
      command.promise.then(signal, signal);
    }
    return send(command);
  });
  return replied;
}

describe('write-behind: concurrent writers and flushers', () => {
  it('03.14 4 writers x 250 concurrent views, flushed by two workers at once, land as exactly 1000; a flush started between any two steps of another applies nothing twice', async () => {
    const [a, b, c] = await separateProcesses(3, () => import('./src/view-counter.js'));
    const writers = [a, b, a, b].map((module) => counter({}, module)); // four web instances, in two processes
    const workers = [c, a].map((module) => counter({}, module)); // two workers, in two processes
    const applied: number[] = [];
    const flushBy = (worker: ViewCounter) => worker.flush().then((n) => void applied.push(n));
    // The workers flush while the writers write, then both at once after them.
    await Promise.all([...writers.flatMap((w) => [record(w, 10, 125), record(w, 11, 125)]), ...workers.map(flushBy)]);
    await Promise.all(workers.map(flushBy));
    const idea =
      `Count with one atomic command in Redis (HINCRBY), never read-add-write; make two flushes, in any processes, unable to take or apply the same views twice: ` +
      `take the pending views out of the way atomically before writing them (RENAME to a batch key), and apply a batch at most once (its id marked in the same transaction). ` +
      `A lock or flag in process memory does not reach the other process (${LESSON}, "Concurrent writers and flushers").`;
    expect(
      await viewsInPostgres(),
      `Four writers (in two processes) each recorded 125 views of product 10 and 125 of product 11, all at once, while two worker processes flushed, and then both flushed at the same time; ` +
        `Postgres holds what is shown as received below, expected { 10: 500, 11: 500 }. ${idea}`,
    ).toEqual({ 10: 500, 11: 500 });
    const total = applied.reduce((sum, n) => sum + n, 0);
    expect(total, `The four flushes resolved with ${applied.join(', ')}, ${total} in all; expected 1000: each resolves with what it added itself, not what another flush added.`).toBe(1000);

    // Two flushes overlapping at every step, on purpose: worker B starts its flush (and a writer
    // records two more views) between worker A's Redis commands k and k + 1; both then run on.
    const expected = { 10: 500, 11: 500 };
    for (let k = 1; k <= 10; k += 1) {
      await record(writers[0]!, 10, 3);
      expected[10] += 3;
      const [aRedis, bRedis] = [await lab.redis.readyClient(), await lab.redis.readyClient()];
      const [first, second] = [counter({ redis: aRedis }, c), counter({ redis: bRedis }, a)];
      let step = 0;
      let overlapping: Promise<number> = Promise.resolve(0);
      const gaps = interleave(aRedis, async () => {
        step += 1;
        if (step !== k) return;
        await record(writers[1]!, 11, 2);
        expected[11] += 2;
        const started = nextReply(bRedis);
        overlapping = second.flush();
        await Promise.race([started, overlapping.catch(() => {})]); // B has taken its first step; A goes on
      });
      const added: number[] = [];
      const settle = (work: Promise<number>, who: string) =>
        expectSettlesWithin(outcomeOf(work.then((n) => (added.push(n), n))), 2000, who, 'Two flushes at once must not wait on each other for ever.');
      const outcomes = [await settle(first.flush(), `worker A's flush (worker B's began after A's Redis command ${k})`)];
      gaps.stop();
      outcomes.push(await settle(overlapping, `worker B's flush, begun after worker A's Redis command ${k}`), await settle(second.flush(), 'a later flush'));
      const story = `Worker B began a flush after worker A's Redis command ${k}, while a writer recorded 2 more views of product 11; the flushes ${outcomes.join('; ')}.`;
      expect(await viewsInPostgres(), `${story} Postgres holds what is shown as received below, expected ${JSON.stringify(expected)}. ${idea}`).toEqual(expected);
      const recorded = step >= k ? 5 : 3;
      const sum = added.reduce((total, n) => total + n, 0);
      expect(sum, `${story} Together they resolved with ${sum}; expected ${recorded}, the views recorded since the flushes before: each resolves with what it added itself, and a batch another flush applied adds nothing.`).toBe(recorded);
      if (gaps.runs < k) break; // A's flush had fewer than k gaps: B has begun in every one
    }
  });
});
