/**
 * Mistake: a Map is stored as a plain object of its entries
 * Replaces: types.ts
 * Caught by: 09.4
 *
 * Object.fromEntries(map) is the idiom everyone knows, it is readable in redis-cli, and a
 * Map with string keys round-trips. But object keys are strings: the number key 1 and
 * the string key '1' collapse into one entry, `map.get(1)` misses after a cache hit, and
 * a Date or boolean key becomes its text. Store the entries as [key, value] pairs.
 */
import { TYPE_RULES as RULES, type Json } from '../src/types.js';

export type { Json, TypeRule } from '../src/types.js';

export const TYPE_RULES = RULES.map((rule) =>
  rule.tag !== 'map'
    ? rule
    : {
        ...rule,
        write: (value: Map<unknown, unknown>, inner: (value: unknown) => Json) =>
          Object.fromEntries(Array.from(value, ([k, v]) => [String(k), inner(v)])),
        read: (fields: Record<string, Json>, inner: (json: Json) => unknown) =>
          new Map(Object.entries(fields).map(([k, v]) => [k, inner(v)])),
      },
);
