// Lab 09 checks, part 3: shape versions, and entries the cache cannot read.
// Run: npm test labs/09-serialisation
// Two deployments of the app are two processes with different `version` options sharing
// one key; foreign and damaged entries are written by the suite's own connection.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { captureConsole } from '../../harness/lab/console-capture.js';
import { leastTtlLeft, outcome as settled } from '../../harness/lab/teach.js';
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
    const sent = performance.now();
    await v1!.cache.set('product:7', oldProduct, 7331);
    const upgraded = { ...oldProduct, price: { cents: 1999, currency: 'EUR' } };
    const expectRead = async (reader: Process, name: string, what: string) =>
      expectSameValue(await reader.cache.get(name), upgraded, what, VERSIONS);
    await expectRead(v2!, 'product:7', 'product:7 (version 1) read by version 2');
    expectSameValue(calls, [[1, oldProduct]], 'the readOlder calls', VERSIONS);
    // get may write the upgrade back, but the entry keeps the TTL it had left.
    const left = await lab.redis.admin.pttl(key('product:7'));
    const least = leastTtlLeft(7_331_000, sent);
    expect(
      left >= least && left <= 7_331_000,
      `product:7 was set with a TTL of 7331 s; after version 2 read it, its PTTL is ` +
        `${left} ms, expected between ${least} and 7331000 ms. An upgrade written back ` +
        `by get keeps the TTL the entry had left.\n${VERSIONS}`,
    ).toBe(true);
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
    const after = await v3!.cache.get('product:7');
    const kept =
      `${VERSIONS} An entry the reader cannot use is still the newer readers' entry: ` +
      `leave it in place.`;
    expectSameValue(after, newProduct, 'product:7 read by version 3 again', kept);
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

  it('09.18 versions are numbers: 10 is newer than 9, 0 is a version, and a falsy upgrade is a hit', async () => {
    const calls: [number, number][] = [];
    const upgradeBy = (reader: number) => (version: number, value: unknown) => {
      calls.push([reader, version]);
      return (value as { becomes: unknown }).becomes;
    };
    const [v0, v1, v9, v10] = await processes(
      lab,
      { version: 0 },
      { version: 1, readOlder: upgradeBy(1) },
      { version: 9, readOlder: upgradeBy(9) },
      { version: 10, readOlder: upgradeBy(10) },
    );
    const cases: [Process, string, unknown][] = [
      [v0!, 'zero', { becomes: 'from 0' }],
      [v9!, 'nine', { becomes: 'from 9' }],
      [v10!, 'ten', { becomes: 'from 10' }],
    ];
    await Promise.all(cases.map(([writer, name, value]) => writer.cache.set(name, value, 60)));
    const read = async (reader: Process, name: string, expected: unknown, what: string) =>
      expectSameValue(await reader.cache.get(name), expected, what, VERSIONS);
    for (const [writer, name, value] of cases) {
      await read(writer, name, value, `${name}, read by the version that wrote it`);
    }
    await read(v1!, 'zero', 'from 0', 'zero (version 0) read by version 1');
    await read(v10!, 'nine', 'from 9', 'nine (version 9) read by version 10');
    await read(v9!, 'ten', undefined, 'ten (version 10) read by version 9');
    expect(
      calls,
      `readOlder calls as [reader, entry version]: each reader's own entries go past it, ` +
        `an older one (0 by 1, 9 by 10) goes to it with its version, a newer one (10 by ` +
        `9) never does. Compare versions as numbers.\n${VERSIONS}`,
    ).toEqual([[1, 0], [10, 9]]);

    // Only undefined rejects an older entry: null, 0, '' and false are values.
    const falsy: unknown[] = [null, 0, '', false];
    await Promise.all(falsy.map((becomes, i) => v0!.cache.set(`falsy:${i}`, { becomes }, 60)));
    for (const [i, becomes] of falsy.entries()) {
      const what = `falsy:${i}, whose readOlder returned ${String(becomes)}`;
      await read(v1!, `falsy:${i}`, becomes, what);
    }
  });
});

