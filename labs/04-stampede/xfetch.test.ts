// Lab 04 checks, part 5: refreshing early, at random (XFetch). Run: npm test labs/04-stampede
// Time runs on an injected clock (`now`) and the draw comes from an injected `random`, so
// every decision is known in advance: refresh when now - loadMs * beta * ln(random()) >= freshUntil.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { eventually, LESSON, pageCacheChecks, pageQueries, SETTLE_MS, T0 } from './page-cache.support.js';
import { encodeEntry } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';

const lab = useLab('04');
const { cacheWith, keyOf, storedEntry } = pageCacheChecks(lab);
const IDEA = `Refreshing a little early, at random, with a head start of -loadMs * beta * ln(random()), means one reader refreshes before the expiry and nobody sees it stale. beta (default 1) scales it, loadMs is the entry's own, and random() = 1 gives no head start at all (${LESSON}, "Refreshing early").`;

describe('refreshing early, at random', () => {
  it('04.13 XFetch: a draw of 1 never refreshes early; a small draw near the expiry does', async () => {
    const clock = { now: T0, draw: 1 };
    // Until a load reaches Postgres, every command the code sends moves the clock on 100 ms:
    // time spent before the load (the read, the lock) is not part of loadMs.
    let beforeLoad = true;
    const redis = lab.redis.client();
    wrapCommands(redis, (command, send) => ((clock.now += beforeLoad ? 100 : 0), send(command)));
    const cache = cacheWith({ now: () => clock.now, random: () => clock.draw, redis });
    /** Runs `read` with the load it starts held at Postgres while the clock moves on `loadMs`; the entry then stored, and when the load ended. */
    const timedLoad = async (read: () => Promise<unknown>, loadMs: number, what: string, previous?: number) => {
      beforeLoad = true;
      const held = lab.db.holdQueries(/FROM products/i);
      const reading = read();
      let loadedAt: number;
      try {
        await expectSettlesWithin(held.reached, 1_500, what, 'A miss, and a refresh, load from Postgres.');
        beforeLoad = false;
        clock.now += loadMs;
        loadedAt = clock.now;
      } finally {
        held.release();
      }
      await reading;
      await eventually(async () => ((await storedEntry('grinders'))?.freshUntil ?? 0) !== previous, `${what} should write a new entry. ${IDEA}`);
      const entry = (await storedEntry('grinders'))!;
      expect(entry.loadMs, `${what} took ${loadMs} ms on the injected clock (now() moved on ${loadMs} ms while Postgres held the query, and 100 ms with every Redis command before it); the entry says loadMs = ${entry.loadMs}. Measure it with settings.now() just before and just after the load, on every path that writes. ${IDEA}`).toBe(loadMs);
      expect(entry.freshUntil, `${what} ended at ${loadedAt} on the injected clock; the entry's freshUntil is ${entry.freshUntil}, expected ${loadedAt} + freshMs (60000): freshUntil = now() + freshMs, taken after the load.`).toBe(loadedAt + 60_000);
      return entry;
    };
    const entry = await timedLoad(() => cache.getPage('grinders'), 200, 'The first load of "grinders"');
    clock.now = entry.freshUntil - 1_000; // one second before the soft expiry

    const rule = `XFetch refreshes when now - loadMs * beta * ln(random()) >= freshUntil. Here loadMs = 200, beta = 1, freshUntil - now = 1000 ms`;
    for (const draw of [1, 0.5]) {
      clock.draw = draw;
      await Promise.all([cache.getPage('grinders'), cache.getPage('grinders')]);
      await sleep(SETTLE_MS);
      const headStart = Math.round(-200 * Math.log(draw));
      expectQueries(lab.db, pageQueries, 1, `${rule}; random() = ${draw} gives a head start of ${headStart} ms, under 1000: no refresh yet. ${IDEA}`);
    }
    clock.draw = 0.001; // head start 200 * 6.9 = 1382 ms, more than the 1000 ms left
    const early = `The early refresh (${rule}; random() = 0.001 gives a head start of 1382 ms, past freshUntil)`;
    await timedLoad(() => cache.getPage('grinders'), 300, early, entry.freshUntil);
    expectQueries(lab.db, pageQueries, 2, `${early}: one load, in the background. ${IDEA}`);
  });

  it("04.17 XFetch's head start follows beta and the entry's loadMs, at both ends of the draw", async () => {
    const [e1, e2, tiny] = [Math.exp(-1), Math.exp(-2), Number.MIN_VALUE]; // -ln: 1, 2, and 744.4
    // Each case: an entry loaded in loadMs, read leftMs before its freshUntil with one draw.
    const cases = [
      { beta: 2, loadMs: 400, draw: e1, leftMs: 700, refresh: true }, // head start 800 ms
      { beta: 2, loadMs: 400, draw: e1, leftMs: 900, refresh: false },
      { beta: 0.5, loadMs: 400, draw: e1, leftMs: 150, refresh: true }, // head start 200 ms
      { beta: 0.5, loadMs: 400, draw: e1, leftMs: 300, refresh: false },
      { beta: undefined, loadMs: 1_000, draw: e2, leftMs: 1_900, refresh: true }, // default beta 1: 2000 ms
      { beta: undefined, loadMs: 1_000, draw: e2, leftMs: 2_100, refresh: false },
      { beta: undefined, loadMs: 50, draw: e2, leftMs: 150, refresh: false }, // a quick load: 100 ms
      { beta: 2, loadMs: 1_000, draw: 1, leftMs: 1, refresh: false }, // draw 1: no head start at all
      { beta: 2, loadMs: 1_000, draw: 1, leftMs: 0, refresh: true }, // at freshUntil itself: stale (now >= freshUntil)
      { beta: 2, loadMs: 1_000, draw: 1, leftMs: -1, refresh: true }, // stale: every draw refreshes
      { beta: 0.5, loadMs: 10, draw: tiny, leftMs: 3_000, refresh: true }, // the smallest draw: 3722 ms
      { beta: 0.5, loadMs: 10, draw: tiny, leftMs: 4_500, refresh: false },
      { beta: undefined, loadMs: 0, draw: tiny, leftMs: 1, refresh: false }, // a load that took no time: no head start
    ].map((c, i) => ({ ...c, category: `xfetch-${i}`, headStartMs: Math.round(-c.loadMs * (c.beta ?? 1) * Math.log(c.draw)) }));
    const describeCase = (c: (typeof cases)[number]) =>
      `beta ${c.beta ?? 'left at its default (1)'}, an entry with loadMs ${c.loadMs}, random() = ${c.draw === tiny ? 'Number.MIN_VALUE' : c.draw.toPrecision(3)}, read ${c.leftMs} ms before its freshUntil (head start ${c.headStartMs} ms)`;

    const seeded = await Promise.all(
      cases.map(async (c) => {
        const value: CategoryPage = { category: c.category, products: [{ id: 0, name: 'cached', priceCents: 1 }] };
        const entry = { value, freshUntil: T0 + c.leftMs, loadMs: c.loadMs };
        await lab.redis.admin.set(keyOf(c.category), encodeEntry(entry), 'PX', 90_000);
        const cache = cacheWith({ now: () => T0, random: () => c.draw, ...(c.beta === undefined ? {} : { beta: c.beta }) });
        return { c, entry, cache };
      }),
    );
    const pages = await expectSettlesWithin(Promise.all(seeded.map(({ c, cache }) => cache.getPage(c.category))), 3_000, `${cases.length} reads of cached pages`, IDEA);
    pages.forEach((page, i) => expect(page, `With ${describeCase(cases[i]!)}, getPage should return the cached page at once. ${IDEA}`).toEqual(seeded[i]!.entry.value));

    const refreshed = async (i: number) => ((await storedEntry(cases[i]!.category))?.freshUntil ?? 0) !== seeded[i]!.entry.freshUntil;
    for (const [i, c] of cases.entries()) {
      if (c.refresh) await eventually(() => refreshed(i), `With ${describeCase(c)}: expected a refresh, and the entry was never rewritten. ${IDEA}`);
    }
    await sleep(SETTLE_MS); // room for refreshes that should not happen to show up
    for (const [i, c] of cases.entries()) {
      if (!c.refresh) expect(await refreshed(i), `With ${describeCase(c)}: expected no refresh yet, and the entry was rewritten. ${IDEA}`).toBe(false);
    }
    expectQueries(lab.db, pageQueries, cases.filter((c) => c.refresh).length, `One refresh per case that asks for one. ${IDEA}`);
  });
});
