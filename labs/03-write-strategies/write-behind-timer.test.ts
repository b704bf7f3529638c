// Lab 03 checks, part 7: the write-behind counter's timer, and closing one counter of several.
// Shutting down with a flush in flight or failing is part 7b, write-behind-close.test.ts.
// Run: npm test labs/03-write-strategies
// The timer runs on the real clock with a short interval; each check waits for what it
// expects by polling (with a bound far above the interval), never for a fixed time,
// except to show that something does NOT happen, over many intervals.
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, pause, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, quietFor, viewsInPostgres } = viewCounterHelpers(lab);
/** What Postgres holds, but for product 17, whose counter flushes once a minute: 03.15 judges it at the end. */
const viewsBut17 = async () => {
  const { 17: _minute, ...others } = await viewsInPostgres();
  return others;
};

describe('write-behind: the timer and shutting down', () => {
  it('03.15 a timer flushes on its own, again and again, through a slow and a failing database (logged); close() stops it, and only it, and flushes the rest', async () => {
    const [web, work] = await separateProcesses(2, () => import('./src/view-counter.js'));
    const site = counter({}, web); // a web instance: records views, never flushes on its own
    const quiet = counter({ keyPrefix: `${lab.redis.prefix}quiet:` }, web); // no flushIntervalMs: flushes only when asked
    const worker = counter({ flushIntervalMs: 20 }, work); // another instance, whose timer does the flushing
    // A second timed counter in the worker's process (its own buffer), made after the first: each has its own timer.
    const second = { keyPrefix: `${lab.redis.prefix}second:` };
    counter({ ...second, flushIntervalMs: 20 }, work);
    const secondSite = counter(second, web);
    // A third, whose interval is a minute: nothing of it may reach Postgres during this check.
    const minute = { keyPrefix: `${lab.redis.prefix}minute:` };
    const minuteTimer = counter({ ...minute, flushIntervalMs: 60_000 }, work);
    await record(counter(minute, web), 17, 1);
    await record(quiet, 14, 1);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // A failed tick is logged: keep the output readable, and count the lines.
    const logs = captureConsole('03');
    // Only lines that carry this check's injected error count: work an earlier check left
    // running may fail and log too.
    const logged = () => logs.lines().filter((line) => line.includes('product_views unavailable')).length;
    const landed = (expected: Record<number, number>, when: string) =>
      expect
        .poll(viewsBut17, {
          timeout: 3000,
          interval: 10,
          message: `${when}, the views never reached Postgres by themselves (expected ${JSON.stringify(expected)}). With flushIntervalMs: 20, a timer must call flush() every 20 ms, for as long as the counter is open, and flush what any instance recorded (${LESSON}, "Shutting down").`,
        })
        .toEqual(expected);
    try {
      await record(site, 12, 3);
      await landed({ 12: 3 }, 'Three views recorded by another instance');
      await record(site, 12, 2);
      await landed({ 12: 5 }, 'After a first tick had flushed, two more views');

      // A slow database: ticks keep coming while one flush waits on Postgres.
      const held = lab.db.holdQueries(/product_views/i);
      await record(site, 12, 4);
      try {
        await expectSettlesWithin(held.reached, 2000, 'a tick reaching its write to product_views', 'The timer must flush on its own.');
        await pause(100); // five more ticks come and go while that flush is held
      } finally {
        held.release();
      }
      await landed({ 12: 9 }, 'After a flush was held for five ticks');

      // A failing database: a tick fails, is logged, and a later tick applies the views.
      const failures = lab.db.queries.count({ table: 'product_views' });
      lab.db.failQueries(/product_views/i, new Error('injected: product_views unavailable'));
      await record(site, 12, 1);
      await expect.poll(() => lab.db.queries.count({ table: 'product_views' }), { timeout: 2000, interval: 10, message: 'the timer never tried to flush while Postgres was failing' }).toBeGreaterThan(failures + 1);
      lab.db.clearFaults();
      expect(
        logged(),
        `Ticks failed while Postgres refused writes ('injected: product_views unavailable'), and no line logged with console.warn or console.error carried that error. A failed tick is caught, never thrown, but logged: a database that refuses every flush for an hour must not go unnoticed while the buffer grows (${LESSON}, "Shutting down").`,
      ).toBeGreaterThan(0);
      await landed({ 12: 10 }, 'After ticks failed while Postgres refused writes, and Postgres came back');

      await record(site, 12, 1);
      await worker.close();
      expect(await viewsBut17(), `close() resolved, and Postgres holds what is shown as received below; expected { 12: 11 }: close() flushes what is left, and has done so when it resolves (${LESSON}, "Shutting down").`).toEqual({ 12: 11 });
      await record(secondSite, 15, 2);
      await expect
        .poll(viewsBut17, {
          timeout: 3000,
          interval: 10,
          message: `The worker's process runs two counters with flushIntervalMs: 20, each with its own buffer. After the first was closed, 2 views of product 15 recorded for the second never reached Postgres: closing one counter stopped the other's timer. Keep the timer in the counter (a variable inside createViewCounter), not at module level, where the last counter made overwrites it (${LESSON}, "Shutting down").`,
        })
        .toEqual({ 12: 11, 15: 2 });
      await record(site, 13, 1); // recorded after the worker closed: nobody should flush it now
      await quietFor(150, { views: secondSite, keyPrefix: second.keyPrefix }); // the second timer ticks beside the worker's
    } finally {
      process.off('unhandledRejection', onUnhandled);
      logs.restore();
    }
    const seen = await viewsInPostgres();
    await minuteTimer.close();
    expect(
      seen,
      `Over the 150 ms after close() (seven intervals), Postgres changed to what is shown as received below; expected { 12: 11, 15: 2 }. ` +
        `Product 17 there: a counter with flushIntervalMs 60000 flushed within the second this check lasts; the interval is the option given, not one of the code's own. ` +
        `Product 13 there: the closed worker's timer is still flushing, and close() must stop it (clearInterval), its own timer, not the last one any counter made. ` +
        `Product 14 there: a counter without flushIntervalMs flushed on its own, and without the option there is no timer. ` +
        `Product 12 above 11: ticks that came during a slow flush applied the same views twice (${LESSON}, "Shutting down").`,
    ).toEqual({ 12: 11, 15: 2 });
    expect(
      unhandled.map(String),
      `A tick whose flush failed left an unhandled rejection. The timer must catch and log a failed flush, never throw: the views wait in Redis and the next tick retries them (${LESSON}, "Shutting down").`,
    ).toEqual([]);
  });
});
