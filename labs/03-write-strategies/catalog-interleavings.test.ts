// Lab 03 checks, part 4: a write inside a reader's miss, and two writes whose cache steps cross.
// Run: npm test labs/03-write-strategies
// Each interleaving is forced at a known step (between two Redis commands of one client, or
// with one client's commands held back), so a check fails the same way every run.
import { describe, expect, it } from 'vitest';
import { useLab } from '../../harness/lab/use-lab.js';
import { interleave } from '../../harness/lab/interleave.js';
import { expectSettlesWithin } from '../../harness/lab/teach.js';
import { CATALOGS, LESSON, catalogHelpers, gatedClient, type Create } from './write-strategies.support.js';

const lab = useLab('03');
const { processWith, committed, freshRead, evict } = catalogHelpers(lab);

/** Once every process has settled, a fresh read of the product must agree with Postgres; `story` tells what happened, given both as JSON. */
async function expectAgreesWithPostgres(create: Create, id: number, settling: Promise<unknown>[], story: (seen: string, truth: string) => string): Promise<void> {
  await Promise.all(settling);
  const truth = await committed(id);
  const seen = await freshRead(create, id);
  expect(seen, story(JSON.stringify(seen), JSON.stringify(truth))).toEqual(truth);
}

describe('interleavings', () => {
  it("03.17 a write landing between any two steps of a reader's miss cannot leave the old row cached", async () => {
    for (const [name, create] of CATALOGS) {
      const id = name === 'write-through' ? 18 : 17;
      for (let k = 1; k <= 10; k += 1) {
        const price = 1700 + k;
        await evict(id);
        const readerRedis = await lab.redis.readyClient();
        const [reader, writer] = [processWith(create, { redis: readerRedis }), processWith(create)];
        let gap = 0;
        const gaps = interleave(readerRedis, async () => {
          gap += 1;
          if (gap === k) await writer.updatePrice(id, price); // a whole write, between the reader's step k and k + 1
        });
        try {
          await reader.getProduct(id);
        } finally {
          gaps.stop();
        }
        await expectAgreesWithPostgres(create, id, [reader.settled(), writer.settled()], (seen, truth) =>
          `${name}: a reader missed product ${id}; updatePrice(${id}, ${price}) ran and returned between its Redis commands ${k} and ${k + 1}. Afterwards reads return ${seen}; Postgres holds ${truth}. ` +
            `The reader's check of the fence and its SET must be one step (a Lua script): a GET then a SET from Node leaves a gap where the write lands, and the fill then stores the row it loaded before the write (${LESSON}, "Closing the race with a fence").`,
        );
        if (gaps.runs < k) break; // the reader has fewer than k gaps: every one has had its write
      }
    }
  });

  it('03.18 two writes begun before either commits, whose cache steps reach Redis in either order, or one inside the other, still leave the later commit', async () => {
    for (const [name, create] of CATALOGS) {
      const id = name === 'write-through' ? 12 : 11;
      const earlier = processWith(create);
      await earlier.updatePrice(id, 1800); // an earlier write, so this is not the product's first
      await earlier.settled();
      for (const [first, second] of [[1801, 1802], [1803, 1804]] as const) {
        await processWith(create).getProduct(id); // cached
        const gate = await gatedClient(lab);
        const [a, b] = [processWith(create, { redis: gate.client }), processWith(create)];
        const update = lab.db.holdQueries(/UPDATE\s+products/i);
        const aWrite = a.updatePrice(id, first);
        aWrite.catch(() => {}); // awaited below
        try {
          await expectSettlesWithin(update.reached, 2000, `updatePrice(${id}, ${first}) reaching its UPDATE`, 'updatePrice must change the row with an UPDATE on products.');
          gate.hold(); // A commits; whatever it sends to Redis after that waits
        } finally {
          update.release();
        }
        await Promise.race([aWrite.catch(() => {}), gate.firstHeld()]);
        const bWrite = b.updatePrice(id, second); // B commits after A, and reaches Redis first
        bWrite.catch(() => {});
        await Promise.race([bWrite.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 1000))]); // B may wait on A's open transaction
        gate.release();
        await Promise.all([aWrite, bWrite]);
        await expectAgreesWithPostgres(create, id, [a.settled(), b.settled()], (seen, truth) =>
          `${name}: updatePrice(${id}, ${first}) committed first, then updatePrice(${id}, ${second}) committed and updated Redis before the first write's cache step arrived. ` +
            `Reads now return ${seen}; Postgres holds ${truth}. The cache step that arrives last must not win over the later commit: delete rather than SET, ` +
            `or SET only if the fence is still where the writer saw it before its UPDATE, else delete (${LESSON}, "Delete or update?").`,
        );
      }
      // Two writes both under way (each at its UPDATE, all it does before that done) before
      // either commits; A commits first. Their cache steps then reach Redis in commit order,
      // or B's first: whatever A or B saw in Redis before committing, the later commit must win.
      for (const [order, first, second] of [['A then B', 1805, 1806], ['B then A', 1807, 1808]] as const) {
        await processWith(create).getProduct(id); // cached
        const gate = await gatedClient(lab);
        const [a, b] = [processWith(create, { redis: gate.client }), processWith(create)];
        const aUpdate = lab.db.holdQueries(/UPDATE\s+products/i, { first: 1 });
        const aWrite = a.updatePrice(id, first);
        aWrite.catch(() => {}); // awaited below
        let bWrite: Promise<unknown> = Promise.resolve();
        const bUpdate = lab.db.holdQueries(/UPDATE\s+products/i, { first: 1 });
        try {
          await expectSettlesWithin(aUpdate.reached, 2000, `updatePrice(${id}, ${first}) reaching its UPDATE`, 'updatePrice must change the row with an UPDATE on products.');
          bWrite = b.updatePrice(id, second);
          bWrite.catch(() => {});
          await expectSettlesWithin(bUpdate.reached, 2000, `updatePrice(${id}, ${second}) reaching its UPDATE while another write to the product waits at its own`, 'A write must not wait (on a lock, a transaction) for another write that has not reached Postgres yet.');
          if (order === 'B then A') gate.hold(); // A's commands after its UPDATE wait until B is done
          aUpdate.release();
          // A has committed, and its cache step is done (A then B) or held (B then A).
          await (order === 'A then B' ? aWrite.catch(() => {}) : Promise.race([aWrite.catch(() => {}), gate.firstHeld()]));
          bUpdate.release();
          await expectSettlesWithin(bWrite.catch(() => {}), 2000, `updatePrice(${id}, ${second}), the later write`, 'A write must not hold anything (a transaction, a lock) that a second write waits for while it talks to Redis.');
        } finally {
          aUpdate.release();
          bUpdate.release();
          gate.release();
        }
        await Promise.all([aWrite, bWrite]);
        await expectAgreesWithPostgres(create, id, [a.settled(), b.settled()], (seen, truth) =>
          `${name}: updatePrice(${id}, ${first}) and updatePrice(${id}, ${second}) both began (each held at its UPDATE) before either committed; ${first} committed first, then ${second}, and their cache steps reached Redis ${order === 'A then B' ? `in that order` : `the other way round (${second}'s first)`}. ` +
            `Reads now return ${seen}; Postgres holds ${truth}. The later write saw the fence before the earlier one moved it: when the fence has moved, a write cannot tell whose row is newer, ` +
            `and must delete the entry, not leave it as it is (that may be the older row) nor SET its own (${LESSON}, "Delete or update?").`,
        );
      }
      // A whole second write landing between two Redis commands of the first one's cache step.
      for (let k = 1; k <= 10; k += 1) {
        const [first, second] = [1810 + 2 * k, 1811 + 2 * k];
        await processWith(create).getProduct(id); // cached
        const aRedis = await lab.redis.readyClient();
        const [a, b] = [processWith(create, { redis: aRedis }), processWith(create)];
        let step = 0;
        const gaps = interleave(aRedis, async () => {
          step += 1;
          if (step === k) await b.updatePrice(id, second); // commits after A's UPDATE, and reaches Redis inside A's cache step
        });
        try {
          await expectSettlesWithin(
            a.updatePrice(id, first),
            2000,
            `updatePrice(${id}, ${first}) with another write to the product run after its Redis command ${k}`,
            'A write must not hold anything (a transaction, a lock) that a second write waits for while it talks to Redis.',
          );
        } finally {
          gaps.stop();
        }
        await expectAgreesWithPostgres(create, id, [a.settled(), b.settled()], (seen, truth) =>
          `${name}: updatePrice(${id}, ${first}) committed; then, after its Redis command ${k}, updatePrice(${id}, ${second}) ran whole. Reads now return ${seen}; Postgres holds ${truth}. ` +
            `The check of the fence and the SET of a write's cache step must be one step (a Lua script): checked from Node, a later write lands between them and the earlier row overwrites it (${LESSON}, "Delete or update?").`,
        );
        if (gaps.runs < k) break; // the first write had fewer than k gaps: the second has run in every one
      }
    }
  });
});
