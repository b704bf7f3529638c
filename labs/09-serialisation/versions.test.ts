// Lab 09 checks, part 3: shape versions, and entries the cache cannot read.
// Run: npm test labs/09-serialisation
// Two deployments of the app are two processes with different `version` options sharing
// one key; foreign and damaged entries are written by the suite's own connection.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { useLab } from '../../harness/lab/use-lab.js';
import { expectSameValue, LESSON, processes, type Process } from './caches.support.js';
import { valueKey } from './src/contract.js';

const lab = useLab('09');
const VERSIONS =
  `${LESSON}, "Changing the shape without breaking readers": an entry carries its ` +
  `shape version; the current version is returned, an older one only through ` +
  `readOlder, anything else is a miss.`;
const UNREADABLE =
  `${LESSON}: a decode failure behaves like a miss (the caller reloads and overwrites) ` +
  `and is reported through onDecodeError, never thrown and never returned half-read.`;

const key = (name: string) => valueKey(lab.redis.prefix, name);
const updatedAt = new Date('2025-03-01T10:00:00.250Z');
const oldProduct = { id: 7, price: 1999, updatedAt };
const newProduct = { id: 7, price: { cents: 1999, currency: 'EUR' }, stock: 4 };

/** What get() did: resolved with a value, or rejected. */
async function outcome(reader: Process, name: string): Promise<string | undefined> {
  try {
    const value = await reader.cache.get(name);
    const shown = inspect(value, { depth: 2, breakLength: Infinity, maxStringLength: 60 });
    return value === undefined ? undefined : `returned ${shown}`;
  } catch (thrown) {
    return `threw ${String(thrown)}`;
  }
}

async function expectQuietMiss(reader: Process, name: string, why: string) {
  const read = await outcome(reader, name);
  expect(read, `get('${name}') ${why} ${read}; expected a miss (undefined).\n${VERSIONS}`)
    .toBeUndefined();
  expect(
    reader.errors.map((e) => String(e.error)),
    `A version mismatch is expected during a deploy, not an error; onDecodeError was ` +
      `called.\n${VERSIONS}`,
  ).toEqual([]);
}

async function expectLoggedMiss(reader: Process, name: string, what: string) {
  reader.errors.length = 0;
  const read = await outcome(reader, name);
  expect(read, `get() of ${what} ${read}; expected a miss.\n${UNREADABLE}`)
    .toBeUndefined();
  expect(
    reader.errors.map((e) => e.key),
    `get() of ${what}: expected exactly one onDecodeError call naming ${key(name)}.\n` +
      UNREADABLE,
  ).toEqual([key(name)]);
}

describe('lab 09: versions', () => {
  it('09.11 an older entry goes through readOlder, with its version and its types, and its result is returned', async () => {
    const calls: [number, unknown][] = [];
    const upgrade = (version: number, value: unknown) => {
      calls.push([version, value]);
      if (version === 2) return value; // version 3 changed nothing this entry holds
      const old = value as typeof oldProduct;
      return { ...old, price: { cents: old.price, currency: 'EUR' } };
    };
    const [v1, v2, v3] = await processes(
      lab,
      { version: 1 },
      { version: 2, readOlder: upgrade },
      { version: 3, readOlder: upgrade },
    );
    await v1!.cache.set('product:7', oldProduct, 60);
    const upgraded = { ...oldProduct, price: { cents: 1999, currency: 'EUR' } };
    const expectRead = async (reader: Process, name: string, what: string) =>
      expectSameValue(await reader.cache.get(name), upgraded, what, VERSIONS);
    await expectRead(v2!, 'product:7', 'product:7 (version 1) read by version 2');
    expectSameValue(calls, [[1, oldProduct]], 'the readOlder calls', VERSIONS);
    await v2!.cache.set('product:8', upgraded, 60);
    await expectRead(v2!, 'product:8', 'version 2 reading its own entry');
    await expectRead(v3!, 'product:8', 'product:8 (version 2) read by version 3');
    expect(
      calls.map(([version]) => version),
      `readOlder is called once per older entry read, with that entry's version.\n` +
        VERSIONS,
    ).toEqual([1, 2]);
  });

  it('09.12 an older entry without readOlder, or one readOlder rejects, is a quiet miss', async () => {
    const [v1, v2, v3] = await processes(
      lab,
      { version: 1 },
      { version: 2 },
      { version: 3, readOlder: () => undefined },
    );
    await v1!.cache.set('product:7', oldProduct, 60);
    await expectQuietMiss(v2!, 'product:7', 'of a version 1 entry, without readOlder,');
    await expectQuietMiss(v3!, 'product:7', 'of a version 1 entry readOlder rejects');
    const again = await v1!.cache.get('product:7');
    expectSameValue(again, oldProduct, 'product:7 read by version 1 again', VERSIONS);
  });

  it('09.13 an entry of a newer version (a rolling deploy) is a quiet miss, never given to readOlder', async () => {
    const seen: number[] = [];
    const keep = (version: number, value: unknown) => (seen.push(version), value);
    const [v2, v3] = await processes(lab, { version: 2, readOlder: keep }, {
      version: 3,
    });
    await v3!.cache.set('product:7', newProduct, 60);
    await expectQuietMiss(v2!, 'product:7', 'of a version 3 entry by version 2');
    expect(
      seen,
      `readOlder upgrades older entries only; version 2 cannot know version 3's ` +
        `shape.\n` +
        VERSIONS,
    ).toEqual([]);
  });

  it('09.14 a readOlder that throws is a miss with the error reported', async () => {
    const failing = () => {
      throw new Error('no price');
    };
    const [v1, v2] = await processes(lab, { version: 1 }, {
      version: 2,
      readOlder: failing,
    });
    await v1!.cache.set('product:7', oldProduct, 60);
    await expectLoggedMiss(v2!, 'product:7', 'an entry whose readOlder throws');
  });
});

