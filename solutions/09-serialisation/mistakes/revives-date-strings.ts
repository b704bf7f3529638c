/**
 * Mistake: every string that looks like an ISO date is read back as a Date
 * Replaces: codec.ts
 * Caught by: 09.7
 *
 * A "date reviver" with a regular expression is a popular fix for JSON losing Dates, and
 * here it even looks generous: entries written before Dates were tagged read back as
 * Dates too. But the app's own strings are data: an ISO timestamp a user typed, a
 * version label, an order note, all come back as Date objects, and code that calls
 * .trim() or compares them with === breaks on cache hits only. Revive only what the
 * encoder tagged.
 */
import { fromText as strict, toText } from '../src/codec.js';

export { toText };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function reviveDates(value: unknown): unknown {
  if (typeof value === 'string' && ISO.test(value)) return new Date(value);
  if (Array.isArray(value)) return value.map(reviveDates);
  const plain = typeof value === 'object' && value?.constructor === Object;
  if (!plain) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveDates(v)]));
}

export function fromText(text: string): unknown {
  return reviveDates(strict(text));
}
