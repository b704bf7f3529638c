/**
 * Mistake: a Buffer is stored as its UTF-8 text
 * Replaces: types.ts
 * Caught by: 09.5, 09.10
 *
 * toString() is the shortest way from bytes to a JSON string, and every Buffer made from
 * text (a token, a rendered fragment) round-trips. But bytes that are not valid UTF-8,
 * which is most of an image, a hash or a compressed blob, are replaced by U+FFFD on the
 * way in: the cache hands back different bytes, of a different length. Use base64 (or
 * hex), which carries any byte.
 */
import { TYPE_RULES as RULES } from '../src/types.js';

export type { Json, TypeRule } from '../src/types.js';

export const TYPE_RULES = RULES.map((rule) =>
  rule.tag !== 'buffer'
    ? rule
    : {
        ...rule,
        write: (value: Buffer) => value.toString('utf8'),
        read: (text: string) => Buffer.from(text, 'utf8'),
      },
);