describe('lab 09: entries the cache cannot read', () => {
  it('09.15 a damaged entry (cut short, or emptied) is a miss plus one reported error', async () => {
    const [writer, reader] = await processes(lab, {}, {});
    const admin = lab.redis.admin;
    await writer!.cache.set('small', { id: 1, name: 'Kettle', at: new Date(3) }, 60);
    await writer!.cache.set('big', { text: 'a'.repeat(5000), at: new Date(3) }, 60);
    for (const name of ['small', 'big']) {
      const stored = (await admin.getBuffer(key(name)))!;
      const half = stored.subarray(0, Math.floor(stored.length / 2));
      await admin.set(key(`${name}:cut`), half, 'EX', 60);
      const what = `the ${name} entry cut to half its ${stored.length} bytes`;
      await expectLoggedMiss(reader!, `${name}:cut`, what);
    }
    await admin.set(key('empty'), '', 'EX', 60);
    await expectLoggedMiss(reader!, 'empty', 'an empty string');
    await writer!.cache.set('small', { id: 2 }, 60);
    const again = await reader!.cache.get('small');
    expectSameValue(again, { id: 2 }, 'small, written again', UNREADABLE);

    // Without onDecodeError, the default reports to console.error.
    const logged = captureConsole('09', ['error']);
    const [quiet] = await processes(lab, { onDecodeError: undefined });
    const read = await outcome(quiet!, 'empty');
    expect(read, `get() of an empty string ${read}; expected a miss.\n${UNREADABLE}`)
      .toBeUndefined();
    const lines = logged.lines();
    expect(
      lines.filter((line) => line.includes(key('empty'))),
      `Without onDecodeError, an unreadable entry is reported once with console.error, ` +
        `naming the key; console.error printed ${JSON.stringify(lines)}.\n${UNREADABLE}`,
    ).toHaveLength(1);
  });

  it('09.16 values another program stored under the key are misses plus a reported error, never returned', async () => {
    const [reader] = await processes(lab, {});
    // { id: 7, price: 1999 } in MessagePack
    const msgpack = [0x82, 0xa2, 0x69, 0x64, 0x07, 0xa5, 0x70, 0x72, 0x69, 0x63, 0x65];
    const foreign: [string, string | Buffer][] = [
      ['json-object', JSON.stringify({ id: 7, price: 1999 })],
      ['json-number', '42'],
      ['json-string', JSON.stringify('hello')],
      ['json-array', '[1,2,3]'],
      ['msgpack', Buffer.from([...msgpack, 0xcd, 0x07, 0xcf])],
      ['text', 'OK'],
    ];
    for (const [name, stored] of foreign) {
      await lab.redis.admin.set(key(name), stored, 'EX', 60);
      const shown = JSON.stringify(String(stored));
      const what = `a value another program wrote (${name}: ${shown})`;
      await expectLoggedMiss(reader!, name, what);
    }
  });
});
