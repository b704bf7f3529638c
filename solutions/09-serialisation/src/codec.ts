// Turns a cached value into JSON text and back, keeping the types of types.ts. Each is
// written as { "~": tag, v: payload }; a plain object that has a "~" field of its own is
// wrapped as { "~": "object", v: fields }, so no data of the app is read as a tag. The
// tree is walked by hand both ways: a JSON.parse reviver cannot return undefined (the
// field would be deleted).
import { TYPE_RULES, type Json } from './types.js';

type Fields = { [field: string]: Json };

const TAG = '~';

// #region walk
function encode(value: unknown): Json {
  const rule = TYPE_RULES.find((candidate) => candidate.is(value));
  if (rule) return { [TAG]: rule.tag, v: rule.write(value as never, encode) };
  if (value === null || typeof value !== 'object') return value as Json;
  // Array.from visits holes too, as undefined, where .map would skip them.
  if (Array.isArray(value)) return Array.from(value, encode);
  const fields: Fields = Object.fromEntries(
    Object.entries(value).map(([field, v]) => [field, encode(v)]),
  );
  return TAG in fields ? { [TAG]: 'object', v: fields } : fields;
}

// Object.fromEntries defines fields, so a "__proto__" field stays data.
const decodeFields = (fields: Fields): Record<string, unknown> =>
  Object.fromEntries(Object.entries(fields).map(([field, v]) => [field, decode(v)]));

function decode(json: Json): unknown {
  if (Array.isArray(json)) return json.map(decode);
  if (json === null || typeof json !== 'object') return json;
  if (!(TAG in json)) return decodeFields(json);
  if (json[TAG] === 'object') return decodeFields(json.v as Fields);
  const rule = TYPE_RULES.find((candidate) => candidate.tag === json[TAG]);
  if (!rule) throw new Error(`unknown type tag ${JSON.stringify(json[TAG])}`);
  return rule.read(json.v as never, decode);
}
// #endregion walk

export function toText(value: unknown): string {
  return JSON.stringify(encode(value));
}

export function fromText(text: string): unknown {
  return decode(JSON.parse(text) as Json);
}
