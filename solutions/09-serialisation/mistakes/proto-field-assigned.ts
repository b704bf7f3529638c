/**
 * Mistake: decoded objects are built by assigning their fields
 * Replaces: codec.ts
 * Caught by: 09.7
 *
 * `out[field] = decode(value)` is the obvious way to copy fields, and it works for every
 * name but one: assigning `__proto__` sets the object's prototype instead of a field, so
 * an app object with a "__proto__" field (JSON.parse makes them from any user's input)
 * loses it on a cache hit. Define fields (Object.fromEntries, Object.defineProperty).
 */
import { toText } from '../src/codec.js';
import { TYPE_RULES, type Json } from '../src/types.js';

export { toText };

type Fields = { [field: string]: Json };

function decodeFields(fields: Fields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(fields)) out[field] = decode(v);
  return out;
}

function decode(json: Json): unknown {
  if (Array.isArray(json)) return json.map(decode);
  if (json === null || typeof json !== 'object') return json;
  if (!('~' in json)) return decodeFields(json);
  if (json['~'] === 'object') return decodeFields(json.v as Fields);
  const rule = TYPE_RULES.find((candidate) => candidate.tag === json['~'])!;
  return rule.read(json.v as never, decode);
}

export const fromText = (text: string): unknown => decode(JSON.parse(text) as Json);
