// Lab 03 checks, part 2: what a write leaves alone, and the catalog when Postgres or Redis fails.
// Run: npm test labs/03-write-strategies
// Each check names the behaviour it demands; its failure says what Redis and Postgres showed.
import { describe, expect, it } from 'vitest';
import type { Command } from 'ioredis';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { ForgottenScripts } from '../../harness/lab/forgotten-scripts.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { refuseOnServer, wrapCommands } from '../../harness/lab/lab-redis.js';
import { expectQueries, expectSettlesWithin } from '../../harness/lab/teach.js';
import { CATALOGS, LESSON, catalogHelpers, gatedClient, mentions, outcomeOf, productSelects, type Create } from './write-strategies.support.js';

const lab = useLab('03');
const { processWith, committed, copiesOf, slowLoader, evict } = catalogHelpers(lab);

const updates = () => lab.db.queries.count({ table: 'products', kind: 'update' });

/**
 * A connection whose k-th command, once armed, the server refuses, as a full Redis refuses
 * a write (OOM); `beforeUpdate` says whether that was before the code's UPDATE reached Postgres.
 */
function refusingTheKth(k: number) {
  const client = lab.redis.client();
  let updatesAtArm = 0;
  const state = {
    client,
    armed: false,
    sent: 0,
    refused: '',
    beforeUpdate: false,
    arm: async () => (await client.ping(), (updatesAtArm = updates()), (state.armed = true)),
  };
  wrapCommands(client, (command: Command, send) => {
    // MULTI and EXEC are never refused themselves: a command queued between them is, and the block is discarded.
    if (!state.armed || ['multi', 'exec'].includes(command.name)) return send(command);
    state.sent += 1;
    if (state.sent !== k) return send(command);
    state.refused = `${command.name.toUpperCase()} ${command.args.slice(0, 2).join(' ')}`;
    state.beforeUpdate = updates() === updatesAtArm;
    refuseOnServer(command);
    return send(command);
  });
  return state;
}

/**
 * 03.20's last round: Redis refuses the first command of A's updatePrice (the fence read,
 * in a fenced design), A commits, and before A's cache step B writes the same product and
 * finishes. Whatever A then does in Redis must not leave its older row cached: without the
 * fence it saw, A cannot tell its row from B's newer one, and may only delete.
 */
async function overtakenAfterAFailedFirstCommand(name: string, create: Create, id: number): Promise<void> {
  await processWith(create).getProduct(id);
  const gate = await gatedClient(lab);
  let first = true;
  wrapCommands(gate.client, (command, send) => {
    if (first) refuseOnServer(command);
    first = false;
    return send(command);
  });
  const aUpdate = lab.db.holdQueries(/UPDATE products/i, { first: 1 });
  const a = outcomeOf(processWith(create, { redis: gate.client }).updatePrice(id, 1701));
  await expectSettlesWithin(aUpdate.reached, 2000, `${name}: A's UPDATE of product ${id}`, 'updatePrice must still run the UPDATE when Redis refused a command before it.');
  gate.hold(); // A's Redis commands after its commit wait until B is done
  aUpdate.release();
  await Promise.race([gate.firstHeld(), a]);
  const b = await outcomeOf(processWith(create).updatePrice(id, 1702));
  gate.release();
  const aDone = await a;
  const seen = (await processWith(create).getProduct(id))?.priceCents;
  expect(
    seen,
    `${name}: Redis refused the first command of A's updatePrice(${id}, 1701) (${aDone}); A committed, then B's updatePrice(${id}, 1702) committed and finished (${b}) before A's cache step ran. ` +
      `A read afterwards returned ${seen}; Postgres holds 1702. Without the fence it should have read before its UPDATE, A cannot tell its row from a newer one: ` +
      `delete the entry (moving the fence) rather than cache the row (${LESSON}, "Write-through").`,
  ).toBe(1702);
}

