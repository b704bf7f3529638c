/**
 * Mistake: tags sit under a field name no app would use, so nothing is escaped
 * Replaces: codec.ts
 * Caught by: 09.7, 09.17
 *
 * "$type" looks safe: who names a field like that? The app does, or its users do:
 * .NET and JSON-LD payloads carry "$type", and any object parsed from outside may hold
 * any field. An object { $type: 'date', v: 0 } is then read back as a Date, and one with
 * an unknown tag fails to decode. Whatever the name, escape objects that have it.
 */
import { TYPE_RULES, type Json } from '../src/types.js';

const TAG = '$type';

function encode(value: unknown): Json {
  const rule = TYPE_RULES.find((candidate) => candidate.is(value));
  if (rule) return { [TAG]: rule.tag, v: rule.write(value as never, encode) };
  if (value === null || typeof value !== 'object') return value as Json;
  if (Array.isArray(value)) return Array.from(value, encode);
  return Object.fromEntries(Object.entries(value).map(([field, v]) => [field, encode(v)]));
}

function decode(json: Json): unknown {
  if (Array.isArray(json)) return json.map(decode);
  if (json === null || typeof json !== 'object') return json;
  const rule = TYPE_RULES.find((candidate) => candidate.tag === json[TAG]);
  if (TAG in json && rule) return rule.read(json.v as never, decode);
  if (TAG in json) throw new Error(`unknown type tag ${String(json[TAG])}`);
  return Object.fromEntries(Object.entries(json).map(([field, v]) => [field, decode(v)]));
}

export const toText = (value: unknown): string => JSON.stringify(encode(value));
export const fromText = (text: string): unknown => decode(JSON.parse(text) as Json);
