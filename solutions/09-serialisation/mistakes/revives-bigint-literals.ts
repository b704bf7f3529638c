/**
 * Mistake: every string written like a bigint literal is read back as a bigint
 * Replaces: codec.ts
 * Caught by: 09.7
 *
 * '123n' is how JavaScript writes a bigint, and a replacer that turns bigints into such
 * strings is a popular answer to "JSON.stringify cannot serialise a BigInt". The reader
 * then revives every string that matches. But '-5n' or '0n' may be the app's own text (a
 * size label, a part number), and it comes back a bigint on a cache hit only. Revive
 * only what the encoder tagged.
 */
import { fromText as strict, toText } from '../src/codec.js';

export { toText };

function reviveBigints(value: unknown): unknown {
  if (typeof value === 'string' && /^-?\d+n$/.test(value)) return BigInt(value.slice(0, -1));
  if (Array.isArray(value)) return value.map(reviveBigints);
  const plain = typeof value === 'object' && value?.constructor === Object;
  if (!plain) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reviveBigints(v)]));
}

export function fromText(text: string): unknown {
  return reviveBigints(strict(text));
}
