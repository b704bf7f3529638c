/**
 * Mistake: only the parse is guarded; the parsed value is assumed to be an object
 * Replaces: invalidation-message.ts
 * Caught by: 07.11
 *
 * The try/catch is there for text that is not JSON, and the shape is checked afterwards
 * (`keys` must be a list of strings), so every bad message looks covered. But `null`, `7`
 * and `true` are JSON too: they parse, and reading `.keys` of null throws outside the
 * try, inside the Redis client's reply handling, where it is an uncaught exception that
 * ends the process. Anyone can PUBLISH on the channel; check that the value is an object
 * before reading its fields.
 */
export { encodeInvalidation } from '../src/invalidation-message.js';

export function decodeInvalidation(text: string): string[] {
  let message: { keys?: unknown };
  try {
    message = JSON.parse(text) as { keys?: unknown };
  } catch {
    return [];
  }
  const { keys } = message; // parsed, so an object with or without keys
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string') : [];
}
