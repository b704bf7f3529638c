// Lab 03 checks, part 6: the write-behind counter when Postgres fails, at every statement of a
// flush and through forty flushes in a row. When Redis fails instead is part 6b
// (write-behind-redis-failures.test.ts), flushers that race part 6c
// (write-behind-concurrency.test.ts). Run: npm test labs/03-write-strategies
// Nothing lost, nothing applied twice: failures are injected at known steps (a held or
// failed statement), never left to timing.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, outcomeOf, reach, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, viewsInPostgres, connectionsLeftInATransaction } = viewCounterHelpers(lab);

/** Failed flushes in a row in 03.12: more batches than a flush that applies "a few at a time" would take. */
const PILED_UP = 40;

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
});
