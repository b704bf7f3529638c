/**
 * Mistake: the text is normalised with NFKC rather than NFC
 * Replaces: request-key.ts
 * Caught by: 11.3
 *
 * NFKC is the "more thorough" normal form, and it does fold every way of writing "café"
 * into one. It also folds characters that are not the same text: "x²" becomes "x2", the
 * ligature "ﬁ" becomes "fi", a full-width "？" becomes "?". A maths question about x² is
 * then served the answer about x2. NFC changes only how a character is encoded, never
 * which character it is.
 */
import type { CompletionRequest } from '../../../labs/11-caching-llm-responses/src/contract.js';
import { completionKey as nfcKey } from '../src/request-key.js';

export function completionKey(keyPrefix: string, tenant: string, request: CompletionRequest, secret: string, streamed = false): string {
  const messages = request.messages.map((m) => ({ ...m, content: m.content.normalize('NFKC') }));
  return nfcKey(keyPrefix, tenant, { ...request, messages }, secret, streamed);
}
