/**
 * Mistake: decoded arrays are preallocated and undefined slots left unset
 * Replaces: codec.ts
 * Caught by: 09.6
 *
 * `new Array(n)` looks like n undefineds, and reading a slot that was never set does give
 * undefined, so skipping the undefined ones seems free. But those slots are holes: `1 in
 * list` is false, Object.keys and forEach skip them, and a hit is not the array that was
 * stored. Fill every slot, undefined ones included.
 */
import { toText } from '../src/codec.js';
import { TYPE_RULES, type Json } from '../src/types.js';

export { toText };

type Fields = { [field: string]: Json };

function decodeList(list: Json[]): unknown[] {
  const out = new Array<unknown>(list.length);
  list.forEach((item, i) => {
    const value = decode(item);
    if (value !== undefined) out[i] = value;
  });
  return out;
}

const decodeFields = (fields: Fields) =>
  Object.fromEntries(Object.entries(fields).map(([field, v]) => [field, decode(v)]));

function decode(json: Json): unknown {
  if (Array.isArray(json)) return decodeList(json);
  if (json === null || typeof json !== 'object') return json;
  if (!('~' in json)) return decodeFields(json);
  if (json['~'] === 'object') return decodeFields(json.v as Fields);
  const rule = TYPE_RULES.find((candidate) => candidate.tag === json['~'])!;
  return rule.read(json.v as never, decode);
}

export const fromText = (text: string): unknown => decode(JSON.parse(text) as Json);
