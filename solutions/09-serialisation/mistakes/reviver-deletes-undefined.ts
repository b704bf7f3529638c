/**
 * Mistake: tags are read back with a JSON.parse reviver
 * Replaces: codec.ts
 * Caught by: 09.6
 *
 * A reviver is the textbook way to rebuild types from JSON, and every tag the encoder
 * wrote is handled: Dates, bigints, Maps, Sets and Buffers all come back. Except
 * undefined: when a reviver returns undefined, JSON.parse deletes the field (and leaves
 * a hole in an array), so `'discount' in product` turns false on a cache hit. Walk the
 * parsed tree yourself to put undefined back.
 */
import { toText } from '../src/codec.js';
import { TYPE_RULES, type Json } from '../src/types.js';

export { toText };

// The reviver runs bottom-up, so a payload's inner values are already decoded.
const decoded = (json: Json) => json as unknown;

function reviver(_field: string, value: Json): unknown {
  const tagged = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!tagged || !('~' in value)) return value;
  if (value['~'] === 'object') return value.v;
  const rule = TYPE_RULES.find((candidate) => candidate.tag === value['~']);
  return rule ? rule.read(value.v as never, decoded) : value;
}

export function fromText(text: string): unknown {
  return JSON.parse(text, reviver) as unknown;
}
