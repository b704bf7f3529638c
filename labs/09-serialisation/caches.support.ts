// Helpers the lab 09 suites share: caches loaded as separate processes, and a comparison
// that names the first place where a value came back different.
import { inspect } from 'node:util';
import { expect } from 'vitest';
import { separateProcesses } from '../../harness/lab/processes.js';
import type { Lab } from '../../harness/lab/use-lab.js';
import { valueKey, type ValueCache, type ValueCacheOptions } from './src/contract.js';

export const LESSON = 'Lesson 09, Serialisation';

export interface DecodeError {
  key: string;
  error: unknown;
}

export interface Process {
  cache: ValueCache;
  /** Every call the cache made to onDecodeError. */
  errors: DecodeError[];
}

type Extra = Partial<Omit<ValueCacheOptions, 'redis' | 'keyPrefix'>>;

/**
 * One cache per entry of `options`, each loaded as its own process would load it (no
 * module state shared) with its own connection, all under the file's key prefix.
 */
export async function processes(lab: Lab, ...options: Extra[]): Promise<Process[]> {
  const load = () => import('./src/value-cache.js');
  const modules = await separateProcesses(options.length, load);
  return modules.map((module, i) => {
    const errors: DecodeError[] = [];
    const cache = module.createValueCache({
      redis: lab.redis.client(),
      keyPrefix: lab.redis.prefix,
      version: 1,
      onDecodeError: (key, error) => errors.push({ key, error }),
      ...options[i],
    });
    return { cache, errors };
  });
}

/** Writes `value` with one process and reads it with another. */
export async function roundTrip(lab: Lab, value: unknown, name = 'value') {
  const [writer, reader] = await processes(lab, {}, {});
  const failed = await writer!.cache.set(name, value, 60).then(() => undefined, String);
  const idea = `${LESSON}, "What JSON throws away".`;
  expect(failed, `set('${name}', ...) threw: ${failed}.\n${idea}`).toBeUndefined();
  const back = await reader!.cache.get(name);
  const errors = reader!.errors.map((e) => String(e.error));
  expect(errors, `Reading back ${name} reported a decode error.\n${LESSON}`).toEqual([]);
  return back;
}

function kind(x: unknown): string {
  if (x === null) return 'null';
  if (x instanceof Date) return 'Date';
  if (Buffer.isBuffer(x)) return 'Buffer';
  if (x instanceof Map) return 'Map';
  if (x instanceof Set) return 'Set';
  if (Array.isArray(x)) return 'array';
  return typeof x;
}

const SHOW = { depth: 2, compact: true, breakLength: Infinity, maxStringLength: 60 };
const show = (x: unknown) => `${kind(x)} ${inspect(x, SHOW)}`;

/** Where `actual` first differs from `expected`, in words; undefined when they agree. */
export function firstDifference(
  actual: unknown,
  expected: unknown,
  path: string,
): string | undefined {
  const was = `${path} came back as ${show(actual)}; it was stored as ${show(expected)}`;
  if (kind(actual) !== kind(expected)) return was;
  if (expected instanceof Date) {
    return (actual as Date).getTime() === expected.getTime() ? undefined : was;
  }
  if (Buffer.isBuffer(expected)) {
    return expected.equals(actual as Buffer) ? undefined : was;
  }
  if (expected instanceof Map || expected instanceof Set) {
    const entries = [...(actual as Map<unknown, unknown>)];
    return firstDifference(entries, [...expected], `${path} entries`);
  }
  if (Array.isArray(expected)) {
    const list = actual as unknown[];
    if (list.length !== expected.length) return was;
    for (let i = 0; i < list.length; i += 1) {
      // A hole reads as undefined too; only `in` tells it from a slot holding undefined.
      if (i in expected && !(i in list)) {
        return `${path}[${i}] came back as a hole (not in Object.keys); it was stored as ${show(expected[i])}`;
      }
      const found = firstDifference(list[i], expected[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null) {
    const fields = Object.keys(expected);
    const got = Object.keys(actual as object);
    if (fields.join() !== got.join()) {
      return (
        `${path} came back with the fields [${got.join(', ')}]; ` +
        `it was stored with [${fields.join(', ')}]`
      );
    }
    for (const field of fields) {
      const found = firstDifference(
        (actual as Record<string, unknown>)[field],
        (expected as Record<string, unknown>)[field],
        `${path}.${field}`,
      );
      if (found) return found;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : was;
}

/** Fails with the first difference, what was expected, and the idea behind it. */
export function expectSameValue(
  actual: unknown,
  expected: unknown,
  path: string,
  idea: string,
): void {
  const difference = firstDifference(actual, expected, path);
  expect(difference, `${difference}.\n${idea}`).toBeUndefined();
}

/** The bytes Redis holds under `name`, read by the suite's own connection. */
export async function storedBytes(lab: Lab, name: string): Promise<Buffer> {
  const stored = await lab.redis.admin.getBuffer(valueKey(lab.redis.prefix, name));
  expect(stored, `set('${name}', ...) resolved, but Redis holds nothing under its key.\n${LESSON}`).not.toBeNull();
  return stored!;
}

/**
 * Every JSON structure inside `stored`, outermost first: the longest slice from a `{` or
 * `[` to a `}` or `]` that parses, then each object, array and string within it. Empty
 * when the bytes hold no JSON (a binary format): nothing to learn from them then.
 */
export function jsonInside(stored: Buffer): unknown[] {
  const text = stored.toString('utf8');
  const at = (chars: string) => {
    const found: number[] = [];
    for (let i = 0; i < text.length; i += 1) if (chars.includes(text[i]!)) found.push(i);
    return found;
  };
  const ends = at('}]').reverse();
  for (const start of at('{[')) {
    for (const end of ends.filter((e) => e > start)) {
      const parsed = parse(text.slice(start, end + 1));
      if (parsed !== undefined) return nodesOf(parsed.json);
    }
  }
  return [];
}

function parse(text: string): { json: unknown } | undefined {
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function nodesOf(json: unknown): unknown[] {
  if (typeof json === 'string') return [json];
  if (json === null || typeof json !== 'object') return [];
  const inner = Array.isArray(json) ? json : Object.values(json as object);
  return [json, ...inner.flatMap(nodesOf)];
}
