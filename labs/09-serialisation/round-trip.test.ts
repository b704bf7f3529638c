// Lab 09 checks, part 1: every type the README lists comes back as it went in.
// Run: npm test labs/09-serialisation
// Each value is written by one process and read by another (separate module instances,
// separate connections), so only what is in Redis can carry the types across.
import { describe, expect, it } from 'vitest';
import { expectTtlsWithin, leastTtlLeft } from '../../harness/lab/teach.js';
import { useLab } from '../../harness/lab/use-lab.js';
import {
  expectSameValue,
  jsonInside,
  LESSON,
  processes,
  roundTrip,
  storedBytes,
  type Process,
} from './caches.support.js';
import { valueKey } from './src/contract.js';

const lab = useLab('09');
const JSON_LOSES =
  `${LESSON}, "What JSON throws away": a cache hit must return the same types ` +
  `a miss returns.`;

describe('lab 09: values round-trip with their types', () => {
  it('09.1 a plain value comes back equal, under its key, with the TTL set() was given', async () => {
    const [writer, reader] = await processes(lab, {}, {});
    const product = {
      id: 42,
      name: 'Wasserkocher „Ärger“ ✓ 🫖',
      price: 19.99,
      tags: ['kitchen'],
      inStock: true,
      note: null,
    };
    const sent = performance.now();
    await writer!.cache.set('product:42', product, 300);
    await writer!.cache.set('product:43', { ...product, id: 43 }, 60);
    await writer!.cache.set('product:44', { ...product, id: 44 }, 7331);
    const back = await reader!.cache.get('product:42');
    const text =
      `${JSON_LOSES} Text is UTF-8 both ways, in small entries stored as they are too ` +
      `(latin1 turns 'Ä' into two characters).`;
    expectSameValue(back, product, 'product:42', text);
    const miss = `${LESSON}: a name never set is a plain miss (undefined), not an error.`;
    expect(await reader!.cache.get('product:45'), miss).toBeUndefined();
    expect(reader!.errors, `${miss} onDecodeError was called.`).toEqual([]);
    const keys = await lab.redis.keys();
    const idea =
      `${LESSON}: set(name, value, ttlSeconds) stores under valueKey(keyPrefix, name), ` +
      `with that TTL in the same command, whatever its length.`;
    const names = ['product:42', 'product:43', 'product:44'].map((n) => valueKey(lab.redis.prefix, n));
    expect(keys.map((k) => k.key), idea).toEqual(names);
    const ttl = (ttlMs: number) => ({ minMs: leastTtlLeft(ttlMs, sent), maxMs: ttlMs });
    await expectTtlsWithin(lab.redis, keys.slice(0, 1), ttl(300_000), idea);
    await expectTtlsWithin(lab.redis, keys.slice(1, 2), ttl(60_000), idea);
    await expectTtlsWithin(lab.redis, keys.slice(2), ttl(7_331_000), idea);

    // A falsy value is a hit like any other: only undefined means a miss.
    const falsy: [string, unknown][] = [['zero', 0], ['empty', ''], ['no', false], ['null', null]];
    await Promise.all(falsy.map(([name, value]) => writer!.cache.set(name, value, 60)));
    for (const [name, value] of falsy) {
      const read = await reader!.cache.get(name);
      expectSameValue(read, value, name, `${JSON_LOSES} Test for undefined, not for falsiness.`);
    }
  });

  it('09.2 Dates come back as Dates, to the millisecond, wherever they sit', async () => {
    const value = {
      updatedAt: new Date('2025-01-31T09:00:00.123Z'),
      history: [new Date(1), new Date(-86_400_001)],
      audit: { at: new Date('1999-12-31T23:59:59.999Z') },
    };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const top = new Date('2030-06-15T12:34:56.789Z');
    expectSameValue(await roundTrip(lab, top, 'date'), top, 'date', JSON_LOSES);
  });

  it('09.3 BigInts come back with every digit, beyond 2^53, below zero and 0n; -0 stays -0', async () => {
    const value = { cents: 2n ** 53n + 1n, debt: -12n, none: 0n, list: [2n ** 70n], minus: -0 };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const big = -(2n ** 64n);
    expectSameValue(await roundTrip(lab, big, 'big'), big, 'big', JSON_LOSES);
    const zero = `${JSON_LOSES} 0n and -0 are falsy hits, not misses; JSON writes -0 as 0.`;
    expectSameValue(await roundTrip(lab, 0n, 'zero'), 0n, 'zero', zero);
    expectSameValue(await roundTrip(lab, -0, 'minus'), -0, 'minus', zero);
  });

  it('09.4 Maps and Sets come back with their entries in order, keys of every type, typed members', async () => {
    const value = {
      prices: new Map<unknown, unknown>([
        [1, 'one'],
        ['1', 'text one'],
        [true, { at: new Date(1_700_000_000_123) }],
        [new Date(5), new Set([1n])],
      ]),
      tags: new Set<unknown>(['sale', 3, new Date(7), new Map([['k', 2n]])]),
    };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const top = new Set([3, 1, 2]);
    expectSameValue(await roundTrip(lab, top, 'set'), top, 'set', JSON_LOSES);
  });

  it('09.5 Buffers come back as Buffers with every byte, including bytes that are not UTF-8', async () => {
    const value = {
      image: Buffer.from([0x00, 0x01, 0x7f, 0x80, 0xff, 0xc3, 0x28, 0xfe]),
      empty: Buffer.alloc(0),
      text: Buffer.from('plain ascii'),
    };
    expectSameValue(await roundTrip(lab, value), value, 'value', JSON_LOSES);
    const top = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    expectSameValue(await roundTrip(lab, top, 'bytes'), top, 'bytes', JSON_LOSES);
  });

  it('09.6 undefined fields stay, as undefined; undefined in an array is not null', async () => {
    const value = {
      id: 1,
      discount: undefined,
      list: [1, undefined, 3],
      nested: { note: undefined, kept: 'yes' },
      byName: new Map([['gone', undefined]]),
    };
    const idea =
      `${JSON_LOSES} A field set to undefined is kept (in the object's keys), and so is ` +
      `a slot of an array (\`i in array\`: not a hole); JSON drops the first, and a ` +
      `JSON.parse reviver that returns undefined deletes both.`;
    expectSameValue(await roundTrip(lab, value), value, 'value', idea);
    const top = [undefined, 2, undefined];
    expectSameValue(await roundTrip(lab, top, 'list'), top, 'list', idea);
  });

  it('09.7 data that looks like a type or a tag comes back exactly as it was', async () => {
    const value = {
      isoText: '2025-01-31T09:00:00.123Z',
      digits: '12345678901234567890',
      literals: ['123n', '-5n', '0n', '-0', 'NaN'],
      word: 'undefined',
      ['__proto__']: { admin: true },
      nodeBuffer: { type: 'Buffer', data: [1, 2, 3] },
      dollar: { $t: 'date', v: '2025-01-31T09:00:00.123Z' },
      tilde: { '~': 'date', v: 0 },
      tildeUnknown: { '~': 'd', v: 1 },
      typed: { __type: 'Map', value: [[1, 2]] },
      kind: { type: 'bigint', value: '12' },
      $type: { $type: 'd', v: 1 },
      short: { __t: 'bigint', v: '5' },
      named: { type: 'Date', value: '2025-01-31T09:00:00.123Z' },
      replacer: { dataType: 'Map', value: [['a', 1]] },
      ejson: [{ $date: '2025-01-31T09:00:00.123Z' }, { $numberLong: '5' }],
      alone: [{ '~': 'undefined' }, { $type: 'undefined' }, { type: 'undefined' }],
      at: { '@type': 'Set', t: 'set', tag: 'set', _t: 's', v: [] },
    };
    const idea =
      `${LESSON}, the tagged codec's edge: the app's own strings and objects are data. ` +
      `Revive only what your encoder tagged, and escape an object that has a field ` +
      `named like your tag, whatever the name (and keep a "__proto__" field: define ` +
      `fields, do not assign them).`;
    expectSameValue(await roundTrip(lab, value), value, 'value', idea);
    // Escaped or not, what such an object holds keeps its types.
    const holding = [
      { '~': 'date', v: new Date(5), n: 7n },
      { $type: 'bigint', value: 12n, at: new Date(9) },
      { type: 'Buffer', data: Buffer.from([1, 255]) },
      { dataType: 'Map', value: new Map([[1, new Date(3)]]) },
    ];
    const typed = `${idea} Decode the fields of an escaped object as any others.`;
    expectSameValue(await roundTrip(lab, holding, 'holding'), holding, 'holding', typed);
  });

  it('09.17 objects shaped like your own encoding are stored as data and come back as data', async () => {
    const [writer, reader] = await processes(lab, ...Array(2).fill({ compressAboveBytes: 1e6 }));
    const probe = {
      at: new Date(5),
      n: -123n,
      map: new Map<unknown, unknown>([[1, 'x'], ['1', undefined]]),
      set: new Set(['y']),
      bytes: Buffer.from([1, 255]),
      gone: undefined,
      list: [undefined, new Date(6), -0],
      look: { '~': 'x', $type: 'x', __type: 'x', type: 'x', $t: 'x', __t: 'x', tag: 'x' },
    };
    // What your code writes for the types, stored as data (as it is, and with a typed
    // field); then what it writes for those structures (its escapes), stored as data.
    const seen = new Set<string>();
    const fresh = (nodes: unknown[]) => nodes.filter((node) => {
      const text = JSON.stringify(node);
      return !seen.has(text) && Boolean(seen.add(text));
    });
    const forTypes = fresh(await written(writer!, 'probe', probe));
    const asData = { writer: writer!, reader: reader! };
    const escapes = await expectDataBack(asData, 'r2', forTypes, 'a Date, a bigint, a Map...', true);
    await expectDataBack(asData, 'r3', fresh(escapes), 'such structures, as data', false);
  });
});

