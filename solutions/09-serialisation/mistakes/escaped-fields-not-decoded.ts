/**
 * Mistake: an escaped object's fields are returned without being decoded
 * Replaces: codec.ts
 * Caught by: 09.7, 09.17
 *
 * The escape wrapper says "this is plain data", so unwrapping it and returning what is
 * inside seems to be the whole job. But the fields inside were encoded like any others:
 * a Date or a bigint in an object that happens to have a "~" field comes back as its tag,
 * { "~": "date", v: ... }. Decode the fields of an escaped object too.
 */
import { toText } from '../src/codec.js';
import { TYPE_RULES, type Json } from '../src/types.js';

export { toText };

function decode(json: Json): unknown {
  if (Array.isArray(json)) return json.map(decode);
  if (json === null || typeof json !== 'object') return json;
  if (json['~'] === 'object') return json.v; // plain data: nothing to revive
  const rule = '~' in json && TYPE_RULES.find((candidate) => candidate.tag === json['~']);
  if (rule) return rule.read(json.v as never, decode);
  return Object.fromEntries(Object.entries(json).map(([field, v]) => [field, decode(v)]));
}

export const fromText = (text: string): unknown => decode(JSON.parse(text) as Json);