describe('when something fails, and what a write leaves alone', () => {
  it('03.7 a failed database write rejects with its error, and Redis never shows the price Postgres refused', async () => {
    for (const [name, create] of CATALOGS) {
      const id = name === 'write-through' ? 8 : 7;
      const idea =
        name === 'write-through'
          ? `Write-through writes Redis only after Postgres has committed, from the row Postgres returned; if the database refuses, the caller gets the error and the cache keeps the committed truth (${LESSON}, "Write-through").`
          : `A write the database refused did not happen, and the caller must learn that: let the database's error reach it (a null means "no such product", not "it failed"), and touch Redis only after a commit (${LESSON}, "Delete after the commit").`;
      const writer = processWith(create);
      await writer.getProduct(id);
      const faults = [
        ['UPDATE', /UPDATE\s+products/i, 8_765_431],
        ['COMMIT', /^\s*(COMMIT|END)\b/i, 8_765_432], // a write without a transaction has no COMMIT to fail: it just succeeds
      ] as const;
      for (const [statement, pattern, price] of faults) {
        const restore = lab.db.failQueries(pattern, new Error(`injected: ${statement} failed`));
        const outcome = await outcomeOf(writer.updatePrice(id, price));
        restore();
        await writer.settled();
        const truth = await committed(id);
        if (statement === 'UPDATE' || truth?.priceCents !== price) {
          expect(outcome, `${name}: with the ${statement} failing, updatePrice(${id}, ${price}) ${outcome}; expected it to reject with the database's error. ${idea}`).toBe(
            `rejected: injected: ${statement} failed`,
          );
        }
        if (truth?.priceCents !== price) {
          const shown = (await copiesOf(id)).filter((copy) => mentions(copy.text, price));
          expect(
            shown.map((copy) => copy.key),
            `${name}: Postgres refused price ${price} (its ${statement} failed; updatePrice ${outcome}), yet Redis holds it: ${shown.map((copy) => `${copy.key} = ${copy.text}`).join('; ')}. Every reader now sees a price that was never stored, for up to an hour. ${idea}`,
          ).toEqual([]);
        }
        const seen = await processWith(create).getProduct(id);
        expect(seen, `${name}: after updatePrice(${id}, ${price}) ${outcome} (${statement} failing), a read returned ${JSON.stringify(seen)}; Postgres holds ${JSON.stringify(truth)}. ${idea}`).toEqual(truth);
      }
    }
  });

  it('03.19 a write touches only its own product: the others stay cached, and their fills go through', async () => {
    for (const [name, create] of CATALOGS) {
      // Products 1 and 2 are written; the others' keys begin with theirs (product:1 and
      // product:14), so an invalidation by pattern rather than by key shows.
      const ids = name === 'write-through' ? [11, 1, 12, 2, 13] : [14, 1, 15, 2, 16];
      const [reader, one, two] = [processWith(create), processWith(create), processWith(create)];
      for (const id of ids) await reader.getProduct(id);
      const [written, untouched] = [[ids[1]!, ids[3]!], [ids[0]!, ids[2]!, ids[4]!]];
      await Promise.all([one.updatePrice(written[0]!, 1901), two.updatePrice(written[1]!, 1902)]); // two products, two processes, at once
      await Promise.all([one.settled(), two.settled()]);
      lab.db.queries.reset();
      for (const id of [...untouched, ...(name === 'write-through' ? written : [])]) {
        expect(await reader.getProduct(id), `${name}: product ${id} after writes to products ${written.join(' and ')}`).toEqual(await committed(id));
      }
      expectQueries(
        lab.db,
        productSelects,
        0,
        `${name}: writes to products ${written.join(' and ')} (at the same time, from two processes) cost other products their cached copies${name === 'write-through' ? ', or did not leave their own rows cached' : ''}. ` +
          `An invalidation removes exactly what changed: each product has its own key and its own fence, so writes to different products never interfere (${LESSON}, "Closing the race with a fence").`,
      );
      // A slow reader of one product, while another product is written.
      await evict(ids[4]!); // the next read misses
      const slow = slowLoader();
      const read = processWith(create, { load: slow.load }).getProduct(ids[4]!);
      await expectSettlesWithin(slow.loaded, 2000, `the slow reader's load of product ${ids[4]}`, 'On a miss, getProduct must load through options.load(id) when it is given.');
      await one.updatePrice(ids[0]!, 1903);
      slow.open();
      await read;
      await one.settled();
      lab.db.queries.reset();
      await reader.getProduct(ids[4]!);
      expectQueries(
        lab.db,
        productSelects,
        0,
        `${name}: a reader of product ${ids[4]} loaded it, product ${ids[0]} was written, then the reader filled; the next read of product ${ids[4]} still missed. ` +
          `The fill was refused because of a write to another product: a fence shared by every product turns each write into a miss for all of them (${LESSON}, "Closing the race with a fence").`,
      );
    }
  });

  it('03.20 when Redis fails at any step of updatePrice, the write still commits and resolves with the committed row; a failure before the UPDATE still leaves the new price readable, and a cache left stale is logged', async () => {
    // The code logs a failed cache step; keep the output readable, and count the lines.
    const logs = captureConsole('03');
    const logged = () => logs.lines().length;
    try {
      for (const [name, create] of CATALOGS) {
        const id = name === 'write-through' ? 9 : 10;
        for (let k = 1; k <= 10; k += 1) {
          const price = 2000 + k;
          await processWith(create).getProduct(id); // cached, so the write has something to replace
          const old = (await committed(id))!.priceCents;
          const linesBefore = logged();
          const flaky = refusingTheKth(k);
          const writer = processWith(create, { redis: flaky.client });
          await flaky.arm();
          const result = await expectSettlesWithin(
            writer.updatePrice(id, price).then((value) => ({ value }), (error: unknown) => ({ error: (error as Error).message })),
            2000,
            `${name}: updatePrice(${id}, ${price}) with Redis refusing its command ${k}`,
            'A Redis error must not hang the write.',
          );
          const row = await committed(id);
          expect(
            result,
            `${name}: Redis refused command ${k} of updatePrice(${id}, ${price}) (${flaky.refused}); updatePrice ${JSON.stringify(result)}, Postgres holds ${JSON.stringify(row)}. ` +
              `Expected the write to reach Postgres and updatePrice to resolve with the committed row: the database is the truth, and once it has committed, the write happened. ` +
              `Log the cache failure and let the TTL bound the damage; never skip the UPDATE or reject a committed write because Redis is unwell (${LESSON}, "Delete after the commit").`,
          ).toEqual({ value: row });
          expect(row?.priceCents, `${name}: Postgres should hold price ${price} after updatePrice(${id}, ${price})`).toBe(price);
          await writer.settled();
          if (flaky.beforeUpdate) {
            const seen = (await processWith(create).getProduct(id))?.priceCents;
            expect(
              seen,
              `${name}: Redis refused command ${k} of updatePrice(${id}, ${price}) (${flaky.refused}), sent before the UPDATE; every later command went through. updatePrice resolved, and a read in another process returned ${seen}; expected ${price}. ` +
                `A Redis error before the UPDATE is no reason to skip the cache step after the commit: when updatePrice resolves, that step is done. If you could not read what the step needs (the fence), delete the entry instead (${LESSON}, "Write-through").`,
            ).toBe(price);
          }
          const stale = (await copiesOf(id)).filter((copy) => mentions(copy.text, old));
          if (stale.length > 0) {
            expect(
              logged() - linesBefore,
              `${name}: Redis refused command ${k} of updatePrice(${id}, ${price}) (${flaky.refused}), the write committed, and Redis still shows the old price ${old} (${stale.map((copy) => copy.key).join(', ')}); nothing was logged (console.warn or console.error). ` +
                `The TTL bounds the damage, but someone has to learn that readers are served an old price for up to an hour: log the failed cache step (${LESSON}, "Delete after the commit").`,
            ).toBeGreaterThan(0);
          }
          if (flaky.sent < k) break; // updatePrice sent fewer than k commands: every step has failed once
        }
      }
      for (const [name, create] of CATALOGS) await overtakenAfterAFailedFirstCommand(name, create, name === 'write-through' ? 17 : 18);
    } finally {
      logs.restore();
    }
  });

  it('03.26 the catalogs still work on a Redis that has forgotten their scripts (after a restart or a failover)', async () => {
    for (const [name, create] of CATALOGS) {
      const id = name === 'write-through' ? 4 : 3;
      const server = new ForgottenScripts();
      const [reader, writer] = [processWith(create, { redis: server.attach(lab.redis.client()) }), processWith(create, { redis: server.attach(lab.redis.client()) })];
      // Both processes run their scripts once, then the server restarts.
      await reader.getProduct(id);
      await writer.updatePrice(id, 2600);
      await writer.settled();
      await reader.getProduct(id);
      server.forget();
      for (const price of [2601, 2602]) {
        const outcome = await outcomeOf(writer.updatePrice(id, price));
        await writer.settled();
        lab.db.queries.reset();
        const seen = [(await reader.getProduct(id))?.priceCents, (await reader.getProduct(id))?.priceCents];
        const idea =
          `A server that restarted or failed over has an empty script cache and answers EVALSHA with NOSCRIPT. Send the script with EVAL then ` +
          `(ioredis's defineCommand does it for you); a script loaded once at startup is gone after the restart (Lesson 08, Redis as a cache, "Fewer round trips, atomic steps").`;
        expect(seen, `${name}: on a Redis that forgot its scripts (EVALSHA answers NOSCRIPT), updatePrice(${id}, ${price}) ${outcome}, then two reads returned ${seen.join(' and ')}; expected ${price} both times. ${idea}`).toEqual([price, price]);
        expectQueries(lab.db, productSelects, name === 'write-through' ? 0 : 1, `${name}: the reads after the write should fill the cache as usual. ${idea}`);
      }
    }
  });
});