describe('lab 09: entries the cache cannot read', () => {
  it('09.15 a damaged entry (cut short, or emptied) is a miss plus one reported error', async () => {
    const [writer, reader] = await processes(lab, {}, {});
    const admin = lab.redis.admin;
    const values: [string, unknown][] = [
      ['small', { id: 1, name: 'Kettle', at: new Date(3) }],
      ['big', { text: 'a'.repeat(5000), at: new Date(3) }],
      ['number', 123456789.12345678],
      ['string', 'Kettle, 1.7 litres, brushed steel, 2200 W. '.repeat(3)],
    ];
    for (const [name, value] of values) {
      await writer!.cache.set(name, value, 60);
      const stored = (await admin.getBuffer(key(name)))!;
      const half = stored.subarray(0, Math.floor(stored.length / 2));
      await admin.set(key(`${name}:cut`), half, 'EX', 60);
      const what = `the ${name} entry cut to half its ${stored.length} bytes`;
      await expectLoggedMiss(reader!, `${name}:cut`, what);
      await expectNoPart(reader!, name, stored, value);
    }
    await admin.set(key('empty'), '', 'EX', 60);
    await expectLoggedMiss(reader!, 'empty', 'an empty string');
    await writer!.cache.set('small', { id: 2 }, 60);
    const again = await reader!.cache.get('small');
    expectSameValue(again, { id: 2 }, 'small, written again', UNREADABLE);

    // Without onDecodeError, the default reports to console.error, once.
    const logged = captureConsole('09', ['error']);
    const [quiet] = await processes(lab, { onDecodeError: undefined });
    const read = await outcome(quiet!, 'empty');
    expect(read, `get() of an empty string ${read}; expected a miss.\n${UNREADABLE}`)
      .toBeUndefined();
    const lines = logged.lines();
    expect(
      lines.length === 1 && lines[0]!.includes(key('empty')),
      `Without onDecodeError, an unreadable entry is reported with one console.error ` +
        `call naming the key ${key('empty')}; during the get, console.error printed ` +
        `${JSON.stringify(lines)}.\n${UNREADABLE}`,
    ).toBe(true);
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

    // Your own entries with their first bytes taken off, or their first byte changed:
    // JSON shaped like your body, or your body behind another marker. None is yours.
    const [raw, packed] = await processes(lab, { compressAboveBytes: 1e6 }, {
      compressAboveBytes: 0,
    });
    for (const [writer, form] of [[raw!, 'uncompressed'], [packed!, 'compressed']] as const) {
      await writer.cache.set('own', { id: 7, price: 1999, name: 'Kettle' }, 60);
      const own = (await lab.redis.admin.getBuffer(key('own')))!;
      const suffixes = Array.from({ length: own.length - 1 }, (_, i) => own.subarray(i + 1));
      const marks = [0x00, 0x20, 0x22, 0x31, 0x5b, 0x7b, 0xff, own[0]! ^ 0x01, own[0]! ^ 0x20];
      const remarked = [...new Set(marks)]
        .filter((mark) => mark !== own[0])
        .map((mark) => Buffer.concat([Buffer.of(mark), own.subarray(1)]));
      await expectNoneReturned(reader!, suffixes, `your ${form} entry without its first bytes`);
      await expectNoneReturned(reader!, remarked, `your ${form} entry with another first byte`);
    }
  });
});

/**
 * Stores every strict prefix of `stored` (your entry of `value`, cut at each length) and
 * reads it: a miss reported once, never a part of the value (the whole value passes).
 */
async function expectNoPart(reader: Process, name: string, stored: Buffer, value: unknown) {
  const lengths = Array.from({ length: stored.length }, (_, n) => n);
  const names = lengths.map((n) => `${name}:${n}`);
  await Promise.all(
    names.map((cut, n) => lab.redis.admin.set(key(cut), stored.subarray(0, n), 'EX', 60)),
  );
  reader.errors.length = 0;
  const reads = await Promise.all(names.map((cut) => settled(reader.cache.get(cut))));
  reads.forEach((read, n) => {
    const what = `get() of the ${name} entry cut to ${n} of its ${stored.length} bytes`;
    expect('error' in read, `${what} rejected: ${'error' in read && read.error}.\n${UNREADABLE}`)
      .toBe(false);
    const back = 'value' in read ? read.value : undefined;
    const part = `${UNREADABLE} A cut entry must not parse as a shorter value: frame it so it cannot.`;
    if (back !== undefined) return expectSameValue(back, value, `${name} cut to ${n} bytes`, part);
    const reports = reader.errors.filter((e) => e.key === key(names[n]!)).length;
    expect(reports, `${what}: a miss, reported ${reports} times; expected once.\n${UNREADABLE}`)
      .toBe(1);
  });
}

/** Stores each of `entries` and expects a miss of each, reported once when it is JSON. */
async function expectNoneReturned(reader: Process, entries: Buffer[], from: string) {
  const names = entries.map((_, i) => `foreign:${i}`);
  await Promise.all(names.map((name, i) => lab.redis.admin.set(key(name), entries[i]!, 'EX', 60)));
  reader.errors.length = 0;
  const reads = await Promise.all(names.map((name) => outcome(reader, name)));
  reads.forEach((read, i) => {
    const shown = JSON.stringify(entries[i]!.toString('latin1'));
    const json = (() => {
      try {
        return JSON.parse(entries[i]!.toString('utf8')) !== undefined;
      } catch {
        return false;
      }
    })();
    const what = `get() of ${shown}, made from ${from}${json ? ' (JSON another program could write)' : ''},`;
    expect(read, `${what} ${read}; expected a miss.\n${UNREADABLE}`).toBeUndefined();
    const reports = reader.errors.filter((e) => e.key === key(names[i]!)).length;
    expect(
      json ? reports === 1 : reports <= 1,
      `${what} was reported ${reports} times; expected ${json ? 'once' : 'at most once'}.\n${UNREADABLE}`,
    ).toBe(true);
  });
}
