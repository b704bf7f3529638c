// The cache key of a completion. The interface lives in contract.ts.
import type { CompletionRequest } from './contract.js';

/**
 * The key under which the answer to `request` for `tenant` is stored. Meant to be
 * answerKey(keyPrefix, tenant, <hex HMAC-SHA-256 of the normalised request and tenant>).
 */
export function completionKey(
  keyPrefix: string,
  tenant: string,
  request: CompletionRequest,
  secret: string,
): string {
  // TODO(11): the request as written is the key. Two callers that write the same question
  // with their fields in another order, or with a trailing newline, never share an entry;
  // `user` and `metadata` split entries that would give the same answer; the prompt ends
  // up in every SCAN and slow log; the tenant and the secret play no part at all.
  void tenant;
  void secret;
  return `${keyPrefix}llm:${JSON.stringify(request)}`;
}
