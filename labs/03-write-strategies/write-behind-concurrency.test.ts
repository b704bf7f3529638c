// Lab 03 checks, part 6c: many writers and two flushers at once, and a flush begun between
// any two steps of another. A file of its own, so it runs beside parts 6 and 6b.
// Run: npm test labs/03-write-strategies
// The overlaps are forced at known steps (between two Redis commands of one flusher), never left to timing.
import { describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { interleave } from '../../harness/lab/interleave.js';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import type { ViewCounter } from './src/contract.js';
import { LESSON, outcomeOf, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, viewsInPostgres } = viewCounterHelpers(lab);

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
