// Lab 04 checks, part 3c: more than once: a page that expires is loaded again each time, and
// nothing in the process (a flight, a lock) outlives it. A file of its own, so it runs beside
// part 3b. Run: npm test labs/04-stampede
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { cheapest, expectPageOf, LESSON, pageCacheChecks, pageQueries } from './page-cache.support.js';
import { lockKeyFor, PAGE_FRESH_MS, PAGE_STALE_MS } from './src/contract.js';
import type { CategoryPage } from './src/contract.js';

const lab = useLab('04');
const { cacheWith, keyOf } = pageCacheChecks(lab);

describe('more than once', () => {
  it('04.20 a page that expires is loaded again, every time: nothing in the process outlives it', async () => {
    const total = PAGE_FRESH_MS + PAGE_STALE_MS;
    const key = keyOf('kettles');
    // Every command on the lock but the one that takes it (a release, an extend) reaches
    // Redis 50 ms after it is sent: getPage must wait for the release, not only send it.
    const redis = lab.redis.client();
    wrapCommands(redis, (command, send) =>
      command.name.toLowerCase() !== 'set' && command.args.map(String).includes(lockKeyFor(key)) ? sleep(50).then(() => send(command)) : send(command),
    );
    const cache = cacheWith({ redis });
    const idea = `When Redis drops a page, the next read loads it again and sees what Postgres holds now. A single-flight entry kept after its load settles, or a lock not released when getPage resolves, outlives the page (${LESSON}, "Single-flight inside a process").`;
    let previous: CategoryPage | undefined;
    for (const cycle of [1, 2, 3]) {
      const page = await expectSettlesWithin(cache.getPage('kettles'), 3_000, `getPage("kettles"), cycle ${cycle}`, idea);
      expectPageOf(page, 'kettles', `getPage("kettles") in cycle ${cycle}`);
      if (previous) expect(cheapest(page), `Cycle ${cycle}: the page had expired and its prices had risen by 100 in Postgres, yet getPage returned the old prices. ${idea}`).toBe(cheapest(previous) + 100);
      expectQueries(lab.db, pageQueries, cycle, `Cycle ${cycle}: each expiry of the page costs one load. ${idea}`);
      const [pttlMs, lock] = await Promise.all([lab.redis.admin.pttl(key), lab.redis.admin.exists(lockKeyFor(key))]);
      expect(pttlMs > 0 && pttlMs <= total, `When getPage resolved, ${key} had a PTTL of ${pttlMs} ms; expected the page in Redis, with a TTL of at most freshMs + staleMs = ${total} ms.`).toBe(true);
      expect(lock, `When getPage resolved, the lock ${lockKeyFor(key)} was still there; release it before getPage resolves. ${idea}`).toBe(0);
      previous = page;
      await lab.db.sql(`UPDATE products SET price_cents = price_cents + 100 WHERE category = 'kettles'`);
      await lab.redis.admin.del(key); // the page reaches its hard TTL: Redis drops it
    }
  });
});
