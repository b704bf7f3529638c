// Lab 03 checks, part 7b: close() with a flush in flight, and with its last flush failing, with
// and without a timer. A file of its own, so it runs beside part 7. Run: npm test labs/03-write-strategies
// The timer runs on the real clock with a short interval; each check waits for what it
// expects (a held statement, close() settling), never for a fixed time, except to show
// that something does NOT happen, over several intervals.
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { LESSON, outcomeOf, record, viewCounterHelpers } from './write-strategies.support.js';

// The view counter's keys hold views not yet in Postgres: they must never expire.
const lab = useLab('03', { keysWithoutTtl: /.*/ });
const { counter, quietFor, viewsInPostgres } = viewCounterHelpers(lab);

describe('write-behind: shutting down', () => {
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
        // A timer at the same interval beside the closed one: it times the window on a loaded machine.
        const beside = { keyPrefix: `${lab.redis.prefix}beside:` };
        if (options.flushIntervalMs) counter({ ...beside, ...options });
        await record(counter(), 18, 1);
        await quietFor(150, options.flushIntervalMs ? { views: counter(beside), keyPrefix: beside.keyPrefix } : undefined);
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