/**
 * Stores each node as a plain value (and when `typed`, each object again with one field
 * at a time turned into a Date or a bigint), expects each back as it went in, and returns the structures
 * found in the bytes written for the nodes themselves.
 */
async function expectDataBack(
  { writer, reader }: { writer: Process; reader: Process },
  round: string,
  nodes: unknown[],
  source: string,
  typed: boolean,
): Promise<unknown[]> {
  const tries = typed ? [...nodes, ...nodes.flatMap(holdingTypes)] : nodes;
  const names = tries.map((_, i) => `${round}:${i}`);
  const found = await Promise.all(tries.map((node, i) => written(writer, names[i]!, node)));
  const backs = await Promise.all(names.map((name) => reader.cache.get(name)));
  const idea =
    `${LESSON}, the tagged codec's edge: your code writes this structure (or one of its ` +
    `fields, or it with a field set to a Date or a bigint) in the bytes it stores for ` +
    `${source}. The app may store it too, as data, and it must come back as it went ` +
    `in, types inside and all: escape it.`;
  const errors = reader.errors.map((e) => `${e.key}: ${String(e.error)}`);
  expect(errors, `Reading such structures back reported decode errors.\n${idea}`).toEqual([]);
  tries.forEach((node, i) => expectSameValue(backs[i], node, names[i]!, idea));
  return found.slice(0, nodes.length).flat();
}

/** Stores `value` and returns the JSON structures found in the bytes Redis holds. */
async function written(writer: Process, name: string, value: unknown): Promise<unknown[]> {
  await writer.cache.set(name, value, 60);
  return jsonInside(await storedBytes(lab, name));
}

/** `node` with one field at a time holding a Date or a bigint: types inside a look-alike. */
function holdingTypes(node: unknown): unknown[] {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
  const fields = Object.entries(node);
  return fields.map(([field], i) =>
    Object.fromEntries(fields.map(([f, v]) => [f, f === field ? (i % 2 ? 5n : new Date(i)) : v])),
  );
}
