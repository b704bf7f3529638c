/**
 * Mistake: a message that parses as JSON is taken for an invalidation
 * Replaces: invalidation-message.ts
 * Caught by: 07.11
 *
 * The try/catch around JSON.parse handles garbage, and every message this code publishes
 * has a keys array, so reading `.keys` straight away looks safe. But the channel is shared
 * by every instance of every version of the app, and by anyone who runs PUBLISH by hand:
 * JSON of another shape parses fine, `keys` is undefined, and the message listener throws
 * inside the Redis client's reply handling. Check the shape, not only the syntax.
 */
export const encodeInvalidation = (keys: readonly string[]): string => JSON.stringify({ keys });

export function decodeInvalidation(text: string): string[] {
  try {
    return (JSON.parse(text) as { keys: string[] }).keys; // we publish it, so we know its shape
  } catch {
    return [];
  }
}
