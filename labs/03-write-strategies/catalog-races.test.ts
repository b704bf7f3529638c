// Lab 03 checks, part 3: the catalog against the database commit, and slow readers.
// Run: npm test labs/03-write-strategies
// Every race here is opened on purpose, at a known step (a held statement, a held Redis
// command, a reader's gate), so a check fails the same way every run.
import { describe, expect, it, vi } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { interleave } from '../../harness/lab/interleave.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { createInvalidatingCatalog } from './src/invalidate-on-write.js';
import { createWriteThroughCatalog } from './src/write-through.js';
import { LESSON, catalogHelpers, mentions, type Create } from './write-strategies.support.js';

const lab = useLab('03');
const { processWith, committed, copiesOf, freshRead, evict, slowReader } = catalogHelpers(lab);

/**
 * Runs a write with its UPDATE held, and its COMMIT too if it has one (BEGIN ... COMMIT):
 * `inGap` runs while Postgres still holds the old row.
 */
async function duringTheWrite(start: () => Promise<unknown>, inGap: (statement: 'UPDATE' | 'COMMIT') => Promise<void>): Promise<void> {
  const update = lab.db.holdQueries(/UPDATE\s+products/i);
  const commit = lab.db.holdQueries(/^\s*(COMMIT|END)\b/i);
  const write = start();
  write.catch(() => {}); // awaited below
  try {
    await expectSettlesWithin(update.reached, 2000, 'updatePrice reaching its UPDATE', 'updatePrice must change the row with an UPDATE on products.');
    await inGap('UPDATE');
    update.release();
    const next = await Promise.race([commit.reached.then(() => 'COMMIT' as const), write.then(() => 'done', () => 'done')]);
    if (next === 'COMMIT') await inGap('COMMIT');
  } finally {
    update.release();
    commit.release();
  }
  await write;
}

/** 03.3 and 03.16: Redis and a reader, looked at while the UPDATE (and COMMIT) are held; warm cache, then cold. */
async function orderAgainstTheCommit(create: Create, name: string, id: number, prices: [number, number], idea: string) {
  const writer = processWith(create);
  for (const [cache, price] of [['warm', prices[0]], ['cold', prices[1]]] as const) {
    const old = (await committed(id))!.priceCents;
    if (cache === 'warm') await writer.getProduct(id);
    else await evict(id);
    await duringTheWrite(
      () => writer.updatePrice(id, price),
      async (statement) => {
        const copies = await copiesOf(id);
        const early = copies.filter((copy) => mentions(copy.text, price)).map((copy) => `${copy.key} = ${copy.text}`);
        expect(early, `${name}: while updatePrice(${id}, ${price}) was held at its ${statement}, Redis already showed the new price (${early.join('; ')}). If the write fails now, readers see a price never stored. ${idea}`).toEqual([]);
        if (cache === 'warm') {
          expect(
            copies.some((copy) => mentions(copy.text, old)),
            `${name}: while updatePrice(${id}, ${price}) was held at its ${statement} (Postgres still holding ${old}), product ${id} was no longer cached: the cache was cleared before the commit. ` +
              `A reader in this gap loads the old row and caches it again, after the write has done its invalidating. ${idea}`,
          ).toBe(true);
        }
        const seen = (await processWith(create, { load: committed }).getProduct(id))?.priceCents;
        expect(seen, `${name}: a read while the ${statement} was held returned ${seen}; Postgres held ${old} then, and that is the truth until the commit.`).toBe(old);
      },
    );
    await writer.settled();
    const after = (await freshRead(create, id))?.priceCents;
    expect(
      after,
      `${name}: with the cache ${cache} and the write held at its UPDATE, another process read product ${id} (and filled the cache if it missed). After updatePrice(${id}, ${price}) returned, reads show ${after}; expected ${price}. ` +
        `Either the cache was never updated, or it was changed before the commit and the reader put the old row back. ${idea}`,
    ).toBe(price);
  }
}

describe('order against the commit', () => {
  it('03.3 the cache is invalidated after the commit, not before: Redis keeps the old row until then, and a read in between cannot bring it back', async () => {
    await orderAgainstTheCommit(createInvalidatingCatalog, 'invalidate-on-write', 3, [3301, 3302], `Invalidate after the database commits, never before, and not inside the transaction (${LESSON}, "Delete after the commit").`);
  });

  it('03.16 write-through: the new price reaches Redis only after Postgres has committed it', async () => {
    await orderAgainstTheCommit(createWriteThroughCatalog, 'write-through', 6, [1601, 1602], `Postgres first; write the row to Redis only once the UPDATE has committed, from the row it returned (${LESSON}, "Write-through").`);
  });
});

