/**
 * Mistake: the version is a line of its own before the value's text
 * Replaces: envelope.ts
 * Caught by: 09.15
 *
 * "1\n" then the JSON: the version can be read without parsing the body, and an object
 * cut short still fails to parse. But a number or a string that is cut short is still
 * valid JSON for a shorter value: "1\n1234567" read back is 123 after a cut, with no
 * error at all. The framing must fail on a cut (an envelope that closes, a length).
 */
import { fromText, toText } from '../src/codec.js';
import type { Entry } from '../src/envelope.js';
import { frame, unframe } from '../src/frame.js';

export type { Entry };

export function seal(entry: Entry, compressAboveBytes: number): Promise<Buffer> {
  return frame(`${entry.version}\n${toText(entry.value)}`, compressAboveBytes);
}

export async function open(stored: Buffer): Promise<Entry> {
  const text = await unframe(stored);
  const newline = text.indexOf('\n');
  const version = Number(text.slice(0, newline));
  if (newline < 1 || !Number.isInteger(version)) throw new Error('no version: not ours');
  return { version, value: fromText(text.slice(newline + 1)) };
}
