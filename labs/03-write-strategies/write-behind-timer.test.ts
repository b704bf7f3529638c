// Lab 03 checks, part 7: the write-behind counter's timer and its shutdown. Run: npm test labs/03-write-strategies
// The timer runs on the real clock with a short interval; each check waits for what it
// expects by polling (with a bound far above the interval), never for a fixed time,
// except to show that something does NOT happen, over many intervals.
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { separateProcesses } from '../../harness/lab/processes.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, outcomeOf, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, viewsInPostgres } = viewCounterHelpers(lab);
/** What Postgres holds, but for product 17, whose counter flushes once a minute: 03.15 judges it at the end. */
const viewsBut17 = async () => {
  const { 17: _minute, ...others } = await viewsInPostgres();
  return others;
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
      await pause(150);
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

  it('03.25 close() resolves only once every view recorded before it is in Postgres, even with a flush in flight, and rejects if its last flush fails', async () => {
    for (const options of [{}, { flushIntervalMs: 20 }]) {
      const views = counter(options);
      const tick = options.flushIntervalMs ? 'a tick of the timer' : 'a call to flush()';
      await record(views, 16, 5);
      const held = lab.db.holdQueries(/product_views/i);
      const inFlight = options.flushIntervalMs ? Promise.resolve(0) : views.flush();
      inFlight.catch(() => {}); // awaited below
      let closing: Promise<void> | undefined;
      try {
        await expectSettlesWithin(held.reached, 2000, `${tick} reaching its write to product_views`, 'flush() must add the views to product_views.');
        await record(views, 16, 3); // recorded while that flush waits on Postgres
        closing = views.close();
        closing.catch(() => {});
      } finally {
        held.release();
      }
      await expectSettlesWithin(closing!, 2000, 'close()', 'close() must not hang.');
      const atClose = await viewsInPostgres();
      await inFlight;
      const idea = `5 views were being flushed by ${tick} when 3 more were recorded and close() was called. close() is the graceful shutdown: when it resolves, every view recorded before it is in Postgres, exactly once. Wait for a flush in flight, then flush the rest, and only then resolve (${LESSON}, "Shutting down").`;
      expect(atClose, `When close() resolved, Postgres held what is shown as received below, expected { 16: 8 }. ${idea}`).toEqual({ 16: 8 });
      expect(await viewsInPostgres(), `Once everything settled, Postgres holds what is shown as received below, expected { 16: 8 }. ${idea}`).toEqual({ 16: 8 });
      await lab.db.sql('UPDATE product_views SET views = 0 WHERE views <> 0');
    }

    // The last flush fails: close() cannot keep its promise, and must say so; with a timer
    // too, which it stops all the same.
    const logs = captureConsole('03'); // the timer's failed ticks are logged
    try {
      for (const options of [{}, { flushIntervalMs: 37 }]) {
        const views = counter(options);
        const which = options.flushIntervalMs ? 'a counter with flushIntervalMs 37' : 'a counter without a timer';
        await record(views, 16, 2);
        lab.db.failQueries(/product_views/i, new Error('injected: product_views unavailable'));
        const closed = await expectSettlesWithin(outcomeOf(views.close()), 2000, 'close() with Postgres refusing its last flush', 'close() must settle (reject) when its last flush fails, not hang.');
        lab.db.clearFaults();
        const later = await counter().flush();
        expect(
          closed,
          `2 views were recorded by ${which}, then close() ran while Postgres refused writes; close() ${closed}. Expected it to reject with the flush's error: a shutdown that reports success with views still in Redis lets a deploy script believe everything is in Postgres. ` +
            `Nothing is lost (the views wait in Redis, and another instance's flush applied ${later}), but the caller must learn the last flush failed (${LESSON}, "Shutting down").`,
        ).toBe('rejected: injected: product_views unavailable');
        await record(counter(), 18, 1);
        await pause(150);
        const after = await viewsInPostgres();
        expect(after[18], `close() of ${which} rejected, then a view of product 18 was recorded by another instance, and within 150 ms it reached Postgres: the closed counter's timer is still flushing. close() stops the timer first, whether its last flush succeeds or not (${LESSON}, "Shutting down").`).toBeUndefined();
        await counter().flush();
        await lab.db.sql('UPDATE product_views SET views = 0 WHERE views <> 0');
      }
    } finally {
      logs.restore();
    }
  });
});