const AGE_MS = 59 * 60_000;

/**
 * As if 59 minutes passed: every key under the prefix loses that much of its TTL, and a
 * key with less left expires. A reader that slow is rare, but nothing bounds how slow one can be.
 */
async function ageKeys(): Promise<void> {
  for (const { key, pttlMs } of await lab.redis.keys()) {
    if (pttlMs < 0) continue; // no TTL: the audit after the check reports it
    if (pttlMs <= AGE_MS) await lab.redis.admin.del(key);
    else await lab.redis.admin.pexpire(key, pttlMs - AGE_MS);
  }
}

/**
 * 03.4 and 03.8: slow readers that loaded the old row fill the cache at every step of the
 * writer's conversation with Redis and after it, the latest 59 minutes late; then again
 * once a write has moved on; then readers that load while the UPDATE is held fill after
 * the write. The clock stands still throughout: every write lands in the same millisecond.
 */
async function slowReaderRaces(create: Create, name: string, id: number, prices: [number, number, number]) {
  vi.useFakeTimers({ toFake: ['Date'] }); // Date only: timers and I/O run as usual
  try {
    await slowReaderRounds(create, name, id, prices);
  } finally {
    vi.useRealTimers();
  }
}

async function slowReaderRounds(create: Create, name: string, id: number, prices: [number, number, number]) {
  const lesson =
    `A fill must be refused when a write came between the reader's load and its fill: a fence (version) the writer moves after its commit and the reader checks against what it saw before loading, atomically in Lua; or a delayed second delete awaited by settled(). ` +
    `The fence must take a new value on every write, even two in the same millisecond (the suite stops the clock here: INCR, not a timestamp), and outlive the slowest reader, as long as a cached copy can live (${LESSON}, "The race: a slow reader").`;
  const check = async (price: number, story: string) => {
    const seen = (await freshRead(create, id))?.priceCents;
    expect(seen, `${name}: ${story} A read afterwards returned ${seen}; expected ${price}, for every read until the next write: the old row must not sit in Redis for a full TTL. ${lesson}`).toBe(price);
  };
  for (const [round, price] of [prices[0], prices[1]].entries()) {
    await evict(id);
    const readers = [slowReader(create, id), slowReader(create, id), slowReader(create, id)];
    const old = (await Promise.all(readers.map((reader) => reader.loaded)))[0]?.priceCents;
    const writerRedis = await lab.redis.readyClient();
    const writer = processWith(create, { redis: writerRedis });
    let next = 0;
    const fillNext = async () => void (await readers[next++]?.fill());
    const gaps = interleave(writerRedis, fillNext); // a reader fills between any two of the writer's Redis commands
    try {
      await writer.updatePrice(id, price);
    } finally {
      gaps.stop();
    }
    await ageKeys();
    while (next < readers.length) await fillNext(); // the rest fill after the write returned, 59 minutes late
    await Promise.all([writer.settled(), ...readers.map((reader) => reader.catalog.settled())]);
    await check(
      price,
      `${round === 0 ? 'Three readers' : 'After one write, three more readers'} loaded product ${id} at ${old}, then updatePrice(${id}, ${price}) ran; ` +
        `${Math.min(gaps.runs, 3)} of them filled the cache between two of the writer's Redis commands, the others after it returned, 59 minutes later (the suite took that much off every key's TTL). ` +
        `The clock stood still: every write so far fell in the same millisecond.`,
    );
  }
  await evict(id);
  const late: ReturnType<typeof slowReader>[] = [];
  const writer = processWith(create);
  await duringTheWrite(
    () => writer.updatePrice(id, prices[2]),
    async () => {
      const reader = slowReader(create, id);
      await reader.loaded;
      late.push(reader);
    },
  );
  for (const reader of late) await reader.fill();
  await Promise.all([writer.settled(), ...late.map((reader) => reader.catalog.settled())]);
  await check(prices[2], `A reader missed and loaded product ${id} while updatePrice(${id}, ${prices[2]}) was held at its UPDATE, before the commit, and filled the cache after the write returned.`);
}

describe('slow readers', () => {
  it('03.4 a slow reader that loaded the old row before the write cannot put it back afterwards, however late, nor after writes in the same millisecond', async () => {
    await slowReaderRaces(createInvalidatingCatalog, 'invalidate-on-write', 4, [4401, 4402, 4403]);
  });

  it('03.8 write-through: a slow reader that loaded the old row before the write cannot overwrite the new value, however late, nor after writes in the same millisecond', async () => {
    await slowReaderRaces(createWriteThroughCatalog, 'write-through', 8, [8801, 8802, 8803]);
  });

});
